#include "plugins/nvenc/nvenc_probe.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <vector>

#include "plugins/nvenc/nvenc_driver.hpp"

namespace lm {
namespace {

// CUresult values the probe tells apart. dynlink_cuda.h declares only a subset of the enum;
// these numbers are CUDA's driver API (cuda.h) and have never changed.
constexpr int kCudaErrorNotInitialized = 3;
constexpr int kCudaErrorInsufficientDriver = 35;
constexpr int kCudaErrorInvalidDevice = 101;
constexpr int kCudaErrorSystemDriverMismatch = 803;
constexpr int kCudaErrorCompatNotSupportedOnDevice = 804;

bool same_guid(const GUID& a, const GUID& b) {
    return a.Data1 == b.Data1 && a.Data2 == b.Data2 && a.Data3 == b.Data3 &&
           std::equal(std::begin(a.Data4), std::end(a.Data4), std::begin(b.Data4));
}

bool session_offers(const NV_ENCODE_API_FUNCTION_LIST& api, void* session, const GUID& codec) {
    uint32_t count = 0;
    if (api.nvEncGetEncodeGUIDCount(session, &count) != NV_ENC_SUCCESS)
        return false;
    std::vector<GUID> guids(count);
    if (api.nvEncGetEncodeGUIDs(session, guids.data(), count, &count) != NV_ENC_SUCCESS)
        return false;
    guids.resize(std::min<size_t>(count, guids.size()));
    return std::any_of(guids.begin(), guids.end(),
                       [&](const GUID& g) { return same_guid(g, codec); });
}

}  // namespace

const char* display_name(NvencCodec codec) {
    return codec == NvencCodec::hevc ? "HEVC" : "H.264";
}

std::string cuda_init_failure(int cuda_result) {
    switch (cuda_result) {
        case kCudaErrorNoDevice:
        case kCudaErrorInvalidDevice:
            return "no CUDA device (the NVIDIA driver is installed but finds no GPU)";
        case kCudaErrorInsufficientDriver:
            return "NVIDIA driver too old for CUDA";
        case kCudaErrorSystemDriverMismatch:
            return "NVIDIA driver mismatch: the kernel module and libcuda.so.1 differ in "
                   "version (reboot after a driver update)";
        case kCudaErrorCompatNotSupportedOnDevice:
            return "NVIDIA driver mismatch: this GPU does not support the CUDA forward "
                   "compatibility libraries in use";
        case kCudaErrorNotInitialized:
            return "CUDA could not be initialised (is /dev/nvidia* accessible?)";
        default:
            return fmt::format("CUDA initialisation failed (CUresult {})", cuda_result);
    }
}

std::string nvenc_session_failure(int nvenc_status) {
    switch (nvenc_status) {
        case NV_ENC_ERR_NO_ENCODE_DEVICE:
        case NV_ENC_ERR_UNSUPPORTED_DEVICE:
        case NV_ENC_ERR_INVALID_ENCODERDEVICE:
        case NV_ENC_ERR_DEVICE_NOT_EXIST:
            return "this GPU has no video encoder engine (NVENC)";
        case NV_ENC_ERR_OUT_OF_MEMORY:
        case NV_ENC_ERR_INCOMPATIBLE_CLIENT_KEY:
            // What the driver answers when every encode session the GPU or its licence allows
            // is taken (consumer GPUs allow a few at once), as well as when memory is full.
            return "session limit reached (every NVENC session this GPU allows is in use, or "
                   "its memory is full)";
        case NV_ENC_ERR_INVALID_VERSION:
            return fmt::format("NVIDIA driver too old for NVENC API {}.{}", NVENCAPI_MAJOR_VERSION,
                               NVENCAPI_MINOR_VERSION);
        default:
            return fmt::format("NVENC could not open an encode session (NVENCSTATUS {})",
                               nvenc_status);
    }
}

EncoderAvailability probe_nvenc(NvencCodec codec) {
    std::string reason;
    const auto driver = NvencDriver::load(0, reason);
    if (!driver)
        return {false, reason};
    CUcontext context = driver->create_context(reason);
    if (context == nullptr)
        return {false, reason};
    EncoderAvailability result;
    {
        const CudaContextScope current(driver->cuda(), context);
        void* session = driver->open_session(context, reason);
        if (session == nullptr) {
            result = {false, reason};
        } else {
            const GUID& guid =
                codec == NvencCodec::hevc ? NV_ENC_CODEC_HEVC_GUID : NV_ENC_CODEC_H264_GUID;
            if (!session_offers(driver->api(), session, guid)) {
                result = {false, fmt::format("codec {} not supported by this GPU's NVENC",
                                             display_name(codec))};
            }
            driver->api().nvEncDestroyEncoder(session);
        }
    }
    driver->cuda().cuCtxDestroy(context);
    return result;
}

}  // namespace lm
