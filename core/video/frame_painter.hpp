// Draws a CPU picture (an image, a decoded video frame, a captured screen, rendered text) as a
// source: uploads it to a texture when it changes and samples it in the quad shader. Every
// source whose pixels come from the CPU draws through one of these. It draws only the parts
// of the picture that are not transparent, and its opaque parts without blending
// (frame_coverage.hpp says why).
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "core/gpu/gl_objects.hpp"
#include "core/media/video_frame.hpp"
#include "core/scene/source.hpp"
#include "core/video/frame_coverage.hpp"

namespace lm {

class FramePainter {
public:
    enum class Alpha {
        straight,       ///< colour not multiplied by alpha (decoders, most image files)
        premultiplied,  ///< colour already multiplied by alpha (cairo, compositors)
        opaque,         ///< every alpha is 255 (a camera, a screen, a video without alpha): drawn
                        ///< without blending and without looking at the alpha at all
    };

    /// Draws `frame` (PixelFormat::rgba) stretched over the source rectangle. Uploads only when
    /// `frame` is another frame than last time. Video thread, GL context current.
    void draw(VideoRenderContext& context, const VideoFramePtr& frame,
              Alpha alpha = Alpha::straight);
    /// Frees the texture and program (video thread); draw() recreates them.
    void release();

private:
    /// Draws the parts of the uploaded `frame` that coverage_ says show, program bound.
    void draw_covered(VideoRenderContext& context, const VideoFrame& frame);

    std::unique_ptr<GlProgram> program_;
    std::optional<GlTexture> texture_;
    VideoFramePtr uploaded_;  // kept so a recycled address never passes for the same frame
    std::vector<CoverageRect> coverage_;  // of uploaded_, in its pixels
};

}  // namespace lm
