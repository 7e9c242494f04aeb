// A source with filters: draws the source into a picture of its own size, runs the picture
// filters over it in order (each into a target of the size it makes, ping-ponging between
// targets) and draws the result where the item goes; runs the sound filters over each tick of
// its sound. Its size is what the filters make of the source's; its status is the source's,
// or the first filter's problem. The mixers and the window see just a source.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/scene/filter.hpp"
#include "core/scene/source.hpp"

namespace lm {

class PluginRegistry;
struct FilterDescription;

class FilteredSource : public Source {
public:
    /// The names, when given, are the filters' in the same order (one per filter), so the
    /// window can show each filter's own problem (filter_status).
    FilteredSource(std::shared_ptr<Source> source,
                   std::vector<std::unique_ptr<VideoFilter>> video_filters,
                   std::vector<std::unique_ptr<AudioFilter>> audio_filters,
                   std::vector<std::string> video_filter_names = {},
                   std::vector<std::string> audio_filter_names = {});

    unsigned capabilities() const override { return source_->capabilities(); }
    int width() const override { return filtered_size().width; }
    int height() const override { return filtered_size().height; }
    void render_video(VideoRenderContext& context) override;
    void release_gpu() override;
    void render_audio(AudioRenderContext& context) override;
    SourceStatus status() const override;
    nlohmann::json learned_settings() const override { return source_->learned_settings(); }

    const std::shared_ptr<Source>& unfiltered() const { return source_; }
    /// What is wrong with the filter named `name`; ok when it is fine or not here (disabled,
    /// unknown name). MT safe.
    SourceStatus filter_status(const std::string& name) const;

private:
    struct Target {
        std::unique_ptr<RenderTarget> target;
        bool used = false;  // in the frame being drawn
    };
    PictureSize filtered_size() const;
    /// A target of `size` other than `busy` (the picture being read), made when there is none.
    RenderTarget& target_of(PictureSize size, const RenderTarget* busy);

    std::shared_ptr<Source> source_;
    // The vectors themselves never change after construction: render_video, render_audio and
    // status read them from their own threads; each filter is used by one thread.
    std::vector<std::unique_ptr<VideoFilter>> video_filters_;  // rendered on the video thread
    std::vector<std::unique_ptr<AudioFilter>> audio_filters_;  // run on the audio thread
    std::vector<std::string> video_filter_names_;              // parallel to video_filters_
    std::vector<std::string> audio_filter_names_;              // parallel to audio_filters_
    std::vector<Target> targets_;                              // video thread
    std::unique_ptr<GlProgram> program_;                       // draws the result
};

/// `source` with the enabled filters of `filters` created through `registry` (the source
/// itself when none is enabled). Throws std::invalid_argument naming the filter for an
/// unknown type or a bad setting.
std::shared_ptr<Source> with_filters(std::shared_ptr<Source> source,
                                     const std::vector<FilterDescription>& filters,
                                     const PluginRegistry& registry);

}  // namespace lm
