#include "plugins/camera/v4l2_stream.hpp"

#include <fcntl.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/media/clock.hpp"

namespace lm {
namespace {

int xioctl(int fd, unsigned long request, void* argument) {
    int result;
    do {
        result = ::ioctl(fd, request, argument);
    } while (result == -1 && errno == EINTR);
    return result;
}

// Enough for the driver to fill one while we decode another and a third waits; more only
// adds latency.
constexpr unsigned kBufferCount = 4;

bool means_unplugged(int error_number) {
    return error_number == ENODEV || error_number == ENOENT || error_number == ENXIO ||
           error_number == EIO;
}

}  // namespace

CameraStreamError V4l2Stream::error(const char* what, int error_number) const {
    if (means_unplugged(error_number))
        return {CameraStreamError::Kind::gone,
                "camera: '" + name_ + "' was disconnected; it is picked up when plugged in again"};
    return {CameraStreamError::Kind::failed,
            "camera: '" + name_ + "': " + what + " failed: " + std::strerror(error_number)};
}

std::variant<std::unique_ptr<V4l2Stream>, CameraStreamError> V4l2Stream::open(
    const CameraDevice& device, const CameraMode& mode) {
    const std::string name = device.display_name();
    const int fd = ::open(device.path.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        const int e = errno;
        if (means_unplugged(e))
            return CameraStreamError{
                CameraStreamError::Kind::gone,
                "camera: '" + name + "' is not connected; it is picked up when plugged in"};
        if (e == EACCES || e == EPERM)
            return CameraStreamError{CameraStreamError::Kind::failed,
                                     "camera: no permission to open " + device.path.string() +
                                         " (add your user to the 'video' group)"};
        return CameraStreamError{
            CameraStreamError::Kind::failed,
            "camera: cannot open " + device.path.string() + ": " + std::strerror(e)};
    }
    std::unique_ptr<V4l2Stream> stream(new V4l2Stream(fd, name));
    if (auto started = stream->start(mode); std::holds_alternative<CameraStreamError>(started))
        return std::get<CameraStreamError>(std::move(started));
    return stream;
}

std::variant<std::monostate, CameraStreamError> V4l2Stream::start(const CameraMode& mode) {
    v4l2_format format{};
    format.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    if (xioctl(fd_, VIDIOC_G_FMT, &format) != 0)
        return error("reading the format", errno);
    format.fmt.pix.pixelformat = mode.fourcc;
    if (mode.width > 0 && mode.height > 0) {
        format.fmt.pix.width = uint32_t(mode.width);
        format.fmt.pix.height = uint32_t(mode.height);
    }
    format.fmt.pix.field = V4L2_FIELD_ANY;
    format.fmt.pix.bytesperline = 0;  // let the driver choose its stride
    if (xioctl(fd_, VIDIOC_S_FMT, &format) != 0) {
        if (errno == EBUSY)
            return CameraStreamError{
                CameraStreamError::Kind::failed,
                "camera: '" + name_ + "' is in use by another program; close it there"};
        return error("setting the format", errno);
    }
    layout_.format = camera_pixel_format_of(format.fmt.pix.pixelformat);
    if (layout_.format == CameraPixelFormat{})
        return CameraStreamError{CameraStreamError::Kind::failed,
                                 "camera: '" + name_ + "' switched to format " +
                                     fourcc_name(format.fmt.pix.pixelformat) +
                                     ", which this source does not read"};
    layout_.width = int(format.fmt.pix.width);
    layout_.height = int(format.fmt.pix.height);
    layout_.bytes_per_line = int(format.fmt.pix.bytesperline);

    if (mode.fps > 0) {
        v4l2_streamparm parameters{};
        parameters.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        parameters.parm.capture.timeperframe = {1, uint32_t(mode.fps)};
        // Devices without a settable rate refuse this; they then run at their own rate, which
        // is no reason to show nothing.
        xioctl(fd_, VIDIOC_S_PARM, &parameters);
    }

    v4l2_requestbuffers request{};
    request.count = kBufferCount;
    request.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    request.memory = V4L2_MEMORY_MMAP;
    if (xioctl(fd_, VIDIOC_REQBUFS, &request) != 0) {
        if (errno == EBUSY)
            return CameraStreamError{
                CameraStreamError::Kind::failed,
                "camera: '" + name_ + "' is in use by another program; close it there"};
        return error("requesting buffers", errno);
    }
    if (request.count == 0)
        return error("requesting buffers", ENOMEM);
    for (uint32_t i = 0; i < request.count; ++i) {
        v4l2_buffer buffer{};
        buffer.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        buffer.memory = V4L2_MEMORY_MMAP;
        buffer.index = i;
        if (xioctl(fd_, VIDIOC_QUERYBUF, &buffer) != 0)
            return error("querying a buffer", errno);
        void* start = ::mmap(nullptr, buffer.length, PROT_READ | PROT_WRITE, MAP_SHARED, fd_,
                             buffer.m.offset);
        if (start == MAP_FAILED)
            return error("mapping a buffer", errno);
        buffers_.push_back({start, buffer.length});
        if (xioctl(fd_, VIDIOC_QBUF, &buffer) != 0)
            return error("queueing a buffer", errno);
    }
    v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    if (xioctl(fd_, VIDIOC_STREAMON, &type) != 0)
        return error("starting the stream", errno);
    streaming_ = true;
    return std::monostate{};
}

V4l2Stream::~V4l2Stream() {
    if (streaming_) {
        v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        xioctl(fd_, VIDIOC_STREAMOFF, &type);
    }
    for (const auto& buffer : buffers_)
        ::munmap(buffer.start, buffer.length);
    ::close(fd_);
}

std::variant<V4l2Stream::ReadStatus, CameraStreamError> V4l2Stream::read(
    std::chrono::milliseconds timeout, const FrameHandler& on_frame) {
    pollfd waiting{fd_, POLLIN, 0};
    const int ready = ::poll(&waiting, 1, int(timeout.count()));
    if (ready < 0)
        return errno == EINTR ? std::variant<ReadStatus, CameraStreamError>(ReadStatus::timeout)
                              : error("waiting for a frame", errno);
    if (ready == 0)
        return ReadStatus::timeout;
    if (waiting.revents & (POLLERR | POLLHUP | POLLNVAL))
        return error("waiting for a frame", ENODEV);  // an unplugged node reports POLLERR

    v4l2_buffer buffer{};
    buffer.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    buffer.memory = V4L2_MEMORY_MMAP;
    if (xioctl(fd_, VIDIOC_DQBUF, &buffer) != 0)
        return errno == EAGAIN ? std::variant<ReadStatus, CameraStreamError>(ReadStatus::timeout)
                               : error("reading a frame", errno);
    // Stamped at dequeue: the driver's own timestamps use a clock of the driver's choosing.
    const int64_t captured_ns = clock::now_ns();
    if (buffer.index < buffers_.size() && !(buffer.flags & V4L2_BUF_FLAG_ERROR)) {
        const Buffer& mapped = buffers_[buffer.index];
        on_frame(static_cast<const uint8_t*>(mapped.start),
                 std::min<size_t>(buffer.bytesused, mapped.length), captured_ns);
    }
    if (xioctl(fd_, VIDIOC_QBUF, &buffer) != 0)
        return error("requeueing a buffer", errno);
    return ReadStatus::frame;
}

}  // namespace lm
