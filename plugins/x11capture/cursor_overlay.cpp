#include "plugins/x11capture/cursor_overlay.hpp"

#include <xcb/xfixes.h>

#include <algorithm>
#include <cstddef>

#include "plugins/x11capture/xcb_reply.hpp"

namespace lm {

CursorOverlay::CursorOverlay(X11Connection& connection) : connection_(connection) {}

CursorOverlay::~CursorOverlay() = default;

bool CursorOverlay::changed() {
    fetched_ = xcb_owned(xcb_xfixes_get_cursor_image_reply(
        connection_.get(), xcb_xfixes_get_cursor_image(connection_.get()), nullptr));
    if (!fetched_)
        return drawn_;  // nothing to draw now: only a change if something was drawn
    return !drawn_ || fetched_->x != drawn_x_ || fetched_->y != drawn_y_ ||
           fetched_->cursor_serial != drawn_serial_;
}

void CursorOverlay::draw(VideoFrame& frame, int origin_x, int origin_y) {
    XcbReply<xcb_xfixes_get_cursor_image_reply_t> reply = std::move(fetched_);
    if (!reply) {
        reply = xcb_owned(xcb_xfixes_get_cursor_image_reply(
            connection_.get(), xcb_xfixes_get_cursor_image(connection_.get()), nullptr));
    }
    drawn_ = reply != nullptr;
    if (!reply)
        return;
    drawn_x_ = reply->x;
    drawn_y_ = reply->y;
    drawn_serial_ = reply->cursor_serial;
    const uint32_t* cursor = xcb_xfixes_get_cursor_image_cursor_image(reply.get());
    const int cursor_width = reply->width;
    const int cursor_height = reply->height;
    // Top-left of the cursor image in frame pixels: the hot spot sits on the pointer.
    const int left = reply->x - reply->xhot - origin_x;
    const int top = reply->y - reply->yhot - origin_y;

    const int x0 = std::max(0, -left);
    const int y0 = std::max(0, -top);
    const int x1 = std::min(cursor_width, frame.width() - left);
    const int y1 = std::min(cursor_height, frame.height() - top);
    for (int cy = y0; cy < y1; ++cy) {
        uint8_t* row = frame.data(0) + std::ptrdiff_t(top + cy) * frame.stride(0);
        for (int cx = x0; cx < x1; ++cx) {
            // XFixes gives 0xAARRGGBB with the colour already multiplied by alpha, so "over"
            // is cursor + picture * (1 - alpha).
            const uint32_t argb = cursor[cy * cursor_width + cx];
            const uint32_t alpha = argb >> 24;
            if (alpha == 0)
                continue;
            uint8_t* pixel = row + 4 * (left + cx);
            const uint32_t keep = 255 - alpha;
            auto over = [keep](uint32_t cursor_channel, uint8_t picture) {
                // min(): a malformed image with colour above alpha must not wrap around.
                return uint8_t(
                    std::min<uint32_t>(255, cursor_channel + (picture * keep + 127) / 255));
            };
            pixel[0] = over((argb >> 16) & 0xFF, pixel[0]);
            pixel[1] = over((argb >> 8) & 0xFF, pixel[1]);
            pixel[2] = over(argb & 0xFF, pixel[2]);
        }
    }
}

}  // namespace lm
