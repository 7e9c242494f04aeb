// A picture file used as a mask or blended over the source.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>

#include "core/media/video_frame.hpp"
#include "plugins/filters/shader_filter.hpp"
#include "plugins/filters/watched_file.hpp"

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
/// file is read when the filter is made and again whenever it changes; while it is missing or
/// unreadable, that is the filter's status and the picture passes unchanged.
class MaskBlendFilter : public ShaderFilter {
public:
    explicit MaskBlendFilter(const MaskBlend& settings);

    SourceStatus status() const override { return file_.status(); }

protected:
    std::string_view fragment_shader() const override;
    void set_uniforms(GlProgram& program, const VideoFilterContext& context) override;
    void release_own_gpu() override { texture_.reset(); }

private:
    struct Image {
        VideoFramePtr frame;  // RGBA
        bool premultiplied = false;
    };

    MaskBlend::Mode mode_;
    WatchedFile<Image> file_;
    // Video thread.
    std::shared_ptr<const Image> image_;
    std::optional<GlTexture> texture_;  // of image_
};

}  // namespace lm
