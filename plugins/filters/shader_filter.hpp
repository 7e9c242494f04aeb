// The base of the picture filters: one fragment shader over the picture so far.
#pragma once

#include <memory>
#include <string_view>

#include "core/scene/filter.hpp"

namespace lm {

/// A filter that is one fragment shader sampling `u_texture` (the input, premultiplied) into a
/// target of output_size(). Besides the quad painter's inputs the shader may read
/// `uniform vec2 u_input_size` (input pixels). While status() is not ok (a file it needs is
/// missing or bad) it copies the picture unchanged instead.
class ShaderFilter : public VideoFilter {
public:
    void render(VideoFilterContext& context) override;
    void release_gpu() override;

protected:
    virtual std::string_view fragment_shader() const = 0;
    /// Sets the shader's own uniforms and binds any textures of its own to units 1 and up
    /// (the program is in use; the input is bound to unit 0 afterwards). Video thread.
    virtual void set_uniforms(GlProgram& program, const VideoFilterContext& context) = 0;
    /// Frees GL objects of the filter's own (video thread).
    virtual void release_own_gpu() {}

private:
    std::unique_ptr<GlProgram> program_;
    std::unique_ptr<GlProgram> copy_program_;  // while the filter has a problem
};

}  // namespace lm
