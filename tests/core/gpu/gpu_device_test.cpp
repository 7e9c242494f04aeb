#include "core/gpu/gpu_device.hpp"

#include <epoxy/egl.h>
#include <epoxy/gl.h>

#include <catch2/catch.hpp>
#include <thread>

#include "core/gpu/gl_objects.hpp"
#include "tests/core/gpu/gpu_test_support.hpp"

namespace lm {
namespace {

// Clears a small target to `colour` and reads back its first pixel: proof that GL commands
// issued on this thread reach the device.
std::array<uint8_t, 4> clear_and_read(float r, float g, float b) {
    RenderTarget target(GL_RGBA8, 4, 4);
    target.bind();
    glClearColor(r, g, b, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    const std::vector<uint8_t> pixels = test::read_rgba(target);
    return {pixels[0], pixels[1], pixels[2], pixels[3]};
}

}  // namespace

TEST_CASE("GpuDevice gives a current OpenGL 3.3 core context without a window", "[gpu]") {
    auto device = GpuDevice::create();
    REQUIRE(device != nullptr);
    CHECK(eglGetCurrentContext() != EGL_NO_CONTEXT);
    CHECK(eglGetCurrentSurface(EGL_DRAW) == EGL_NO_SURFACE);
    CHECK(epoxy_is_desktop_gl());
    CHECK(epoxy_gl_version() >= 33);
    GLint profile = 0;
    glGetIntegerv(GL_CONTEXT_PROFILE_MASK, &profile);
    CHECK((profile & GL_CONTEXT_CORE_PROFILE_BIT) != 0);

    const std::string description = device->description();
    INFO(description);
    const auto* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    REQUIRE(renderer != nullptr);
    CHECK(description.find(renderer) != std::string::npos);
    CHECK(description.find("OpenGL") != std::string::npos);

    const auto pixel = clear_and_read(1.0f, 0.0f, 0.0f);
    CHECK(pixel == std::array<uint8_t, 4>{255, 0, 0, 255});
}

TEST_CASE("GpuDevice context can move to another thread and back", "[gpu]") {
    auto device = GpuDevice::create();
    device->release_current();
    CHECK(eglGetCurrentContext() == EGL_NO_CONTEXT);

    std::array<uint8_t, 4> from_thread{};
    std::string error;
    std::thread video_thread([&] {
        try {
            device->make_current();
            from_thread = clear_and_read(0.0f, 1.0f, 0.0f);
            device->release_current();
        } catch (const std::exception& e) {
            error = e.what();
        }
    });
    video_thread.join();
    REQUIRE(error.empty());
    CHECK(from_thread == std::array<uint8_t, 4>{0, 255, 0, 255});

    device->make_current();
    CHECK(clear_and_read(0.0f, 0.0f, 1.0f) == std::array<uint8_t, 4>{0, 0, 255, 255});
}

TEST_CASE("GpuDevice can be created again after one is destroyed", "[gpu]") {
    for (int round = 0; round < 3; ++round) {
        auto device = GpuDevice::create();
        INFO("round " << round);
        CHECK(clear_and_read(1.0f, 1.0f, 1.0f) == std::array<uint8_t, 4>{255, 255, 255, 255});
    }
    CHECK(eglGetCurrentContext() == EGL_NO_CONTEXT);
}

}  // namespace lm
