#include "core/gpu/gl_objects.hpp"

#include <catch2/catch.hpp>
#include <vector>

#include "core/gpu/gpu_device.hpp"
#include "tests/core/gpu/gpu_test_support.hpp"

namespace lm {
namespace {

// Reads a texture of any of the supported formats through a throw-away framebuffer.
std::vector<uint8_t> read_texture(const GlTexture& texture, GLenum format, int channels) {
    GLuint fbo = 0;
    glGenFramebuffers(1, &fbo);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo);
    glFramebufferTexture2D(GL_READ_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, texture.id(),
                           0);
    std::vector<uint8_t> pixels(static_cast<size_t>(texture.width()) * texture.height() * channels);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, texture.width(), texture.height(), format, GL_UNSIGNED_BYTE, pixels.data());
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    glDeleteFramebuffers(1, &fbo);
    return pixels;
}

}  // namespace

TEST_CASE("GlTexture uploads tightly packed rows of every format, top row first", "[gpu]") {
    auto device = GpuDevice::create();
    // Odd widths make rows that are not multiples of 4 bytes: a wrong unpack alignment would
    // shear the picture.
    const int width = 5;
    const int height = 3;
    struct Case {
        GLenum internal_format;
        GLenum format;
        int channels;
    };
    for (const Case& c :
         {Case{GL_R8, GL_RED, 1}, Case{GL_RG8, GL_RG, 2}, Case{GL_RGBA8, GL_RGBA, 4}}) {
        INFO("internal format 0x" << std::hex << c.internal_format);
        std::vector<uint8_t> pixels(static_cast<size_t>(width) * height * c.channels);
        for (size_t i = 0; i < pixels.size(); ++i) {
            pixels[i] = static_cast<uint8_t>(i * 7 + 1);
        }
        GlTexture texture(c.internal_format, width, height);
        CHECK(texture.width() == width);
        CHECK(texture.height() == height);
        CHECK(texture.internal_format() == c.internal_format);
        texture.upload(pixels.data());
        CHECK(read_texture(texture, c.format, c.channels) == pixels);
    }
    CHECK(glGetError() == GL_NO_ERROR);
}

TEST_CASE("GlTexture rejects unsupported formats and sizes with GpuError", "[gpu]") {
    auto device = GpuDevice::create();
    CHECK_THROWS_AS(GlTexture(GL_RGB8, 4, 4), GpuError);
    CHECK_THROWS_AS(GlTexture(GL_RGBA8, 0, 4), GpuError);
    CHECK_THROWS_AS(RenderTarget(GL_RGBA8, 4, -1), GpuError);
}

TEST_CASE("GlTexture moves hand over the GL name and free it once", "[gpu]") {
    auto device = GpuDevice::create();
    GLuint name = 0;
    {
        GlTexture first(GL_RGBA8, 2, 2);
        name = first.id();
        REQUIRE(glIsTexture(name));
        GlTexture second(std::move(first));
        CHECK(second.id() == name);
        CHECK(first.id() == 0);  // NOLINT(bugprone-use-after-move): the moved-from state
        GlTexture third(GL_R8, 2, 2);
        const GLuint third_name = third.id();
        third = std::move(second);
        CHECK(third.id() == name);
        CHECK(third.internal_format() == GL_RGBA8);
        CHECK_FALSE(glIsTexture(third_name));
        CHECK(glIsTexture(name));
    }
    CHECK_FALSE(glIsTexture(name));
}

TEST_CASE("RenderTarget renders into its texture over the whole target", "[gpu]") {
    auto device = GpuDevice::create();
    RenderTarget target(GL_RGBA8, 7, 3);
    target.bind();
    GLint viewport[4] = {};
    glGetIntegerv(GL_VIEWPORT, viewport);
    CHECK(viewport[2] == 7);
    CHECK(viewport[3] == 3);
    glClearColor(0.0f, 0.0f, 1.0f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    const auto pixels = read_texture(target.texture(), GL_RGBA, 4);
    for (size_t i = 0; i < pixels.size(); i += 4) {
        REQUIRE(pixels[i + 2] == 255);
        REQUIRE(pixels[i] == 0);
    }
}

TEST_CASE("GlProgram reports compile and link errors as GpuError with the log", "[gpu]") {
    auto device = GpuDevice::create();
    const char* vertex = "#version 330 core\nvoid main() { gl_Position = vec4(0.0); }\n";
    const char* fragment =
        "#version 330 core\nout vec4 frag_color;\nvoid main() { frag_color = vec4(1.0); }\n";
    CHECK_NOTHROW(GlProgram(vertex, fragment));

    try {
        GlProgram program(vertex, "#version 330 core\nvoid main() { this is not glsl; }\n");
        FAIL("a broken fragment shader compiled");
    } catch (const GpuError& e) {
        CHECK_THAT(e.what(), Catch::Contains("fragment shader does not compile"));
    }
    try {
        // Declared but never defined: each stage compiles, the program cannot link.
        GlProgram program(vertex,
                          "#version 330 core\nout vec4 frag_color;\nvec4 undefined_colour();\n"
                          "void main() { frag_color = undefined_colour(); }\n");
        FAIL("a program calling an undefined function linked");
    } catch (const GpuError& e) {
        CHECK_THAT(e.what(), Catch::Contains("link"));
    }
}

TEST_CASE("GlProgram ignores uniforms the shader does not have", "[gpu]") {
    auto device = GpuDevice::create();
    GlProgram program("#version 330 core\nvoid main() { gl_Position = vec4(0.0); }\n",
                      "#version 330 core\nuniform float u_gain;\nout vec4 frag_color;\n"
                      "void main() { frag_color = vec4(u_gain); }\n");
    program.use();
    program.set("u_gain", 0.5f);
    program.set("u_not_there", 1.0f);
    program.set("u_not_there", 1.0f, 2.0f);
    program.set_mat3("u_not_there_either", {1, 0, 0, 0, 1, 0, 0, 0, 1});
    CHECK(glGetError() == GL_NO_ERROR);
    GLfloat gain = 0;
    glGetUniformfv(program.id(), glGetUniformLocation(program.id(), "u_gain"), &gain);
    CHECK(gain == 0.5f);
}

}  // namespace lm
