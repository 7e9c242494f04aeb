// Draws a CPU picture (an image, a decoded video frame, a captured screen, rendered text) as a
// source: uploads it to a texture when it changes and samples it in the quad shader. Every
// source whose pixels come from the CPU draws through one of these.
#pragma once

#include <memory>
#include <optional>

#include "core/gpu/gl_objects.hpp"
#include "core/media/video_frame.hpp"
#include "core/scene/source.hpp"

namespace lm {

class FramePainter {
public:
    enum class Alpha {
        straight,       ///< colour not multiplied by alpha (decoders, most image files)
        premultiplied,  ///< colour already multiplied by alpha (cairo, compositors)
    };

    /// Draws `frame` (PixelFormat::rgba) stretched over the source rectangle. Uploads only when
    /// `frame` is another frame than last time. Video thread, GL context current.
    void draw(VideoRenderContext& context, const VideoFramePtr& frame,
              Alpha alpha = Alpha::straight);
    /// Frees the texture and program (video thread); draw() recreates them.
    void release();

private:
    std::unique_ptr<GlProgram> program_;
    std::optional<GlTexture> texture_;
    VideoFramePtr uploaded_;  // kept so a recycled address never passes for the same frame
};

}  // namespace lm
