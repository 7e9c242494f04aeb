#include "plugins/nvenc/nvenc_driver.hpp"

#include <fmt/format.h>

#include <dlfcn.h>

#include "plugins/nvenc/nvenc_probe.hpp"

namespace lm {
namespace {

constexpr const char* kCudaLibrary = "libcuda.so.1";
constexpr const char* kNvencLibrary = "libnvidia-encode.so.1";

bool library_present(const char* name) {
    // Loaded and dropped again: RTLD_NOLOAD would only find a library already loaded.
    void* handle = dlopen(name, RTLD_LAZY | RTLD_LOCAL);
    if (handle == nullptr)
        return false;
    dlclose(handle);
    return true;
}

}  // namespace

std::unique_ptr<NvencDriver> NvencDriver::load(int gpu, std::string& reason) {
    std::unique_ptr<NvencDriver> driver(new NvencDriver());
    if (!library_present(kCudaLibrary)) {
        reason = fmt::format("no NVIDIA driver ({} not found)", kCudaLibrary);
        return nullptr;
    }
    if (cuda_load_functions(&driver->cuda_, nullptr) < 0) {
        reason =
            fmt::format("NVIDIA driver too old ({} lacks functions NVENC needs)", kCudaLibrary);
        return nullptr;
    }
    const CUresult initialised = driver->cuda_->cuInit(0);
    if (initialised != CUDA_SUCCESS) {
        reason = cuda_init_failure(initialised);
        return nullptr;
    }
    int devices = 0;
    if (driver->cuda_->cuDeviceGetCount(&devices) != CUDA_SUCCESS || devices == 0) {
        reason = cuda_init_failure(kCudaErrorNoDevice);
        return nullptr;
    }
    if (gpu >= devices || driver->cuda_->cuDeviceGet(&driver->device_, gpu) != CUDA_SUCCESS) {
        reason = fmt::format("no CUDA device {} (this machine has {})", gpu, devices);
        return nullptr;
    }
    if (!library_present(kNvencLibrary)) {
        reason = fmt::format(
            "NVENC library missing ({} not found; it comes with the NVIDIA "
            "driver's encode package)",
            kNvencLibrary);
        return nullptr;
    }
    if (nvenc_load_functions(&driver->nvenc_, nullptr) < 0) {
        reason = fmt::format("NVENC library missing ({} lacks its entry points)", kNvencLibrary);
        return nullptr;
    }
    uint32_t offered = 0;
    if (driver->nvenc_->NvEncodeAPIGetMaxSupportedVersion(&offered) != NV_ENC_SUCCESS) {
        reason = "NVENC library does not report its API version";
        return nullptr;
    }
    // The driver reports major << 4 | minor.
    const uint32_t needed = (NVENCAPI_MAJOR_VERSION << 4) | NVENCAPI_MINOR_VERSION;
    if (offered < needed) {
        reason = fmt::format("NVIDIA driver too old: it offers NVENC API {}.{}, {}.{} is needed",
                             offered >> 4, offered & 0xf, NVENCAPI_MAJOR_VERSION,
                             NVENCAPI_MINOR_VERSION);
        return nullptr;
    }
    driver->api_.version = NV_ENCODE_API_FUNCTION_LIST_VER;
    if (driver->nvenc_->NvEncodeAPICreateInstance(&driver->api_) != NV_ENC_SUCCESS) {
        reason = "NVENC library missing (NvEncodeAPICreateInstance failed)";
        return nullptr;
    }
    return driver;
}

NvencDriver::~NvencDriver() {
    nvenc_free_functions(&nvenc_);
    cuda_free_functions(&cuda_);
}

CUcontext NvencDriver::create_context(std::string& reason) const {
    CUcontext context = nullptr;
    const CUresult created = cuda_->cuCtxCreate(&context, 0, device_);
    if (created != CUDA_SUCCESS) {
        reason =
            fmt::format("could not create a CUDA context (CUresult {})", static_cast<int>(created));
        return nullptr;
    }
    // cuCtxCreate makes it current on this thread; users push it where they need it.
    CUcontext popped = nullptr;
    cuda_->cuCtxPopCurrent(&popped);
    return context;
}

void* NvencDriver::open_session(CUcontext context, std::string& reason) const {
    NV_ENC_OPEN_ENCODE_SESSION_EX_PARAMS params{};
    params.version = NV_ENC_OPEN_ENCODE_SESSION_EX_PARAMS_VER;
    params.deviceType = NV_ENC_DEVICE_TYPE_CUDA;
    params.device = context;
    params.apiVersion = NVENCAPI_VERSION;
    void* session = nullptr;
    const NVENCSTATUS opened = api_.nvEncOpenEncodeSessionEx(&params, &session);
    if (opened != NV_ENC_SUCCESS) {
        // A failed open may still hand back a session that must be destroyed.
        if (session != nullptr)
            api_.nvEncDestroyEncoder(session);
        reason = nvenc_session_failure(opened);
        return nullptr;
    }
    return session;
}

}  // namespace lm
