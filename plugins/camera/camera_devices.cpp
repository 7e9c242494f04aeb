#include "plugins/camera/camera_devices.hpp"

#include <fcntl.h>
#include <linux/videodev2.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace lm {
namespace {

/// Retries an ioctl interrupted by a signal, as every V4L2 program must.
int xioctl(int fd, unsigned long request, void* argument) {
    int result;
    do {
        result = ::ioctl(fd, request, argument);
    } while (result == -1 && errno == EINTR);
    return result;
}

/// Owns a file descriptor.
class Fd {
public:
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0)
            ::close(fd_);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return fd_; }

private:
    int fd_;
};

std::string text_of(const uint8_t* bytes, size_t size) {
    const auto* begin = reinterpret_cast<const char*>(bytes);
    return std::string(begin, strnlen(begin, size));
}

/// The number in "video12", or -1 when `name` is not a video node's name.
int video_node_number(const std::string& name) {
    constexpr std::string_view kPrefix = "video";
    if (name.size() <= kPrefix.size() || name.compare(0, kPrefix.size(), kPrefix) != 0)
        return -1;
    const std::string digits = name.substr(kPrefix.size());
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return -1;
    return digits.size() > 6 ? -1 : std::stoi(digits);
}

std::vector<CameraFrameSize::Rate> frame_rates(int fd, uint32_t fourcc, int width, int height) {
    std::vector<CameraFrameSize::Rate> rates;
    v4l2_frmivalenum interval{};
    interval.pixel_format = fourcc;
    interval.width = uint32_t(width);
    interval.height = uint32_t(height);
    for (interval.index = 0; xioctl(fd, VIDIOC_ENUM_FRAMEINTERVALS, &interval) == 0;
         ++interval.index) {
        // An interval of n/d seconds is a rate of d/n frames per second.
        const v4l2_fract& f = interval.type == V4L2_FRMIVAL_TYPE_DISCRETE
                                  ? interval.discrete
                                  : interval.stepwise.min;  // the fastest of a range
        if (f.numerator > 0 && f.denominator > 0)
            rates.push_back({f.denominator, f.numerator});
        if (interval.type != V4L2_FRMIVAL_TYPE_DISCRETE)
            break;
    }
    return rates;
}

std::vector<CameraFrameSize> frame_sizes(int fd, uint32_t fourcc) {
    std::vector<CameraFrameSize> sizes;
    v4l2_frmsizeenum size{};
    size.pixel_format = fourcc;
    for (size.index = 0; xioctl(fd, VIDIOC_ENUM_FRAMESIZES, &size) == 0; ++size.index) {
        if (size.type == V4L2_FRMSIZE_TYPE_DISCRETE) {
            const int w = int(size.discrete.width);
            const int h = int(size.discrete.height);
            sizes.push_back({w, h, frame_rates(fd, fourcc, w, h)});
            continue;
        }
        const auto& range = size.stepwise;
        for (const auto& [w, h] : {std::pair{int(range.min_width), int(range.min_height)},
                                   std::pair{int(range.max_width), int(range.max_height)}})
            sizes.push_back({w, h, frame_rates(fd, fourcc, w, h)});
        break;
    }
    return sizes;
}

std::vector<CameraFormat> formats_of(int fd) {
    std::vector<CameraFormat> formats;
    v4l2_fmtdesc description{};
    description.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    for (description.index = 0; xioctl(fd, VIDIOC_ENUM_FMT, &description) == 0;
         ++description.index) {
        CameraFormat format;
        format.fourcc = description.pixelformat;
        format.description = text_of(description.description, sizeof description.description);
        format.sizes = frame_sizes(fd, format.fourcc);
        formats.push_back(std::move(format));
    }
    return formats;
}

std::optional<CameraDevice> query_device(const std::filesystem::path& path) {
    struct stat info {};
    // Only character devices: opening a FIFO or a stray file named video0 must not hang or
    // pass for a camera.
    if (::stat(path.c_str(), &info) != 0 || !S_ISCHR(info.st_mode))
        return std::nullopt;
    Fd fd(::open(path.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC));
    if (fd.get() < 0)
        return std::nullopt;
    v4l2_capability capability{};
    if (xioctl(fd.get(), VIDIOC_QUERYCAP, &capability) != 0)
        return std::nullopt;
    // device_caps describes this node; capabilities the whole device (which may also have a
    // metadata node sharing the card name).
    const uint32_t caps = (capability.capabilities & V4L2_CAP_DEVICE_CAPS)
                              ? capability.device_caps
                              : capability.capabilities;
    if (!(caps & V4L2_CAP_VIDEO_CAPTURE) || !(caps & V4L2_CAP_STREAMING))
        return std::nullopt;
    CameraDevice device;
    device.path = path;
    device.card = text_of(capability.card, sizeof capability.card);
    device.bus_info = text_of(capability.bus_info, sizeof capability.bus_info);
    device.driver = text_of(capability.driver, sizeof capability.driver);
    device.formats = formats_of(fd.get());
    return device;
}

}  // namespace

std::string CameraDevice::display_name() const {
    return bus_info.empty() ? card : card + " (" + bus_info + ")";
}

std::vector<CameraDevice> list_camera_devices(const std::filesystem::path& dev_dir) {
    std::vector<std::pair<int, std::filesystem::path>> nodes;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(dev_dir, error)) {
        const int number = video_node_number(entry.path().filename().string());
        if (number >= 0)
            nodes.emplace_back(number, entry.path());
    }
    std::sort(nodes.begin(), nodes.end());
    std::vector<CameraDevice> devices;
    for (const auto& [number, path] : nodes) {
        if (auto device = query_device(path))
            devices.push_back(std::move(*device));
    }
    return devices;
}

std::optional<CameraDevice> find_camera_device(const std::vector<CameraDevice>& devices,
                                               const std::string& wanted) {
    if (devices.empty())
        return std::nullopt;
    if (wanted.empty())
        return devices.front();
    for (const auto& device : devices) {
        if (device.path == wanted || device.display_name() == wanted)
            return device;
    }
    for (const auto& device : devices) {
        if (device.card == wanted)
            return device;
    }
    return std::nullopt;
}

std::string fourcc_name(uint32_t fourcc) {
    std::string name;
    for (int shift = 0; shift < 32; shift += 8) {
        const char c = char((fourcc >> shift) & 0xFF);
        name += (c >= 32 && c < 127) ? c : '?';
    }
    return name;
}

}  // namespace lm
