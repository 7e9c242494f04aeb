// Sharpening by unsharp mask.
#pragma once

#include "plugins/filters/shader_filter.hpp"

namespace lm {

/// Adds `amount` times the difference between each pixel and the average of its 3x3
/// neighbourhood: edges gain contrast, flat areas stay exactly as they were.
class SharpenFilter : public ShaderFilter {
public:
    explicit SharpenFilter(double amount) : amount_(amount) {}

protected:
    std::string_view fragment_shader() const override;
    void set_uniforms(GlProgram& program, const VideoFilterContext& context) override;

private:
    double amount_;  ///< 0 leaves the picture alone; 1 adds the full difference
};

}  // namespace lm
