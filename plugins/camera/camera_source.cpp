#include "plugins/camera/camera_source.hpp"

#include <algorithm>

namespace lm {
namespace {

VideoFramePtr solid_frame(uint8_t grey) {
    // Solid, so its size does not matter: the painter stretches it over the source's size.
    auto frame = std::make_shared<VideoFrame>(PixelFormat::rgba, 16, 16);
    uint8_t* pixels = frame->data(0);
    for (int i = 0; i < 16 * 16; ++i) {
        pixels[i * 4 + 0] = pixels[i * 4 + 1] = pixels[i * 4 + 2] = grey;
        pixels[i * 4 + 3] = 255;
    }
    return frame;
}

bool size_given(const CameraRequest& request) {
    return request.width > 0 && request.height > 0;
}

}  // namespace

CameraSource::CameraSource(CameraSettings settings)
    : no_signal_width_(size_given(settings.request) ? settings.request.width : kDefaultWidth),
      no_signal_height_(size_given(settings.request) ? settings.request.height : kDefaultHeight),
      no_signal_frame_(solid_frame(kNoSignalGrey)),
      worker_(std::move(settings)) {}

int CameraSource::width() const {
    const CapturedFrame latest = worker_.latest();
    return latest.frame ? latest.frame->width() : no_signal_width_;
}

int CameraSource::height() const {
    const CapturedFrame latest = worker_.latest();
    return latest.frame ? latest.frame->height() : no_signal_height_;
}

void CameraSource::render_video(VideoRenderContext& context) {
    const CapturedFrame latest = worker_.latest();
    // Camera pictures are converted from formats without alpha: opaque, drawn without blending.
    painter_.draw(context, latest.frame ? latest.frame : no_signal_frame_,
                  FramePainter::Alpha::opaque);
}

}  // namespace lm
