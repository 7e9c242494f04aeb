// How program changes from one scene to the next. Both mixers run it, so the stream and the
// recording show it (and hear it) exactly as the preview does.
#pragma once

#include <algorithm>
#include <cstdint>

namespace lm {

struct Transition {
    enum class Kind {
        cut = 1,        ///< the new scene from the next frame
        fade,           ///< a crossfade over `duration_ms`
        slide,          ///< the new scene pushes the old one out, towards `direction`
        swipe,          ///< the new scene moves in over the old one, towards `direction`
        fade_to_color,  ///< the old scene fades to `color`, then the colour to the new scene
    };
    /// Where the pictures move (slide and swipe): "left" brings the new scene in from the
    /// right edge.
    enum class Direction { left = 1, right, up, down };
    Kind kind = Kind::cut;
    int duration_ms = 300;
    Direction direction = Direction::left;
    uint32_t color = 0xFF000000;  ///< fade_to_color, 0xAARRGGBB

    friend bool operator==(const Transition&, const Transition&) = default;

    /// The share of the new scene after `elapsed_ns` of the transition: 0 .. 1.
    double progress(int64_t elapsed_ns) const {
        if (kind == Kind::cut || duration_ms <= 0)
            return 1.0;
        return std::clamp(double(elapsed_ns) / (duration_ms * 1e6), 0.0, 1.0);
    }
};

}  // namespace lm
