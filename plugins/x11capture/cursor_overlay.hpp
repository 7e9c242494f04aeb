// CursorOverlay: draws the mouse pointer into a captured picture. Screen contents read from
// the X server never include the pointer (it is a hardware or server-drawn overlay), so it is
// fetched separately with XFixes (the current cursor image and where it is) and blended in.
#pragma once

#include "core/media/video_frame.hpp"
#include "plugins/x11capture/x11_connection.hpp"

namespace lm {

class CursorOverlay {
public:
    /// `connection` must have XFixes and outlive the overlay.
    explicit CursorOverlay(X11Connection& connection) : connection_(connection) {}

    /// Blends the pointer into `frame`, an RGBA picture of the screen area whose top-left
    /// corner is at (origin_x, origin_y) in root coordinates. Parts outside are clipped; a
    /// pointer elsewhere draws nothing. One round trip to the server.
    void draw(VideoFrame& frame, int origin_x, int origin_y);

private:
    X11Connection& connection_;
};

}  // namespace lm
