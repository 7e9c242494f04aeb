// The conformance suite every video encoder passes: each test runs once per encoder type in
// the registry (x264, NVENC, and whatever registers next), with the settings keys every video
// encoder shares ("rate_control", "bitrate_kbps", "keyint_s") and the encoder's own schema
// defaults for the rest. Real encoders, real libavcodec decode; an encoder whose probe says
// it cannot run on this machine is reported with the reason and not tested.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/plugin/plugin_registry.hpp"
#include "core/scene/properties.hpp"
#include "tests/encode/h264_reader.hpp"
#include "tests/encode/moving_picture.hpp"
#ifdef LM_CONFORMANCE_X264
#include "plugins/x264/x264_types.hpp"
#endif
#ifdef LM_CONFORMANCE_NVENC
#include "plugins/nvenc/nvenc_types.hpp"
#endif

using namespace lm;
using lm::test::MovingPicture;

namespace {

constexpr int kWidth = 1280;
constexpr int kHeight = 720;
constexpr int kFps = 30;

/// Every encoder plugin this build has. A new encoder joins the suite by registering here.
PluginRegistry every_video_encoder() {
    PluginRegistry registry;
#ifdef LM_CONFORMANCE_X264
    register_x264_types(registry);
#endif
#ifdef LM_CONFORMANCE_NVENC
    register_nvenc_types(registry);
#endif
    return registry;
}

/// Runs `body` once per registered encoder type that can run here, each in its own section
/// named after the type; the others are reported with their probe's reason.
void for_each_encoder(const std::function<void(const VideoEncoderType&)>& body) {
    const PluginRegistry registry = every_video_encoder();
    const auto types = registry.video_encoders();
    REQUIRE_FALSE(types.empty());
    for (const VideoEncoderType* type : types) {
        const EncoderAvailability availability = type->availability();
        if (!availability.available) {
            // Catch2 2 has no SKIP: say it loudly and move on.
            WARN(type->id << " not tested on this machine: " << availability.reason);
            continue;
        }
        DYNAMIC_SECTION(type->id) {
            body(*type);
        }
    }
}

struct EncodeRun {
    StreamInfo info;
    std::vector<PacketPtr> packets;
};

/// Encodes frames 0..frame_count-1 of `picture` as the encode worker does (drain after each
/// send, then flush). `before_frame(i, encoder)` runs before frame i is sent, on the same
/// thread, which is where the worker applies a bitrate change.
EncodeRun encode(const VideoEncoderType& type, const nlohmann::json& shared_settings,
                 int frame_count, const MovingPicture& picture,
                 const std::function<void(int, VideoEncoder&)>& before_frame = {}) {
    const nlohmann::json settings = apply_schema(type.properties, shared_settings);
    auto encoder = type.create(VideoFormat{kWidth, kHeight, {kFps, 1}}, settings);
    REQUIRE(encoder != nullptr);
    EncodeRun run;
    run.info = encoder->stream_info();
    PacketPtr packet;
    for (int i = 0; i < frame_count; ++i) {
        if (before_frame)
            before_frame(i, *encoder);
        encoder->send(picture.frame(i), i);
        while (encoder->receive(packet) == ReceiveResult::packet)
            run.packets.push_back(packet);
    }
    encoder->send(nullptr, 0);
    ReceiveResult result;
    while ((result = encoder->receive(packet)) == ReceiveResult::packet)
        run.packets.push_back(packet);
    REQUIRE(result == ReceiveResult::end);
    return run;
}

/// Average bitrate of the frames shown in [first, end), in kbps, counting each packet at its
/// presentation time.
double kbps_between(const std::vector<PacketPtr>& packets, int64_t first, int64_t end) {
    size_t bytes = 0;
    for (const PacketPtr& packet : packets) {
        if (packet->pts >= first && packet->pts < end)
            bytes += packet->data.size();
    }
    const double seconds = static_cast<double>(end - first) / kFps;
    return static_cast<double>(bytes) * 8.0 / 1000.0 / seconds;
}

std::vector<int64_t> keyframe_pts(const std::vector<PacketPtr>& packets) {
    std::vector<int64_t> pts;
    for (const PacketPtr& packet : packets) {
        if (packet->keyframe)
            pts.push_back(packet->pts);
    }
    std::sort(pts.begin(), pts.end());
    return pts;
}

std::vector<int64_t> multiples_below(int64_t step, int64_t end) {
    std::vector<int64_t> values;
    for (int64_t v = 0; v < end; v += step)
        values.push_back(v);
    return values;
}

/// Every frame sent comes out exactly once, dts strictly increases, no frame is shown before
/// it is decoded, and the time base is the frame rate's.
void check_timestamps(const EncodeRun& run, int frame_count) {
    CHECK(run.info.time_base == Rational{1, kFps});
    REQUIRE(static_cast<int>(run.packets.size()) == frame_count);
    std::set<int64_t> shown;
    for (size_t i = 0; i < run.packets.size(); ++i) {
        const Packet& packet = *run.packets[i];
        INFO("packet " << i << ": pts " << packet.pts << ", dts " << packet.dts);
        CHECK(packet.pts >= packet.dts);
        CHECK(packet.time_base == run.info.time_base);
        if (i > 0)
            CHECK(packet.dts > run.packets[i - 1]->dts);
        shown.insert(packet.pts);
    }
    CHECK(static_cast<int>(shown.size()) == frame_count);
    CHECK(*shown.begin() == 0);
    CHECK(*shown.rbegin() == frame_count - 1);
}

/// The stream decodes without an error into `frame_count` pictures of the canvas size.
void check_decodes(const EncodeRun& run, int frame_count) {
    int wrong_size = 0;
    const auto decoded = lm::test::decode_h264(run.info, run.packets, [&](const auto& picture) {
        if (picture.width != kWidth || picture.height != kHeight)
            ++wrong_size;
    });
    CHECK(decoded.frames == frame_count);
    CHECK(decoded.errors == 0);
    CHECK(wrong_size == 0);
}

}  // namespace

TEST_CASE("conformance: every encoder this build has is registered and says if it can run",
          "[conformance]") {
    const PluginRegistry registry = every_video_encoder();
    const auto types = registry.video_encoders();
    REQUIRE_FALSE(types.empty());
    for (const VideoEncoderType* type : types) {
        const EncoderAvailability availability = type->availability();
        INFO(type->id << ": " << (availability.available ? "available" : availability.reason));
        // An unavailable encoder must say why; an available one has nothing to explain.
        CHECK(availability.available == availability.reason.empty());
        CHECK_FALSE(type->display_name.empty());
    }
#ifdef LM_CONFORMANCE_X264
    // Software runs everywhere: the suite always tests at least one real encoder.
    REQUIRE(registry.video_encoder("x264") != nullptr);
    CHECK(registry.video_encoder("x264")->availability().available);
#endif
}

TEST_CASE("conformance: the frames sent come back decodable, each once, keyframes where asked",
          "[conformance]") {
    const MovingPicture picture(kWidth, kHeight);
    constexpr int kFrames = 90;
    for_each_encoder([&](const VideoEncoderType& type) {
        // keyint 1 s rather than the default 2 s, so a keyframe grid that ignores the setting
        // fails.
        const auto run =
            encode(type, {{"rate_control", "cbr"}, {"bitrate_kbps", 4000}, {"keyint_s", 1}},
                   kFrames, picture);
        CHECK(run.info.codec == "h264");
        CHECK(run.info.width == kWidth);
        CHECK(run.info.height == kHeight);
        CHECK(run.info.bitrate_kbps == 4000);
        check_timestamps(run, kFrames);
        CHECK(keyframe_pts(run.packets) == multiples_below(kFps, kFrames));
        REQUIRE_FALSE(run.packets.empty());
        CHECK(run.packets.front()->keyframe);  // a viewer can start at the first packet

        // Same frames in: each decoded picture is close to the one sent with its pts, and
        // clearly closer to it than to the picture a frame away (which a decoder showing
        // frames in the wrong order, or an encoder dropping one, would give).
        int compared = 0;
        double worst_psnr = 99;
        int closer_to_neighbour = 0;
        const auto decoded = lm::test::decode_h264(run.info, run.packets, [&](const auto& p) {
            REQUIRE(p.width == kWidth);
            REQUIRE(p.height == kHeight);
            const double own = lm::test::luma_psnr(*picture.frame(p.pts), p.luma, p.luma_stride);
            const double next =
                lm::test::luma_psnr(*picture.frame(p.pts + 1), p.luma, p.luma_stride);
            worst_psnr = std::min(worst_psnr, own);
            if (next >= own)
                ++closer_to_neighbour;
            ++compared;
        });
        INFO("worst luma PSNR " << worst_psnr << " dB");
        CHECK(decoded.frames == kFrames);
        CHECK(decoded.errors == 0);
        CHECK(compared == kFrames);
        CHECK(worst_psnr > 28.0);
        CHECK(closer_to_neighbour == 0);
    });
}

TEST_CASE("conformance: constant quality cannot change bitrate live and says so", "[conformance]") {
    const MovingPicture picture(kWidth, kHeight);
    constexpr int kFrames = 30;
    for_each_encoder([&](const VideoEncoderType& type) {
        int refused = 0;
        const auto run = encode(type, {{"rate_control", "crf"}, {"keyint_s", 2}}, kFrames, picture,
                                [&](int i, VideoEncoder& encoder) {
                                    if (i == kFrames / 2 && !encoder.set_bitrate(1000))
                                        ++refused;
                                });
        CHECK(refused == 1);
        check_timestamps(run, kFrames);
        check_decodes(run, kFrames);
    });
}

TEST_CASE("conformance: CBR holds 2500 kbps within 10% over 30 s of moving pictures",
          "[conformance][long]") {
    const MovingPicture picture(kWidth, kHeight);
    constexpr int kFrames = 30 * kFps;
    constexpr double kTarget = 2500;
    for_each_encoder([&](const VideoEncoderType& type) {
        const auto run =
            encode(type, {{"rate_control", "cbr"}, {"bitrate_kbps", 2500}, {"keyint_s", 2}},
                   kFrames, picture);
        const double kbps = kbps_between(run.packets, 0, kFrames);
        // Each second on its own may swing with the VBV; the 30 s average may not.
        double lowest_second = 1e9;
        double highest_second = 0;
        for (int64_t s = 0; s < kFrames / kFps; ++s) {
            const double second = kbps_between(run.packets, s * kFps, (s + 1) * kFps);
            lowest_second = std::min(lowest_second, second);
            highest_second = std::max(highest_second, second);
        }
        WARN(type.id << " CBR 2500 kbps over 30 s: " << kbps << " kbps (seconds between "
                     << lowest_second << " and " << highest_second << ")");
        CHECK(kbps > kTarget * 0.9);
        CHECK(kbps < kTarget * 1.1);
        check_timestamps(run, kFrames);
        CHECK(keyframe_pts(run.packets) == multiples_below(2 * kFps, kFrames));
        check_decodes(run, kFrames);
    });
}

TEST_CASE("conformance: a live change from 2500 to 1250 kbps is honoured without a keyframe",
          "[conformance][long]") {
    const MovingPicture picture(kWidth, kHeight);
    constexpr int kFrames = 30 * kFps;
    constexpr int kChangeAt = kFrames / 2;
    for_each_encoder([&](const VideoEncoderType& type) {
        // Dynamic bitrate lowers whatever the stream uses: CBR for platforms, VBR elsewhere.
        for (const char* mode : {"cbr", "vbr"}) {
            DYNAMIC_SECTION(mode) {
                int accepted = 0;
                const auto run =
                    encode(type, {{"rate_control", mode}, {"bitrate_kbps", 2500}, {"keyint_s", 2}},
                           kFrames, picture, [&](int i, VideoEncoder& encoder) {
                               if (i == kChangeAt && encoder.set_bitrate(1250))
                                   ++accepted;
                           });
                REQUIRE(accepted == 1);
                const double before = kbps_between(run.packets, 0, kChangeAt);
                // The VBV holds one second at the old rate; what follows must be the new rate.
                const double after = kbps_between(run.packets, kChangeAt + kFps, kFrames);
                WARN(type.id << " " << mode << " live change: " << before << " kbps before, "
                             << after << " kbps from one second after the change to 1250 kbps");
                CHECK(before > 2500 * 0.9);
                CHECK(before < 2500 * 1.1);
                CHECK(after > 1250 * 0.85);
                CHECK(after < 1250 * 1.15);
                check_timestamps(run, kFrames);
                // No extra keyframe at the change: the grid stays every 2 s.
                CHECK(keyframe_pts(run.packets) == multiples_below(2 * kFps, kFrames));
                check_decodes(run, kFrames);
            }
        }
    });
}
