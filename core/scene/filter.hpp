// Filters: what a creator puts on a source to change its picture (colour correction, chroma
// key...) or its sound (gain, noise gate...). Each filter type is a plugin, like sources.
// A source with filters is wrapped in a FilteredSource, so the mixers need not know.
#pragma once

#include "core/gpu/gl_objects.hpp"
#include "core/gpu/quad_painter.hpp"
#include "core/media/audio_block.hpp"
#include "core/scene/source_status.hpp"

namespace lm {

/// What a video filter is given (video thread, GL context current, its output target bound:
/// the source's size, cleared to transparent).
struct VideoFilterContext {
    QuadPainter& painter;
    /// The picture so far, premultiplied RGBA: the source's size, or what the filter before
    /// made of it (see VideoFilter::output_size).
    const GlTexture& input;
    int64_t pts_ns = 0;
};

struct PictureSize {
    int width = 0;
    int height = 0;
    friend bool operator==(const PictureSize&, const PictureSize&) = default;
};

class VideoFilter {
public:
    virtual ~VideoFilter() = default;
    /// Draws the filtered picture over the whole bound target (output_size(input) pixels),
    /// premultiplied; typically `painter.draw(program, full-target geometry)` sampling `input`.
    virtual void render(VideoFilterContext& context) = 0;
    /// Frees GL objects (video thread); render() may be called again afterwards.
    virtual void release_gpu() {}
    /// The size of the picture made from one of `input` size: the same for most filters, other
    /// for crop/pad. A zero side means nothing is drawn. Pure; MT safe (the window asks a
    /// source for its size from its own thread).
    virtual PictureSize output_size(PictureSize input) const { return input; }
    /// What is wrong with the filter (a LUT file that is not one, a missing mask image),
    /// shown as the source's status. A filter with a problem passes the picture on unchanged,
    /// so the show goes on. MT safe.
    virtual SourceStatus status() const { return {}; }
};

class AudioFilter {
public:
    virtual ~AudioFilter() = default;
    /// Changes one tick of the source's sound in place (planar float, 48 kHz). Audio thread:
    /// must not block, allocate or log.
    virtual void process(AudioBlock& block) = 0;
    /// As VideoFilter::status. MT safe.
    virtual SourceStatus status() const { return {}; }
};

}  // namespace lm
