// Filters: what a creator puts on a source to change its picture (colour correction, chroma
// key...) or its sound (gain, noise gate...). Each filter type is a plugin, like sources.
// A source with filters is wrapped in a FilteredSource, so the mixers need not know.
#pragma once

#include "core/gpu/gl_objects.hpp"
#include "core/gpu/quad_painter.hpp"
#include "core/media/audio_block.hpp"

namespace lm {

/// What a video filter is given (video thread, GL context current, its output target bound:
/// the source's size, cleared to transparent).
struct VideoFilterContext {
    QuadPainter& painter;
    const GlTexture& input;  ///< the picture so far, premultiplied RGBA, the source's size
    int64_t pts_ns = 0;
};

class VideoFilter {
public:
    virtual ~VideoFilter() = default;
    /// Draws the filtered picture over the whole bound target, premultiplied; typically
    /// `painter.draw(program, full-target geometry)` sampling `input`.
    virtual void render(VideoFilterContext& context) = 0;
    /// Frees GL objects (video thread); render() may be called again afterwards.
    virtual void release_gpu() {}
};

class AudioFilter {
public:
    virtual ~AudioFilter() = default;
    /// Changes one tick of the source's sound in place (planar float, 48 kHz). Audio thread:
    /// must not block, allocate or log.
    virtual void process(AudioBlock& block) = 0;
};

}  // namespace lm
