#include "plugins/x11capture/screen_capturer.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "plugins/x11capture/xcb_reply.hpp"

namespace lm {
namespace {

// How often to try again while the display cannot be opened or the rectangle is off screen.
constexpr std::chrono::milliseconds kRetryInterval{2000};

}  // namespace

ScreenCapturer::ScreenCapturer(ScreenCaptureSettings settings) : settings_(std::move(settings)) {
    settings_.x11.what = "screen capture";
}

CaptureResult ScreenCapturer::fail(std::string message) {
    status_.set_error(std::move(message));
    return {nullptr, false, kRetryInterval};
}

CaptureResult ScreenCapturer::capture() {
    if (session_ && session_->connection().broken()) {
        const std::string message = session_->lost_connection_message();
        session_.reset();
        return fail(message);
    }
    if (!session_) {
        std::string error;
        session_ = X11CaptureSession::open(settings_.x11, error);
        if (!session_)
            return fail(error);
    }
    X11Connection& x11 = session_->connection();
    const std::string& display = settings_.x11.display_name;
    const xcb_screen_t* screen = x11.screen(settings_.screen);
    if (!screen) {
        return fail(
            fmt::format("screen capture: X display '{}' has no screen {}; it has {} (0 to {})",
                        display, settings_.screen, x11.screen_count(), x11.screen_count() - 1));
    }
    if (!x11.is_bgrx_depth(screen->root_depth)) {
        return fail(fmt::format(
            "screen capture: screen {} of X display '{}' uses {}-bit colour; only 24- and 32-bit "
            "screens can be captured",
            settings_.screen, display, screen->root_depth));
    }

    // The root's size is asked each time rather than taken from the connection setup: RandR
    // can change the resolution while the show runs.
    auto geometry = xcb_owned(
        xcb_get_geometry_reply(x11.get(), xcb_get_geometry(x11.get(), screen->root), nullptr));
    if (!geometry)
        return fail(session_->lost_connection_message());
    const int screen_width = geometry->width;
    const int screen_height = geometry->height;
    const int x0 = std::max(0, settings_.x);
    const int y0 = std::max(0, settings_.y);
    const int x1 =
        std::min(screen_width, settings_.width > 0 ? settings_.x + settings_.width : screen_width);
    const int y1 = std::min(screen_height,
                            settings_.height > 0 ? settings_.y + settings_.height : screen_height);
    if (x1 <= x0 || y1 <= y0) {
        return fail(fmt::format(
            "screen capture: the rectangle at ({}, {}) lies outside screen {} of X display '{}' "
            "({}x{}); change x, y, width or height",
            settings_.x, settings_.y, settings_.screen, display, screen_width, screen_height));
    }

    auto frame = session_->grabber().grab(screen->root, x0, y0, x1 - x0, y1 - y0);
    if (!frame) {
        if (x11.broken())
            return fail(session_->lost_connection_message());
        // The root always answers; a refusal is a passing race with a resolution change.
        return {nullptr, true, std::chrono::milliseconds(100)};
    }
    if (CursorOverlay* cursor = session_->cursor())
        cursor->draw(*frame, x0, y0);
    x11.discard_events();
    status_.set(session_->healthy_status());
    return {std::move(frame)};
}

}  // namespace lm
