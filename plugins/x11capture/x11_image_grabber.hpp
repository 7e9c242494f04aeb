// X11ImageGrabber: reads a rectangle of a window, the root or a pixmap into an RGBA frame.
// Uses XShm when the server offers it and shares memory with this process (a local server):
// the server writes the pixels straight into a shared segment. Otherwise falls back to plain
// GetImage, which sends them through the socket, several times slower for a full screen.
#pragma once

#include <xcb/shm.h>
#include <xcb/xcb.h>

#include <cstddef>
#include <cstdint>
#include <memory>

#include "core/media/video_frame.hpp"
#include "core/media/video_frame_pool.hpp"
#include "plugins/x11capture/x11_connection.hpp"

namespace lm {

class X11ImageGrabber {
public:
    /// `connection` must outlive the grabber. Tries XShm at once, so uses_shm() is known.
    explicit X11ImageGrabber(X11Connection& connection);
    ~X11ImageGrabber();
    X11ImageGrabber(const X11ImageGrabber&) = delete;
    X11ImageGrabber& operator=(const X11ImageGrabber&) = delete;

    /// False when the server lacks XShm or cannot attach our memory (a remote display, another
    /// IPC namespace): then every grab goes through GetImage.
    bool uses_shm() const { return use_shm_; }

    /// Reads `width` x `height` pixels at (x, y) of `drawable`, whose depth must be one
    /// X11Connection::is_bgrx_depth accepts, into a frame only the caller holds (alpha 255).
    /// Returns null when the server refuses: the window is gone, or the rectangle is not
    /// inside it.
    std::shared_ptr<VideoFrame> grab(xcb_drawable_t drawable, int x, int y, int width, int height);

private:
    bool ensure_segment(size_t bytes);
    void release_segment();
    const uint8_t* read_shm(xcb_drawable_t drawable, int x, int y, int width, int height);
    std::shared_ptr<VideoFrame> new_frame(int width, int height);

    X11Connection& connection_;
    bool use_shm_ = false;
    xcb_shm_seg_t segment_ = 0;  // 0: none attached
    uint8_t* shm_data_ = nullptr;
    size_t shm_bytes_ = 0;
    std::unique_ptr<VideoFramePool> pool_;  // frames of the last size grabbed
    int pool_width_ = 0;
    int pool_height_ = 0;
};

}  // namespace lm
