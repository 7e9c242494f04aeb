// WindowCapturer: takes pictures of one top-level window, found by its title, with
// XComposite: the server keeps the window's picture in an off-screen pixmap, so other windows
// covering it do not show, and a resized window is followed. A window that is not there yet,
// or closes, is looked for again every second.
#pragma once

#include <xcb/xcb.h>

#include <memory>
#include <string>

#include "plugins/x11capture/capturer.hpp"
#include "plugins/x11capture/window_finder.hpp"
#include "plugins/x11capture/x11_capture_session.hpp"

namespace lm {

struct WindowCaptureSettings {
    X11CaptureOptions x11;  ///< `what` is set by the capturer
    /// Matched exactly against window titles, else as a part of one.
    std::string title;
};

class WindowCapturer final : public Capturer {
public:
    explicit WindowCapturer(WindowCaptureSettings settings);
    CaptureResult capture() override;

private:
    bool connect();
    bool find_window();
    /// Forgets the window and reports it missing.
    CaptureResult window_missing();
    CaptureResult fail(std::string message);

    WindowCaptureSettings settings_;
    // Capture thread only.
    std::unique_ptr<X11CaptureSession> session_;  // null: not connected
    std::unique_ptr<WindowFinder> finder_;
    xcb_window_t root_ = XCB_WINDOW_NONE;
    xcb_window_t window_ = XCB_WINDOW_NONE;  // the window being captured, once found
};

}  // namespace lm
