// Source: the plugin interface for everything that shows up in a scene. A source draws video
// on the GPU, produces audio, or both.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

#include "core/gpu/quad_painter.hpp"
#include "core/media/audio_block.hpp"
#include "core/media/rational.hpp"
#include "core/scene/source_status.hpp"

namespace lm {

/// What a source is given when the video mixer draws it (video thread, GL current).
struct VideoRenderContext {
    QuadPainter& painter;
    QuadGeometry geometry;    ///< where the item lands on the canvas; pass it to painter.draw
    int64_t frame_index = 0;  ///< output frame number
    int64_t pts_ns = 0;       ///< stream time of this frame (frame_index / frame_rate)
    Rational frame_rate{30, 1};
};

/// What a source is asked for on each audio tick (audio thread).
struct AudioRenderContext {
    /// Stream time of the first sample, in samples at 48 kHz (already shifted by the item's
    /// sync offset).
    int64_t start_sample = 0;
    /// Mix-ready output to fill: `channels` x kAudioTickFrames, zeroed before the call.
    AudioBlock& out;
};

class Source {
public:
    enum Capability : unsigned { kVideo = 1u << 0, kAudio = 1u << 1 };

    virtual ~Source() = default;

    virtual unsigned capabilities() const = 0;
    /// Native size in pixels (0x0 for audio-only sources). MT safe.
    virtual int width() const { return 0; }
    virtual int height() const { return 0; }

    /// Draws the source for one output frame. Video thread only; may create GL objects lazily.
    virtual void render_video(VideoRenderContext& /*context*/) {}
    /// Frees GL objects. Called on the video thread, context current, before the source is
    /// destroyed or the device goes away; the source may be rendered again afterwards.
    virtual void release_gpu() {}

    /// Fills one tick of audio. Audio thread only: must not block, allocate or log.
    virtual void render_audio(AudioRenderContext& /*context*/) {}

    /// What is wrong with the source, if anything (file missing, device gone, bad font). MT
    /// safe; polled by the window.
    virtual SourceStatus status() const { return {}; }

    /// Settings the source found out while running that its saved settings should keep, as
    /// {key: value} for keys of its type's schema: the PipeWire source's restore token once
    /// the creator has chosen what to share, so the next start shares it again without
    /// asking. An empty object when there is nothing. MT safe; the window polls it and
    /// merges the values into the collection without re-creating the source.
    virtual nlohmann::json learned_settings() const { return nlohmann::json::object(); }
};

}  // namespace lm
