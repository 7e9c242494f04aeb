// The NVIDIA driver as NVENC needs it, loaded at run time: libcuda.so.1, libnvidia-encode.so.1,
// a CUDA context and an encode session. Each step that fails says why in words
// (nvenc_probe.hpp has the words), so the probe and the encoder report the same reasons.
// Internal to the plugin: includes nv-codec-headers.
#pragma once

#include <memory>
#include <string>

// The loader prints to stderr when a library or symbol is missing; the reasons below say it
// once, better.
#define FFNV_LOG_FUNC(logctx, msg, ...) ((void)(logctx))
#define FFNV_DEBUG_LOG_FUNC(logctx, msg, ...) ((void)(logctx))
#include <ffnvcodec/dynlink_loader.h>
#include <ffnvcodec/nvEncodeAPI.h>

namespace lm {

/// The loaded libraries and NVENC's function table. Not copyable; unloads on destruction.
class NvencDriver {
public:
    /// Loads both libraries, initialises CUDA, checks that device `gpu` exists and that the
    /// driver speaks this build's NVENC API version. Returns null and sets `reason` on the
    /// first failure.
    static std::unique_ptr<NvencDriver> load(int gpu, std::string& reason);
    ~NvencDriver();
    NvencDriver(const NvencDriver&) = delete;
    NvencDriver& operator=(const NvencDriver&) = delete;

    const CudaFunctions& cuda() const { return *cuda_; }
    const NV_ENCODE_API_FUNCTION_LIST& api() const { return api_; }
    CUdevice device() const { return device_; }

    /// Creates a CUDA context on the device (left not current). Null and `reason` on failure.
    CUcontext create_context(std::string& reason) const;
    /// Opens an encode session on `context`. Null and `reason` on failure.
    void* open_session(CUcontext context, std::string& reason) const;

private:
    NvencDriver() = default;
    CudaFunctions* cuda_ = nullptr;
    NvencFunctions* nvenc_ = nullptr;
    NV_ENCODE_API_FUNCTION_LIST api_{};
    CUdevice device_ = 0;
};

/// Makes a context current for the scope: NVENC and CUDA calls may come from any thread (the
/// encoder is created on one and used on the encoder thread).
class CudaContextScope {
public:
    CudaContextScope(const CudaFunctions& cuda, CUcontext context) : cuda_(cuda) {
        cuda_.cuCtxPushCurrent(context);
    }
    ~CudaContextScope() {
        CUcontext popped = nullptr;
        cuda_.cuCtxPopCurrent(&popped);
    }
    CudaContextScope(const CudaContextScope&) = delete;
    CudaContextScope& operator=(const CudaContextScope&) = delete;

private:
    const CudaFunctions& cuda_;
};

}  // namespace lm
