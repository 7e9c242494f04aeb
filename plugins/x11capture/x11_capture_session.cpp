#include "plugins/x11capture/x11_capture_session.hpp"

#include <fmt/format.h>

namespace lm {

std::unique_ptr<X11CaptureSession> X11CaptureSession::open(const X11CaptureOptions& options,
                                                           std::string& error) {
    if (options.display_name.empty()) {
        error = fmt::format(
            "{}: no X display given and DISPLAY is not set; set 'display' (for example ':0')",
            options.what);
        return nullptr;
    }
    auto connection = X11Connection::open(options.display_name);
    if (!connection) {
        error = fmt::format("{}: cannot open X display '{}' (is an X session running?)",
                            options.what, options.display_name);
        return nullptr;
    }
    auto session = std::unique_ptr<X11CaptureSession>(new X11CaptureSession(options));
    session->connection_ = std::move(connection);
    session->grabber_ = std::make_unique<X11ImageGrabber>(*session->connection_);
    if (options.show_cursor && session->connection_->has_xfixes())
        session->cursor_ = std::make_unique<CursorOverlay>(*session->connection_);
    return session;
}

SourceStatus X11CaptureSession::healthy_status(const std::string& extra_warning) const {
    std::string warnings;
    auto add = [&](const std::string& warning) {
        warnings += warnings.empty() ? options_.what + ": " : "; ";
        warnings += warning;
    };
    if (options_.wayland_session) {
        add("this is a Wayland session: X11 capture sees only X (XWayland) windows, not "
            "native Wayland ones");
    }
    if (!grabber_->uses_shm()) {
        add(
            fmt::format("X display '{}' does not share memory (no XShm); using the slower "
                        "XGetImage",
                        options_.display_name));
    }
    if (options_.show_cursor && !cursor_)
        add("the X server has no XFixes, so the cursor cannot be drawn");
    if (!extra_warning.empty())
        add(extra_warning);
    if (warnings.empty())
        return {};
    return {SourceStatus::Level::warning, warnings};
}

std::string X11CaptureSession::lost_connection_message() const {
    return fmt::format("{}: lost the connection to X display '{}'; reconnecting", options_.what,
                       options_.display_name);
}

}  // namespace lm
