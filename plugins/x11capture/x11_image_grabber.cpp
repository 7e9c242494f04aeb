#include "plugins/x11capture/x11_image_grabber.hpp"

#include <sys/ipc.h>
#include <sys/shm.h>
#include <xcb/shm.h>

#include <cstdlib>

#include "plugins/x11capture/bgrx_to_rgba.hpp"
#include "plugins/x11capture/xcb_reply.hpp"

namespace lm {
namespace {

constexpr uint32_t kAllPlanes = ~0u;
// Enough for a 1920x1080 grab; grown when a larger one is asked for.
constexpr size_t kInitialSegmentBytes = size_t(1920) * 1080 * 4;

}  // namespace

X11ImageGrabber::X11ImageGrabber(X11Connection& connection) : connection_(connection) {
    use_shm_ = connection_.has_shm() && ensure_segment(kInitialSegmentBytes);
}

X11ImageGrabber::~X11ImageGrabber() {
    release_segment();
}

bool X11ImageGrabber::ensure_segment(size_t bytes) {
    if (segment_ != 0 && bytes <= shm_bytes_)
        return true;
    release_segment();
    const int id = shmget(IPC_PRIVATE, bytes, IPC_CREAT | 0600);
    if (id < 0)
        return false;
    void* data = shmat(id, nullptr, 0);
    if (data == reinterpret_cast<void*>(-1)) {
        shmctl(id, IPC_RMID, nullptr);
        return false;
    }
    const xcb_shm_seg_t segment = xcb_generate_id(connection_.get());
    auto error = xcb_owned(xcb_request_check(
        connection_.get(), xcb_shm_attach_checked(connection_.get(), segment, id, 0)));
    // Marked for removal once the server holds it, so it goes away with the last user even if
    // this process dies.
    shmctl(id, IPC_RMID, nullptr);
    if (error) {
        shmdt(data);
        return false;
    }
    segment_ = segment;
    shm_data_ = static_cast<uint8_t*>(data);
    shm_bytes_ = bytes;
    return true;
}

void X11ImageGrabber::release_segment() {
    if (segment_ == 0)
        return;
    if (!connection_.broken()) {
        // Checked, so the server has let go before the memory is unmapped here.
        std::free(xcb_request_check(connection_.get(),
                                    xcb_shm_detach_checked(connection_.get(), segment_)));
    }
    shmdt(shm_data_);
    segment_ = 0;
    shm_data_ = nullptr;
    shm_bytes_ = 0;
}

const uint8_t* X11ImageGrabber::read_shm(xcb_drawable_t drawable, int x, int y, int width,
                                         int height) {
    xcb_generic_error_t* error = nullptr;
    auto reply = xcb_owned(xcb_shm_get_image_reply(
        connection_.get(),
        xcb_shm_get_image(connection_.get(), drawable, int16_t(x), int16_t(y), uint16_t(width),
                          uint16_t(height), kAllPlanes, XCB_IMAGE_FORMAT_Z_PIXMAP, segment_, 0),
        &error));
    std::free(error);
    return reply ? shm_data_ : nullptr;
}

std::shared_ptr<VideoFrame> X11ImageGrabber::grab(xcb_drawable_t drawable, int x, int y, int width,
                                                  int height) {
    if (width <= 0 || height <= 0)
        return nullptr;
    const size_t bytes = size_t(width) * height * 4;
    if (use_shm_ && !ensure_segment(bytes))
        use_shm_ = false;  // the server took our memory before; it will not now: stop asking

    if (use_shm_) {
        const uint8_t* pixels = read_shm(drawable, x, y, width, height);
        if (!pixels)
            return nullptr;
        auto frame = new_frame(width, height);
        bgrx_to_rgba(pixels, width * 4, frame->data(0), frame->stride(0), width, height);
        return frame;
    }

    xcb_generic_error_t* error = nullptr;
    auto reply = xcb_owned(xcb_get_image_reply(
        connection_.get(),
        xcb_get_image(connection_.get(), XCB_IMAGE_FORMAT_Z_PIXMAP, drawable, int16_t(x),
                      int16_t(y), uint16_t(width), uint16_t(height), kAllPlanes),
        &error));
    std::free(error);
    if (!reply || size_t(xcb_get_image_data_length(reply.get())) < bytes)
        return nullptr;
    auto frame = new_frame(width, height);
    bgrx_to_rgba(xcb_get_image_data(reply.get()), width * 4, frame->data(0), frame->stride(0),
                 width, height);
    return frame;
}

std::shared_ptr<VideoFrame> X11ImageGrabber::new_frame(int width, int height) {
    if (!pool_ || pool_width_ != width || pool_height_ != height) {
        // A few frames: one drawn, one waiting in the slot, one being filled.
        pool_ = std::make_unique<VideoFramePool>(PixelFormat::rgba, width, height, 4);
        pool_width_ = width;
        pool_height_ = height;
    }
    return pool_->acquire();
}

}  // namespace lm
