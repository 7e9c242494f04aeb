// RAII wrappers for OpenGL objects. Every method, constructor and destructor must run on the
// thread where the GpuDevice context is current (the video thread).
#pragma once

#include <epoxy/gl.h>

#include <array>
#include <string>
#include <string_view>
#include <unordered_map>

namespace lm {

/// A 2D texture with linear filtering, clamped edges and no mipmaps (a render target that is
/// sampled later needs GL_TEXTURE_MIN_FILTER set, or llvmpipe samples zeros).
class GlTexture {
public:
    /// internal_format: GL_RGBA8, GL_R8 or GL_RG8.
    GlTexture(GLenum internal_format, int width, int height);
    ~GlTexture();
    GlTexture(GlTexture&& other) noexcept;
    GlTexture& operator=(GlTexture&& other) noexcept;
    GlTexture(const GlTexture&) = delete;
    GlTexture& operator=(const GlTexture&) = delete;

    /// Replaces the whole image from tightly packed CPU pixels matching the internal format
    /// (RGBA8: 4 bytes per pixel, row 0 = top of the picture).
    void upload(const void* pixels);

    GLuint id() const { return id_; }
    GLenum internal_format() const { return internal_format_; }
    int width() const { return width_; }
    int height() const { return height_; }

private:
    GLuint id_ = 0;
    GLenum internal_format_ = 0;
    int width_ = 0;
    int height_ = 0;
};

/// A texture with a framebuffer object around it. Row 0 of the texture is the top of the
/// picture everywhere in the engine: the quad vertex shader maps canvas y (down) straight to
/// clip y without flipping, so readbacks come out top row first.
class RenderTarget {
public:
    RenderTarget(GLenum internal_format, int width, int height);
    ~RenderTarget();
    RenderTarget(const RenderTarget&) = delete;
    RenderTarget& operator=(const RenderTarget&) = delete;

    /// Binds the framebuffer and sets the viewport to the whole target.
    void bind();
    GLuint framebuffer() const { return fbo_; }
    const GlTexture& texture() const { return texture_; }
    int width() const { return texture_.width(); }
    int height() const { return texture_.height(); }

private:
    GlTexture texture_;
    GLuint fbo_ = 0;
};

/// A linked shader program with cached uniform locations.
class GlProgram {
public:
    /// Compiles and links; throws GpuError with the compiler's log on failure.
    GlProgram(std::string_view vertex_source, std::string_view fragment_source);
    ~GlProgram();
    GlProgram(const GlProgram&) = delete;
    GlProgram& operator=(const GlProgram&) = delete;

    void use() const;
    GLuint id() const { return id_; }
    /// Uniform setters; the program must be in use. Unknown names are ignored (-1 location),
    /// as GL does, so optional uniforms cost nothing.
    void set(const char* name, int value);
    void set(const char* name, float value);
    void set(const char* name, float x, float y);
    void set(const char* name, float x, float y, float z, float w);
    void set_mat3(const char* name, const std::array<float, 9>& column_major);

private:
    GLint location(const char* name);

    GLuint id_ = 0;
    std::unordered_map<std::string, GLint> locations_;
};

}  // namespace lm
