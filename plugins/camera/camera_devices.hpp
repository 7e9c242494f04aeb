// Lists the video capture devices (webcams, capture cards) Video4Linux2 offers, with what each
// can deliver: pixel formats, frame sizes and frame rates. Blocking device I/O (open + a few
// ioctls per node): call it from a worker thread or a dialog, never the video or audio thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace lm {

/// One frame size of a format, with the frame rates the device offers for it (frames per
/// second as num/den, e.g. 30/1 or 30000/1001). Empty rates: the device did not say.
struct CameraFrameSize {
    int width = 0;
    int height = 0;
    struct Rate {
        uint32_t num = 0;
        uint32_t den = 1;
    };
    std::vector<Rate> rates;
};

/// One pixel format of a device (V4L2 fourcc, e.g. 'MJPG', 'YUYV').
struct CameraFormat {
    uint32_t fourcc = 0;
    std::string description;  ///< the driver's words: "Motion-JPEG", "YUYV 4:2:2"
    /// Discrete sizes as listed; a stepwise/continuous range is reported as its smallest and
    /// largest size.
    std::vector<CameraFrameSize> sizes;
};

struct CameraDevice {
    std::filesystem::path path;  ///< /dev/video0 (changes when devices are replugged)
    std::string card;            ///< "HD Pro Webcam C920"
    std::string bus_info;        ///< "usb-0000:00:14.0-2" (stable per port)
    std::string driver;          ///< "uvcvideo"
    std::vector<CameraFormat> formats;

    /// "card (bus_info)": what the `device` setting stores, so a camera is found again after
    /// renumbering.
    std::string display_name() const;
};

/// Every video capture node `<dev_dir>/video*`, ordered by number. Nodes that are not character
/// devices, cannot be opened, or are not video capture (metadata, output, m2m codecs) are
/// skipped. Never throws.
std::vector<CameraDevice> list_camera_devices(const std::filesystem::path& dev_dir = "/dev");

/// The device `wanted` names in `devices`: "" = the first; a path ("/dev/video2") = that node;
/// otherwise a display_name() ("card (bus)"), or a card name alone (the first such camera).
std::optional<CameraDevice> find_camera_device(const std::vector<CameraDevice>& devices,
                                               const std::string& wanted);

/// "MJPG" for a fourcc (diagnostics and messages).
std::string fourcc_name(uint32_t fourcc);

}  // namespace lm
