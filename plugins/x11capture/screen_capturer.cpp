#include "plugins/x11capture/screen_capturer.hpp"

#include <fmt/format.h>
#include <xcb/damage.h>

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
        damage_ = 0;  // the old one went with the old connection
        have_picture_ = false;
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

    if (unchanged(screen->root, x0, y0, x1, y1))
        return CaptureResult::nothing_changed();
    auto frame = session_->grabber().grab(screen->root, x0, y0, x1 - x0, y1 - y0);
    if (!frame) {
        have_picture_ = false;
        if (x11.broken())
            return fail(session_->lost_connection_message());
        // The root always answers; a refusal is a passing race with a resolution change.
        return {nullptr, true, std::chrono::milliseconds(100)};
    }
    if (CursorOverlay* cursor = session_->cursor())
        cursor->draw(*frame, x0, y0);
    have_picture_ = true;
    last_area_[0] = x0, last_area_[1] = y0, last_area_[2] = x1, last_area_[3] = y1;
    status_.set(session_->healthy_status());
    return {std::move(frame)};
}

bool ScreenCapturer::unchanged(uint32_t root, int x0, int y0, int x1, int y1) {
    X11Connection& x11 = session_->connection();
    // Events are read here only to learn of damage; everything else is dropped, as before.
    const bool damaged = x11.take_damage_events();
    if (!x11.has_damage())
        return false;  // no way to know: take every frame
    if (damage_ == 0) {
        // Reports once when the root's damage goes from empty to not; the subtract below
        // empties it again, so each change after it is reported.
        damage_ = xcb_generate_id(x11.get());
        xcb_damage_create(x11.get(), damage_, root, XCB_DAMAGE_REPORT_LEVEL_NON_EMPTY);
        return false;
    }
    CursorOverlay* cursor = session_->cursor();
    const bool pointer_changed = cursor && cursor->changed();
    const bool same_area =
        last_area_[0] == x0 && last_area_[1] == y0 && last_area_[2] == x1 && last_area_[3] == y1;
    if (have_picture_ && !damaged && !pointer_changed && same_area)
        return true;
    // Emptied before the grab: a change while the picture is read is reported again.
    if (damaged)
        xcb_damage_subtract(x11.get(), damage_, XCB_NONE, XCB_NONE);
    return false;
}

}  // namespace lm
