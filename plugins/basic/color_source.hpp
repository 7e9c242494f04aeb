// A solid colour rectangle.
#pragma once

#include <cstdint>
#include <memory>

#include "core/gpu/gl_objects.hpp"
#include "core/scene/source.hpp"

namespace lm {

class ColorSource final : public Source {
public:
    /// `argb`: 0xAARRGGBB, not premultiplied.
    ColorSource(uint32_t argb, int width, int height);

    unsigned capabilities() const override { return kVideo; }
    int width() const override { return width_; }
    int height() const override { return height_; }
    void render_video(VideoRenderContext& context) override;
    void release_gpu() override { program_.reset(); }

private:
    uint32_t argb_;
    int width_;
    int height_;
    std::unique_ptr<GlProgram> program_;  // video thread only
};

}  // namespace lm
