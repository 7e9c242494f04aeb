#include "core/gpu/gl_objects.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "core/gpu/gpu_device.hpp"

namespace lm {
namespace {

// The client-side format matching each supported internal format (one byte per channel).
GLenum pixel_format_for(GLenum internal_format) {
    switch (internal_format) {
        case GL_RGBA8:
            return GL_RGBA;
        case GL_RG8:
            return GL_RG;
        case GL_R8:
            return GL_RED;
        default:
            throw GpuError(
                fmt::format("GlTexture: unsupported internal format 0x{:x}", internal_format));
    }
}

std::string shader_log(GLuint shader) {
    GLint length = 0;
    glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &length);
    std::vector<char> log(static_cast<size_t>(std::max(length, 1)));
    glGetShaderInfoLog(shader, length, nullptr, log.data());
    return std::string(log.data());
}

std::string program_log(GLuint program) {
    GLint length = 0;
    glGetProgramiv(program, GL_INFO_LOG_LENGTH, &length);
    std::vector<char> log(static_cast<size_t>(std::max(length, 1)));
    glGetProgramInfoLog(program, length, nullptr, log.data());
    return std::string(log.data());
}

GLuint compile(GLenum stage, std::string_view source) {
    GLuint shader = glCreateShader(stage);
    if (shader == 0) {
        throw GpuError("GlProgram: glCreateShader failed (no current context?)");
    }
    const char* text = source.data();
    const auto length = static_cast<GLint>(source.size());
    glShaderSource(shader, 1, &text, &length);
    glCompileShader(shader);
    GLint ok = GL_FALSE;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (ok != GL_TRUE) {
        std::string log = shader_log(shader);
        glDeleteShader(shader);
        throw GpuError(fmt::format("GlProgram: {} shader does not compile: {}",
                                   stage == GL_VERTEX_SHADER ? "vertex" : "fragment", log));
    }
    return shader;
}

}  // namespace

GlTexture::GlTexture(GLenum internal_format, int width, int height)
    : internal_format_(internal_format), width_(width), height_(height) {
    const GLenum format = pixel_format_for(internal_format);
    if (width <= 0 || height <= 0) {
        throw GpuError(fmt::format("GlTexture: invalid size {}x{}", width, height));
    }
    // Clear stale errors so the check below reports only this allocation (bounded: a lost
    // context may report errors forever).
    for (int i = 0; i < 16 && glGetError() != GL_NO_ERROR; ++i) {
    }
    glGenTextures(1, &id_);
    glBindTexture(GL_TEXTURE_2D, id_);
    glTexImage2D(GL_TEXTURE_2D, 0, static_cast<GLint>(internal_format), width, height, 0, format,
                 GL_UNSIGNED_BYTE, nullptr);
    // Without mipmaps the default minification filter makes the texture incomplete, and
    // sampling an incomplete texture returns zeros.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, 0);
    glBindTexture(GL_TEXTURE_2D, 0);
    const GLenum error = glGetError();
    if (error != GL_NO_ERROR) {
        glDeleteTextures(1, &id_);
        throw GpuError(fmt::format("GlTexture: allocating {}x{} failed (GL error 0x{:x})", width,
                                   height, error));
    }
}

GlTexture::~GlTexture() {
    if (id_ != 0) {
        glDeleteTextures(1, &id_);
    }
}

GlTexture::GlTexture(GlTexture&& other) noexcept
    : id_(std::exchange(other.id_, 0)),
      internal_format_(other.internal_format_),
      width_(other.width_),
      height_(other.height_) {}

GlTexture& GlTexture::operator=(GlTexture&& other) noexcept {
    if (this != &other) {
        if (id_ != 0) {
            glDeleteTextures(1, &id_);
        }
        id_ = std::exchange(other.id_, 0);
        internal_format_ = other.internal_format_;
        width_ = other.width_;
        height_ = other.height_;
    }
    return *this;
}

void GlTexture::upload(const void* pixels) {
    glBindTexture(GL_TEXTURE_2D, id_);
    // Rows are tightly packed; R8 and RG8 rows are not 4-byte multiples in general.
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width_, height_, pixel_format_for(internal_format_),
                    GL_UNSIGNED_BYTE, pixels);
    glBindTexture(GL_TEXTURE_2D, 0);
}

RenderTarget::RenderTarget(GLenum internal_format, int width, int height)
    : texture_(internal_format, width, height) {
    glGenFramebuffers(1, &fbo_);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, texture_.id(), 0);
    const GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    if (status != GL_FRAMEBUFFER_COMPLETE) {
        glDeleteFramebuffers(1, &fbo_);
        throw GpuError(fmt::format("RenderTarget: {}x{} framebuffer incomplete (status 0x{:x})",
                                   width, height, status));
    }
}

RenderTarget::~RenderTarget() {
    if (fbo_ != 0) {
        glDeleteFramebuffers(1, &fbo_);
    }
}

void RenderTarget::bind() {
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
    glViewport(0, 0, texture_.width(), texture_.height());
}

GlProgram::GlProgram(std::string_view vertex_source, std::string_view fragment_source) {
    GLuint vertex = compile(GL_VERTEX_SHADER, vertex_source);
    GLuint fragment = 0;
    try {
        fragment = compile(GL_FRAGMENT_SHADER, fragment_source);
    } catch (...) {
        glDeleteShader(vertex);
        throw;
    }
    id_ = glCreateProgram();
    glAttachShader(id_, vertex);
    glAttachShader(id_, fragment);
    glLinkProgram(id_);
    // The program keeps the compiled stages alive; the shader objects are no longer needed.
    glDetachShader(id_, vertex);
    glDetachShader(id_, fragment);
    glDeleteShader(vertex);
    glDeleteShader(fragment);
    GLint ok = GL_FALSE;
    glGetProgramiv(id_, GL_LINK_STATUS, &ok);
    if (ok != GL_TRUE) {
        std::string log = program_log(id_);
        glDeleteProgram(id_);
        throw GpuError("GlProgram: shaders do not link: " + log);
    }
}

GlProgram::~GlProgram() {
    if (id_ != 0) {
        glDeleteProgram(id_);
    }
}

void GlProgram::use() const {
    glUseProgram(id_);
}

GLint GlProgram::location(const char* name) {
    auto it = locations_.find(name);
    if (it == locations_.end()) {
        it = locations_.emplace(name, glGetUniformLocation(id_, name)).first;
    }
    return it->second;
}

void GlProgram::set(const char* name, int value) {
    glUniform1i(location(name), value);
}

void GlProgram::set(const char* name, float value) {
    glUniform1f(location(name), value);
}

void GlProgram::set(const char* name, float x, float y) {
    glUniform2f(location(name), x, y);
}

void GlProgram::set(const char* name, float x, float y, float z, float w) {
    glUniform4f(location(name), x, y, z, w);
}

void GlProgram::set_mat3(const char* name, const std::array<float, 9>& column_major) {
    glUniformMatrix3fv(location(name), 1, GL_FALSE, column_major.data());
}

}  // namespace lm
