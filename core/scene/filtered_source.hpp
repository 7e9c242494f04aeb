// A source with filters: draws the source into a picture of its own size, runs the picture
// filters over it in order (ping-ponging between two targets) and draws the result where the
// item goes; runs the sound filters over each tick of its sound. Everything else (size,
// status) is the source's own, so the mixers and the window see just a source.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "core/scene/filter.hpp"
#include "core/scene/source.hpp"

namespace lm {

class PluginRegistry;
struct FilterDescription;

class FilteredSource : public Source {
public:
    FilteredSource(std::shared_ptr<Source> source,
                   std::vector<std::unique_ptr<VideoFilter>> video_filters,
                   std::vector<std::unique_ptr<AudioFilter>> audio_filters);

    unsigned capabilities() const override { return source_->capabilities(); }
    int width() const override { return source_->width(); }
    int height() const override { return source_->height(); }
    void render_video(VideoRenderContext& context) override;
    void release_gpu() override;
    void render_audio(AudioRenderContext& context) override;
    SourceStatus status() const override { return source_->status(); }

    const std::shared_ptr<Source>& unfiltered() const { return source_; }

private:
    std::shared_ptr<Source> source_;
    std::vector<std::unique_ptr<VideoFilter>> video_filters_;  // video thread
    std::vector<std::unique_ptr<AudioFilter>> audio_filters_;  // audio thread
    std::optional<RenderTarget> targets_[2];                   // video thread
    std::unique_ptr<GlProgram> program_;                       // draws the result
};

/// `source` with the enabled filters of `filters` created through `registry` (the source
/// itself when none is enabled). Throws std::invalid_argument naming the filter for an
/// unknown type or a bad setting.
std::shared_ptr<Source> with_filters(std::shared_ptr<Source> source,
                                     const std::vector<FilterDescription>& filters,
                                     const PluginRegistry& registry);

}  // namespace lm
