// How program changes from one scene to the next. Both mixers run it, so the stream and the
// recording show it (and hear it) exactly as the preview does.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>

#include "core/scene/source.hpp"

namespace lm {

/// The video a stinger plays over the change, drawn over the whole canvas with its alpha and
/// mixed into program's sound. Created by a plugin (the media plugin's "stinger" transition
/// type) from the file; it opens the file and decodes its first frames ahead, so a run starts
/// without waiting. Both mixers draw and pull it in play time counted from the start of the
/// run: VideoRenderContext::pts_ns and AudioRenderContext::start_sample are play time.
class TransitionOverlay : public Source {
public:
    /// The clip's length; 0 while it is not known (still opening, or a file that does not
    /// play: status() says why). MT safe.
    virtual int64_t duration_ns() const = 0;
    /// Makes the next frames drawn and samples pulled come from the clip's first frame on.
    /// Studio::transition_to calls it as it starts a stinger. MT safe; never blocks on file
    /// I/O (the next run is prepared ahead).
    virtual void begin_run() = 0;
};

struct Transition {
    enum class Kind {
        cut = 1,        ///< the new scene from the next frame
        fade,           ///< a crossfade over `duration_ms`
        slide,          ///< the new scene pushes the old one out, towards `direction`
        swipe,          ///< the new scene moves in over the old one, towards `direction`
        fade_to_color,  ///< the old scene fades to `color`, then the colour to the new scene
        stinger,        ///< a video plays over the change; the scenes switch at its
                        ///< transition point; it lasts as long as the video
    };
    /// Where the pictures move (slide and swipe): "left" brings the new scene in from the
    /// right edge.
    enum class Direction { left = 1, right, up, down };
    /// What the scenes' own sound does during a stinger (its video's sound always plays).
    enum class StingerAudio {
        crossfade = 1,    ///< the old scene's sound fades out as the new one's fades in
        switch_at_point,  ///< the old scene's sound until the transition point, then the new
    };
    Kind kind = Kind::cut;
    int duration_ms = 300;  ///< a stinger's is its video's length (set when it starts)
    Direction direction = Direction::left;
    uint32_t color = 0xFF000000;  ///< fade_to_color, 0xAARRGGBB

    // Stinger settings (saved with the scene collection).
    std::string stinger_file{};
    int stinger_point_ms = 0;  ///< the transition point: when the scenes switch under it
    StingerAudio stinger_audio = StingerAudio::crossfade;
    /// The stinger's video, opened from `stinger_file` by whoever chose the transition (the
    /// window, through the plugin registry); null otherwise. Live state, never saved.
    std::shared_ptr<TransitionOverlay> stinger{};

    friend bool operator==(const Transition&, const Transition&) = default;

    /// The share of the new scene after `elapsed_ns` of the transition: 0 .. 1.
    double progress(int64_t elapsed_ns) const {
        if (kind == Kind::cut || duration_ms <= 0)
            return 1.0;
        return std::clamp(double(elapsed_ns) / (duration_ms * 1e6), 0.0, 1.0);
    }
    /// Whether program's picture shows the new scene after `elapsed_ns` (a stinger switches at
    /// its transition point; the others blend from the start).
    bool past_point(int64_t elapsed_ns) const {
        return kind != Kind::stinger || elapsed_ns >= int64_t(stinger_point_ms) * 1'000'000;
    }
    /// The share of the new scene's sound after `elapsed_ns`: progress(), except a stinger set
    /// to switch at its transition point.
    double audio_progress(int64_t elapsed_ns) const {
        if (kind == Kind::stinger && stinger_audio == StingerAudio::switch_at_point)
            return progress(elapsed_ns) >= 1.0 || past_point(elapsed_ns) ? 1.0 : 0.0;
        return progress(elapsed_ns);
    }
};

}  // namespace lm
