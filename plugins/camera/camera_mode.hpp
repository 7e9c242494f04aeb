// Picks what to ask a camera for (pixel format, frame size, frame rate) from the creator's
// settings and what the device lists. Pure: tested with made-up device descriptions.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

#include "plugins/camera/camera_devices.hpp"

namespace lm {

enum class CameraFormatChoice {
    automatic = 1,  ///< MJPEG when offered (full frame rate at HD over USB 2), else raw
    mjpeg,
    yuyv,
};

/// What the creator asked for; 0 = the device's choice.
struct CameraRequest {
    int width = 0;
    int height = 0;
    int fps = 0;
    CameraFormatChoice format = CameraFormatChoice::automatic;
};

/// What to ask the driver for (it may still adjust the size; read back what it set).
struct CameraMode {
    uint32_t fourcc = 0;
    int width = 0;   ///< 0: keep the device's current size
    int height = 0;  ///< 0: keep the device's current size
    int fps = 0;     ///< 0: keep the device's current rate
};

/// The mode for `request` on `device`, or the message a creator sees when the device cannot
/// deliver the chosen format ("camera: 'C920 (usb-...)' does not offer YUYV; it offers ...").
std::variant<CameraMode, std::string> choose_camera_mode(const CameraDevice& device,
                                                         const CameraRequest& request);

}  // namespace lm
