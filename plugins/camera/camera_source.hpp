// CameraSource: a video capture device (webcam, HDMI capture card) as a source. The capture
// runs on the CameraWorker's thread; drawing only takes the newest frame from its slot. With
// no camera it draws a dark grey no-signal picture of the size asked for (1280x720 by default), so
// the layout holds while the camera is missing, and says why in status().
#pragma once

#include "core/scene/source.hpp"
#include "core/video/frame_painter.hpp"
#include "plugins/camera/camera_worker.hpp"

namespace lm {

class CameraSource final : public Source {
public:
    /// Starts looking for the camera. Never throws for a missing or broken device.
    explicit CameraSource(CameraSettings settings);

    unsigned capabilities() const override { return kVideo; }
    /// The camera's frame size, or the no-signal picture's while there is no frame.
    int width() const override;
    int height() const override;
    void render_video(VideoRenderContext& context) override;
    void release_gpu() override { painter_.release(); }
    SourceStatus status() const override { return worker_.status(); }

    uint64_t decoded_frames() const { return worker_.decoded_frames(); }

    /// The no-signal picture's colour, a dark grey that reads as "no picture" on any background.
    static constexpr uint8_t kNoSignalGrey = 48;
    static constexpr int kDefaultWidth = 1280;
    static constexpr int kDefaultHeight = 720;

private:
    const int no_signal_width_;
    const int no_signal_height_;
    const VideoFramePtr no_signal_frame_;  // a small solid frame, stretched when drawn
    CameraWorker worker_;
    FramePainter painter_;  // video thread only
};

}  // namespace lm
