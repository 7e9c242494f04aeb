// The GPU device: an EGL display and an OpenGL 3.3 core context with no window.
//
// Owned by the video thread: create it there, use it there, destroy it there. It picks the
// EGL device platform first (works on NVIDIA without a display), then Mesa's surfaceless
// platform (llvmpipe in CI); the context is made current with EGL_NO_SURFACE and all rendering
// goes into framebuffer objects.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>

namespace lm {

class GpuError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class GpuDevice {
public:
    /// Creates the display and context and makes the context current on the calling thread.
    /// Throws GpuError naming what failed (no EGL display, no OpenGL 3.3 core, ...).
    static std::unique_ptr<GpuDevice> create();

    ~GpuDevice();
    GpuDevice(const GpuDevice&) = delete;
    GpuDevice& operator=(const GpuDevice&) = delete;

    /// Makes the context current on the calling thread (which then owns it).
    void make_current();
    /// Detaches the context from the calling thread.
    void release_current();

    /// GL_RENDERER and GL_VERSION, for the log ("llvmpipe (LLVM 15.0.6, 256 bits), 4.5 ...").
    std::string description() const;

private:
    struct Impl;
    explicit GpuDevice(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace lm
