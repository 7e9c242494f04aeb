// Capturer: what a capture source runs on its capture thread to take one picture. The
// CaptureWorker calls it at the output frame rate while the source is drawn.
#pragma once

#include <chrono>

#include "core/media/video_frame.hpp"
#include "core/scene/source_status.hpp"

namespace lm {

struct CaptureResult {
    /// The new picture (RGBA, alpha 255), or null when none could be taken.
    VideoFramePtr frame;
    /// With no frame: whether the last picture stays on screen (a passing hiccup) or is taken
    /// down (the window closed).
    bool keep_previous = true;
    /// With no frame: how long to wait before trying again (a window search, a reconnect).
    std::chrono::milliseconds retry_after{1000};
    /// With no frame: nothing changed since the last picture, which stays; the next look
    /// comes one frame later, as after a picture.
    bool unchanged = false;

    static CaptureResult nothing_changed() { return {nullptr, true, {}, true}; }
};

class Capturer {
public:
    virtual ~Capturer() = default;

    /// Takes one picture. Capture thread only; may wait on the X server.
    virtual CaptureResult capture() = 0;

    /// What is wrong, if anything. MT safe.
    SourceStatus status() const { return status_.get(); }

protected:
    SourceStatusBox status_;  // written by capture(), read by any thread
};

}  // namespace lm
