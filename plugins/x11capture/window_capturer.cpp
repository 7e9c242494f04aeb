#include "plugins/x11capture/window_capturer.hpp"

#include <fmt/format.h>
#include <xcb/composite.h>

#include "plugins/x11capture/xcb_reply.hpp"

namespace lm {
namespace {

// How often to look for the window while it is missing, and to reconnect.
constexpr std::chrono::milliseconds kSearchInterval{1000};
// How often to look again while the window is minimised or hidden.
constexpr std::chrono::milliseconds kHiddenInterval{250};

}  // namespace

WindowCapturer::WindowCapturer(WindowCaptureSettings settings) : settings_(std::move(settings)) {
    settings_.x11.what = "window capture";
}

CaptureResult WindowCapturer::fail(std::string message) {
    status_.set_error(std::move(message));
    return {nullptr, false, kSearchInterval};
}

CaptureResult WindowCapturer::window_missing() {
    window_ = XCB_WINDOW_NONE;
    return fail(
        fmt::format("window capture: no window titled '{}'; it will be picked up when it "
                    "opens",
                    settings_.title));
}

bool WindowCapturer::connect() {
    std::string error;
    session_ = X11CaptureSession::open(settings_.x11, error);
    if (!session_) {
        status_.set_error(std::move(error));
        return false;
    }
    X11Connection& x11 = session_->connection();
    root_ = x11.screen(x11.default_screen())->root;
    finder_ = std::make_unique<WindowFinder>(x11);
    window_ = XCB_WINDOW_NONE;
    return true;
}

bool WindowCapturer::find_window() {
    window_ = finder_->find(root_, settings_.title);
    if (window_ == XCB_WINDOW_NONE)
        return false;
    if (session_->connection().has_composite()) {
        // Automatic redirection: the server still shows the window on screen as before, and
        // also keeps its whole picture off screen for us. It ends with our connection.
        xcb_composite_redirect_window(session_->connection().get(), window_,
                                      XCB_COMPOSITE_REDIRECT_AUTOMATIC);
    }
    return true;
}

CaptureResult WindowCapturer::capture() {
    if (settings_.title.empty()) {
        return fail(
            "window capture: no window chosen; set 'window' to the title of the window to "
            "capture");
    }
    if (session_ && session_->connection().broken()) {
        const std::string message = session_->lost_connection_message();
        session_.reset();
        return fail(message);
    }
    if (!session_ && !connect())
        return {nullptr, false, kSearchInterval};
    if (window_ == XCB_WINDOW_NONE && !find_window())
        return window_missing();

    X11Connection& x11 = session_->connection();
    xcb_connection_t* c = x11.get();
    // Three questions in one round trip; a closed window fails them all.
    auto attributes_cookie = xcb_get_window_attributes(c, window_);
    auto geometry_cookie = xcb_get_geometry(c, window_);
    auto position_cookie = xcb_translate_coordinates(c, window_, root_, 0, 0);
    auto attributes = xcb_owned(xcb_get_window_attributes_reply(c, attributes_cookie, nullptr));
    auto geometry = xcb_owned(xcb_get_geometry_reply(c, geometry_cookie, nullptr));
    auto position = xcb_owned(xcb_translate_coordinates_reply(c, position_cookie, nullptr));
    if (x11.broken())
        return fail(session_->lost_connection_message());
    if (!attributes || !geometry || !position)
        return window_missing();
    if (attributes->map_state != XCB_MAP_STATE_VIEWABLE) {
        status_.set_warning(fmt::format(
            "window capture: window '{}' is minimised or hidden; showing its last picture",
            settings_.title));
        return {nullptr, true, kHiddenInterval};
    }
    if (!x11.is_bgrx_depth(geometry->depth)) {
        return fail(fmt::format(
            "window capture: window '{}' uses {}-bit colour; only 24- and 32-bit windows can be "
            "captured",
            settings_.title, geometry->depth));
    }

    std::shared_ptr<VideoFrame> frame;
    std::string extra_warning;
    if (x11.has_composite()) {
        // A fresh name for the window's pixmap every frame: the server makes a new pixmap
        // whenever the window is resized or mapped again, and naming costs no round trip. The
        // pixmap includes the border.
        const xcb_pixmap_t pixmap = xcb_generate_id(c);
        xcb_composite_name_window_pixmap(c, window_, pixmap);
        frame = session_->grabber().grab(pixmap, geometry->border_width, geometry->border_width,
                                         geometry->width, geometry->height);
        xcb_free_pixmap(c, pixmap);
    } else {
        frame = session_->grabber().grab(window_, 0, 0, geometry->width, geometry->height);
        extra_warning =
            "the X server has no Composite extension, so parts of the window that other "
            "windows cover cannot be captured";
    }
    x11.discard_events();  // the errors of the unchecked requests above, if any
    if (!frame) {
        if (x11.broken())
            return fail(session_->lost_connection_message());
        // Closed or hidden between the questions and the grab: the next round says which.
        return {nullptr, true, std::chrono::milliseconds(50)};
    }
    if (CursorOverlay* cursor = session_->cursor())
        cursor->draw(*frame, position->dst_x, position->dst_y);
    status_.set(session_->healthy_status(extra_warning));
    return {std::move(frame)};
}

}  // namespace lm
