// X11CaptureSession: what screen and window capture both hold while connected to the X
// server (the connection, the image grabber, the cursor overlay), and the words both use to
// report trouble with it.
#pragma once

#include <memory>
#include <string>

#include "core/scene/source_status.hpp"
#include "plugins/x11capture/cursor_overlay.hpp"
#include "plugins/x11capture/x11_connection.hpp"
#include "plugins/x11capture/x11_image_grabber.hpp"

namespace lm {

struct X11CaptureOptions {
    std::string what;          ///< "screen capture": starts every status message
    std::string display_name;  ///< ":0"; empty when neither the setting nor DISPLAY gave one
    bool show_cursor = true;
    bool wayland_session = false;  ///< WAYLAND_DISPLAY was set when the source was made
};

class X11CaptureSession {
public:
    /// Connects. Returns null and sets `error` to the status message when it cannot.
    static std::unique_ptr<X11CaptureSession> open(const X11CaptureOptions& options,
                                                   std::string& error);

    X11Connection& connection() { return *connection_; }
    X11ImageGrabber& grabber() { return *grabber_; }
    /// Null when the cursor is not to be drawn (or the server has no XFixes).
    CursorOverlay* cursor() { return cursor_.get(); }

    /// The status while capture works: ok, or the warnings that stand (Wayland, no XShm,
    /// no XFixes), and `extra_warning` if not empty.
    SourceStatus healthy_status(const std::string& extra_warning = {}) const;
    /// "screen capture: lost the connection to X display ':0'; reconnecting".
    std::string lost_connection_message() const;

private:
    explicit X11CaptureSession(const X11CaptureOptions& options) : options_(options) {}

    X11CaptureOptions options_;
    std::unique_ptr<X11Connection> connection_;
    std::unique_ptr<X11ImageGrabber> grabber_;
    std::unique_ptr<CursorOverlay> cursor_;
};

}  // namespace lm
