// CursorOverlay: draws the mouse pointer into a captured picture. Screen contents read from
// the X server never include the pointer (it is a hardware or server-drawn overlay), so it is
// fetched separately with XFixes (the current cursor image and where it is) and blended in.
#pragma once

#include <xcb/xfixes.h>
#include "core/media/video_frame.hpp"

#include <cstdint>

#include "plugins/x11capture/x11_connection.hpp"
#include "plugins/x11capture/xcb_reply.hpp"

namespace lm {

class CursorOverlay {
public:
    /// `connection` must have XFixes and outlive the overlay.
    explicit CursorOverlay(X11Connection& connection);
    ~CursorOverlay();

    /// Fetches the pointer (one round trip) and says whether it moved or changed shape since
    /// it was last drawn: a screen that did not change otherwise need not be taken again.
    bool changed();
    /// Blends the pointer into `frame`, an RGBA picture of the screen area whose top-left
    /// corner is at (origin_x, origin_y) in root coordinates. Parts outside are clipped; a
    /// pointer elsewhere draws nothing. Uses what changed() just fetched, else fetches it.
    void draw(VideoFrame& frame, int origin_x, int origin_y);

private:
    X11Connection& connection_;
    XcbReply<xcb_xfixes_get_cursor_image_reply_t> fetched_;  // by changed(), until draw()
    // The pointer as last drawn: where its hot spot was and which cursor image it showed.
    int drawn_x_ = -1;
    int drawn_y_ = -1;
    uint32_t drawn_serial_ = 0;
    bool drawn_ = false;
};

}  // namespace lm
