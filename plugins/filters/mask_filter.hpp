// A picture file used as a mask or blended over the source.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>

#include "core/media/video_frame.hpp"
#include "plugins/filters/shader_filter.hpp"

namespace lm {

struct MaskBlend {
    enum class Mode {
        alpha_mask = 1,  ///< the image's alpha multiplies the source's alpha
        luminance_mask,  ///< the image's luminance (BT.709) multiplies the source's alpha
        multiply,        ///< the image's colour multiplies the source's colour
        add,             ///< the image's colour is added to it
        subtract,        ///< the image's colour is taken from it
    };
    std::filesystem::path image;
    Mode mode = Mode::alpha_mask;
};

/// The image (first frame of an animation), stretched over the source, masks it or is blended
/// over its colour; blends keep the source's alpha and weigh the image by its own alpha. The
/// file is read when the filter is made; a missing or unreadable file is the filter's status
/// and the picture passes unchanged.
class MaskBlendFilter : public ShaderFilter {
public:
    explicit MaskBlendFilter(const MaskBlend& settings);

    SourceStatus status() const override { return status_; }

protected:
    std::string_view fragment_shader() const override;
    void set_uniforms(GlProgram& program, const VideoFilterContext& context) override;
    void release_own_gpu() override { texture_.reset(); }

private:
    MaskBlend::Mode mode_;
    VideoFramePtr image_;  // RGBA, straight or premultiplied as premultiplied_ says
    bool premultiplied_ = false;
    SourceStatus status_;
    std::optional<GlTexture> texture_;  // video thread
};

}  // namespace lm
