// ScreenCapturer: takes pictures of an X screen, or of a rectangle of it, with the pointer
// drawn in if asked. Runs on the capture thread of its source (see CaptureWorker).
#pragma once

#include <memory>

#include "plugins/x11capture/capturer.hpp"
#include "plugins/x11capture/x11_capture_session.hpp"

namespace lm {

struct ScreenCaptureSettings {
    X11CaptureOptions x11;  ///< `what` is set by the capturer
    int screen = 0;
    /// The rectangle, in screen pixels. A width or height of 0 reaches the screen's right or
    /// bottom edge; a rectangle partly off the screen is cut to it.
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
};

class ScreenCapturer final : public Capturer {
public:
    explicit ScreenCapturer(ScreenCaptureSettings settings);
    CaptureResult capture() override;

private:
    CaptureResult fail(std::string message);

    /// Nothing to take again: the server reported no change since the last picture, the
    /// pointer did not move and the area is the same. Subtracts the damage it reported.
    bool unchanged(uint32_t root, int x0, int y0, int x1, int y1);

    ScreenCaptureSettings settings_;
    // Capture thread only.
    std::unique_ptr<X11CaptureSession> session_;  // null: not connected
    uint32_t damage_ = 0;                  // the DAMAGE object watching the root; 0: none (yet)
    int last_area_[4] = {-1, -1, -1, -1};  // x0, y0, x1, y1 of the last picture
    bool have_picture_ = false;
};

}  // namespace lm
