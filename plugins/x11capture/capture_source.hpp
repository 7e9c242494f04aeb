// CaptureSource: a video source showing the pictures a Capturer takes on its own thread —
// the screen and window capture sources. Drawing never waits on the X server: the video
// thread only takes the newest picture from the worker's slot.
#pragma once

#include <memory>

#include "core/scene/source.hpp"
#include "core/video/frame_painter.hpp"
#include "plugins/x11capture/capture_worker.hpp"

namespace lm {

class CaptureSource final : public Source {
public:
    /// Starts capturing with `capturer` on a new thread.
    explicit CaptureSource(std::unique_ptr<Capturer> capturer) : worker_(std::move(capturer)) {}

    unsigned capabilities() const override { return kVideo; }
    /// The size of the newest picture; 0x0 (not drawn) before the first or while there is
    /// nothing to show.
    int width() const override;
    int height() const override;
    void render_video(VideoRenderContext& context) override;
    void release_gpu() override { painter_.release(); }
    SourceStatus status() const override { return worker_.status(); }

    /// Pictures taken so far (a hidden source takes none). MT safe.
    uint64_t captured_frames() const { return worker_.captured_frames(); }
    /// Looks at the screen so far, pictures taken or not (a still screen is not taken
    /// again). MT safe.
    uint64_t looks() const { return worker_.looks(); }

private:
    CaptureWorker worker_;
    FramePainter painter_;  // video thread only
};

}  // namespace lm
