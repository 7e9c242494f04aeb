#include "plugins/x11capture/capture_source.hpp"

namespace lm {

int CaptureSource::width() const {
    const VideoFramePtr frame = worker_.latest();
    return frame ? frame->width() : 0;
}

int CaptureSource::height() const {
    const VideoFramePtr frame = worker_.latest();
    return frame ? frame->height() : 0;
}

void CaptureSource::render_video(VideoRenderContext& context) {
    worker_.note_drawn(context.frame_rate);
    // The frame may be newer than the size the item was placed with, for one frame after a
    // resize: it is then stretched over the old size, which is not worth a lock across both.
    if (const VideoFramePtr frame = worker_.latest())
        painter_.draw(context, frame, FramePainter::Alpha::opaque);  // a screen has no alpha
}

}  // namespace lm
