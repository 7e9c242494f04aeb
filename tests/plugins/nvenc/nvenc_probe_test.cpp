// Tests plugins/nvenc's detection: the probe against this machine's real driver state, and
// the words for every failure the driver can report.
#include <catch2/catch.hpp>

#include <dlfcn.h>
#include <ffnvcodec/nvEncodeAPI.h>

#include <set>
#include <string>

#include "core/plugin/plugin_registry.hpp"
#include "core/scene/properties.hpp"
#include "plugins/nvenc/nvenc_encoder.hpp"
#include "plugins/nvenc/nvenc_probe.hpp"
#include "plugins/nvenc/nvenc_types.hpp"

using namespace lm;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

bool library_loads(const char* name) {
    void* handle = dlopen(name, RTLD_LAZY | RTLD_LOCAL);
    if (handle != nullptr)
        dlclose(handle);
    return handle != nullptr;
}

}  // namespace

TEST_CASE("the probe names the first missing piece on this machine", "[nvenc]") {
    const EncoderAvailability availability = probe_nvenc(NvencCodec::h264);
    INFO("probe: " << (availability.available ? "available" : availability.reason));
    CHECK(availability.available == availability.reason.empty());
    if (!library_loads("libcuda.so.1")) {
        // No driver at all: the probe must say exactly that, not a later step's failure.
        CHECK(availability.reason == "no NVIDIA driver (libcuda.so.1 not found)");
    } else if (!availability.available) {
        // A driver is there: whatever fails is past the library check.
        CHECK_THAT(availability.reason, !StartsWith("no NVIDIA driver"));
    }
}

TEST_CASE("the registered nvenc type reports the probe and refuses to open with its reason",
          "[nvenc]") {
    PluginRegistry registry;
    register_nvenc_types(registry);
    const VideoEncoderType* type = registry.video_encoder("nvenc");
    REQUIRE(type != nullptr);
    REQUIRE(type->probe);
    const EncoderAvailability availability = type->availability();
    CHECK(availability.reason == probe_nvenc(NvencCodec::h264).reason);
    if (!availability.available) {
        const nlohmann::json settings = apply_schema(type->properties, nlohmann::json::object());
        CHECK_THROWS_MATCHES(type->create(VideoFormat{}, settings), EncoderError,
                             Catch::Matchers::Message("nvenc: " + availability.reason));
    }
}

TEST_CASE("each driver failure has its own words", "[nvenc]") {
    // CUresult: CUDA_ERROR_NO_DEVICE 100, INSUFFICIENT_DRIVER 35, SYSTEM_DRIVER_MISMATCH 803.
    CHECK_THAT(cuda_init_failure(100), StartsWith("no CUDA device"));
    CHECK_THAT(cuda_init_failure(35), Contains("driver too old"));
    CHECK_THAT(cuda_init_failure(803), Contains("mismatch"));
    CHECK_THAT(cuda_init_failure(12345), Contains("CUresult 12345"));
    // NVENCSTATUS, from nvEncOpenEncodeSessionEx.
    CHECK(nvenc_session_failure(NV_ENC_ERR_UNSUPPORTED_DEVICE) ==
          "this GPU has no video encoder engine (NVENC)");
    CHECK(nvenc_session_failure(NV_ENC_ERR_NO_ENCODE_DEVICE) ==
          "this GPU has no video encoder engine (NVENC)");
    CHECK_THAT(nvenc_session_failure(NV_ENC_ERR_OUT_OF_MEMORY),
               StartsWith("session limit reached"));
    CHECK_THAT(nvenc_session_failure(NV_ENC_ERR_INVALID_VERSION), Contains("driver too old"));
    CHECK_THAT(nvenc_session_failure(NV_ENC_ERR_GENERIC),
               Contains("NVENCSTATUS " + std::to_string(int(NV_ENC_ERR_GENERIC))));
    const std::set<std::string> distinct{
        cuda_init_failure(100),
        cuda_init_failure(35),
        cuda_init_failure(803),
        nvenc_session_failure(NV_ENC_ERR_UNSUPPORTED_DEVICE),
        nvenc_session_failure(NV_ENC_ERR_OUT_OF_MEMORY),
        nvenc_session_failure(NV_ENC_ERR_INVALID_VERSION),
    };
    CHECK(distinct.size() == 6);
}

TEST_CASE("nvenc settings are checked before any driver is touched", "[nvenc]") {
    const VideoFormat format;
    CHECK_THROWS_WITH(NvencEncoder(format, nlohmann::json{{"preset", "veryfast"}}),
                      Contains("unknown preset 'veryfast'") && Contains("p1, p2"));
    CHECK_THROWS_WITH(NvencEncoder(format, nlohmann::json{{"rate_control", "abr"}}),
                      Contains("rate_control 'abr'"));
    CHECK_THROWS_WITH(NvencEncoder(format, nlohmann::json{{"profile", "baseline"}, {"bframes", 2}}),
                      Contains("baseline profile has no B-frames"));
    CHECK_THROWS_WITH(
        NvencEncoder(format, nlohmann::json{{"rate_control", "vbr"}, {"max_bitrate_kbps", 1000}}),
        Contains("max_bitrate_kbps (1000) must be at least bitrate_kbps (2500)"));
    CHECK_THROWS_WITH(NvencEncoder(format, nlohmann::json{{"keyint_s", 0}}), Contains("1..20"));
}

TEST_CASE("the nvenc schema's defaults are settings nvenc accepts", "[nvenc]") {
    const nlohmann::json settings = apply_schema(nvenc_properties(), nlohmann::json::object());
    const NvencSettings parsed = NvencSettings::from_json(settings);
    CHECK(parsed.rate_control == NvencRateControl::cbr);
    CHECK(parsed.bitrate_kbps == 2500);
    CHECK(parsed.preset == "p5");
    CHECK(parsed.keyint_s == 2);
    CHECK(settings.at("rate_control") == "cbr");
}
