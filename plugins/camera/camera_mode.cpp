#include "plugins/camera/camera_mode.hpp"

#include <linux/videodev2.h>

#include <algorithm>
#include <cstdlib>

#include "plugins/camera/camera_frame_decoder.hpp"

namespace lm {
namespace {

const CameraFormat* find_format(const CameraDevice& device, CameraPixelFormat wanted) {
    for (const auto& format : device.formats) {
        if (camera_pixel_format_of(format.fourcc) == wanted)
            return &format;
    }
    return nullptr;
}

std::string offered_formats(const CameraDevice& device) {
    std::string list;
    for (const auto& format : device.formats)
        list += (list.empty() ? "" : ", ") + fourcc_name(format.fourcc);
    return list.empty() ? "nothing" : list;
}

/// The listed size closest to the request: the largest for 0x0; else the one nearest in
/// area among those at least as large, falling back to the largest.
const CameraFrameSize* pick_size(const CameraFormat& format, const CameraRequest& request) {
    const CameraFrameSize* best = nullptr;
    auto area = [](const CameraFrameSize& s) { return int64_t(s.width) * s.height; };
    for (const auto& size : format.sizes) {
        if (!best || area(size) > area(*best))
            best = &size;
    }
    if (request.width <= 0 || request.height <= 0)
        return best;
    for (const auto& size : format.sizes) {
        if (size.width == request.width && size.height == request.height)
            return &size;
    }
    return nullptr;  // not listed: ask for it as is and let the driver adjust it
}

}  // namespace

std::variant<CameraMode, std::string> choose_camera_mode(const CameraDevice& device,
                                                         const CameraRequest& request) {
    const CameraFormat* format = nullptr;
    const bool specific =
        request.format == CameraFormatChoice::mjpeg || request.format == CameraFormatChoice::yuyv;
    if (specific) {
        const bool mjpeg = request.format == CameraFormatChoice::mjpeg;
        format = find_format(device, mjpeg ? CameraPixelFormat::mjpeg : CameraPixelFormat::yuyv);
        if (!format)
            return "camera: '" + device.display_name() + "' does not offer " +
                   (mjpeg ? "MJPEG" : "YUYV") + "; it offers " + offered_formats(device) +
                   " (pick another format or 'auto')";
    } else {  // automatic (and anything unset)
        for (auto wanted :
             {CameraPixelFormat::mjpeg, CameraPixelFormat::yuyv, CameraPixelFormat::nv12}) {
            if ((format = find_format(device, wanted)))
                break;
        }
        if (!format)
            return "camera: '" + device.display_name() +
                   "' offers no format this source reads (MJPEG, YUYV or NV12); it offers " +
                   offered_formats(device);
    }
    CameraMode mode;
    mode.fourcc = format->fourcc;
    mode.fps = std::max(request.fps, 0);
    if (const CameraFrameSize* size = pick_size(*format, request)) {
        mode.width = size->width;
        mode.height = size->height;
    } else {
        mode.width = std::max(request.width, 0);
        mode.height = std::max(request.height, 0);
    }
    return mode;
}

}  // namespace lm
