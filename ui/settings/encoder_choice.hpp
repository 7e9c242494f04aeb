// A video encoder the settings dialog offers, as the window learns it from the plugin
// registry and a probe (an NVENC plugin without an NVIDIA GPU is listed, but unavailable).
#pragma once

#include <QString>

namespace lm::ui {

struct EncoderChoice {
    QString id;    ///< the encoder plugin id stored in profiles: "x264", "nvenc"
    QString name;  ///< "x264 (H.264, software)"
    bool available = true;
    QString reason;  ///< why it is unavailable, for the user: "no NVIDIA GPU found"
};

}  // namespace lm::ui
