// V4l2Stream: one open, streaming V4L2 capture device with memory-mapped buffers. Blocking
// device I/O: the camera worker's thread only.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "plugins/camera/camera_devices.hpp"
#include "plugins/camera/camera_frame_decoder.hpp"
#include "plugins/camera/camera_mode.hpp"

namespace lm {

/// Why a device could not be opened or read, with the message a creator sees.
struct CameraStreamError {
    enum class Kind {
        gone = 1,  ///< unplugged (ENODEV, ENOENT): wait for it to come back
        failed,    ///< busy, no permission, refused the format: retrying may help later
    };
    Kind kind = Kind::failed;
    std::string message;  ///< "camera: ..."
};

class V4l2Stream {
public:
    /// Opens `device`, sets `mode` (S_FMT, S_PARM), maps buffers and starts streaming.
    static std::variant<std::unique_ptr<V4l2Stream>, CameraStreamError> open(
        const CameraDevice& device, const CameraMode& mode);
    ~V4l2Stream();  ///< stops streaming, unmaps, closes
    V4l2Stream(const V4l2Stream&) = delete;
    V4l2Stream& operator=(const V4l2Stream&) = delete;

    /// What the driver actually set (it may adjust size and stride).
    const CameraFrameLayout& layout() const { return layout_; }

    /// Called with a dequeued buffer's bytes and the clock::now_ns() of its dequeue; the
    /// bytes are valid during the call only.
    using FrameHandler = std::function<void(const uint8_t* data, size_t size, int64_t captured_ns)>;

    enum class ReadStatus { frame = 1, timeout };
    /// Waits up to `timeout` for the next frame and hands it to `on_frame`. Returns an error
    /// when the device fails or vanishes.
    std::variant<ReadStatus, CameraStreamError> read(std::chrono::milliseconds timeout,
                                                     const FrameHandler& on_frame);

private:
    struct Buffer {
        void* start = nullptr;
        size_t length = 0;
    };
    V4l2Stream(int fd, std::string name) : fd_(fd), name_(std::move(name)) {}
    CameraStreamError error(const char* what, int error_number) const;
    std::variant<std::monostate, CameraStreamError> start(const CameraMode& mode);

    int fd_;
    std::string name_;  // for messages
    CameraFrameLayout layout_;
    std::vector<Buffer> buffers_;
    bool streaming_ = false;
};

}  // namespace lm
