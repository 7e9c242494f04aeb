#include "core/scene/filtered_source.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "core/plugin/plugin_registry.hpp"
#include "core/scene/scene_collection.hpp"

namespace lm {
namespace {

constexpr const char* kResultShader = R"(#version 330 core
uniform sampler2D u_texture;
in vec2 v_source_px;
in vec2 v_uv;
out vec4 frag_color;
void main() { frag_color = texture(u_texture, v_uv); }
)";

/// The whole of a `width` x `height` picture drawn onto a target of the same size.
QuadGeometry full_picture(int width, int height) {
    QuadGeometry geometry;
    geometry.canvas_width = geometry.source_width = float(width);
    geometry.canvas_height = geometry.source_height = float(height);
    geometry.source_rect = {0, 0, float(width), float(height)};
    return geometry;
}

/// Remembers the bound framebuffer and viewport and puts them back: the filters draw into
/// their own targets in the middle of the canvas being drawn.
class BoundTarget {
public:
    BoundTarget() {
        glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &framebuffer_);
        glGetIntegerv(GL_VIEWPORT, viewport_);
    }
    ~BoundTarget() {
        glBindFramebuffer(GL_FRAMEBUFFER, GLuint(framebuffer_));
        glViewport(viewport_[0], viewport_[1], viewport_[2], viewport_[3]);
    }
    BoundTarget(const BoundTarget&) = delete;
    BoundTarget& operator=(const BoundTarget&) = delete;

private:
    GLint framebuffer_ = 0;
    GLint viewport_[4] = {0, 0, 0, 0};
};

void clear_transparent(RenderTarget& target) {
    target.bind();
    glClearColor(0, 0, 0, 0);
    glClear(GL_COLOR_BUFFER_BIT);
}

}  // namespace

FilteredSource::FilteredSource(std::shared_ptr<Source> source,
                               std::vector<std::unique_ptr<VideoFilter>> video_filters,
                               std::vector<std::unique_ptr<AudioFilter>> audio_filters,
                               std::vector<std::string> video_filter_names,
                               std::vector<std::string> audio_filter_names)
    : source_(std::move(source)),
      video_filters_(std::move(video_filters)),
      audio_filters_(std::move(audio_filters)),
      video_filter_names_(std::move(video_filter_names)),
      audio_filter_names_(std::move(audio_filter_names)) {}

PictureSize FilteredSource::filtered_size() const {
    PictureSize size{source_->width(), source_->height()};
    for (const auto& filter : video_filters_) {
        if (size.width <= 0 || size.height <= 0)
            return {};
        size = filter->output_size(size);
    }
    return size;
}

SourceStatus FilteredSource::status() const {
    SourceStatus status = source_->status();
    if (!status.ok())
        return status;
    for (const auto& filter : video_filters_) {
        if (status = filter->status(); !status.ok())
            return status;
    }
    for (const auto& filter : audio_filters_) {
        if (status = filter->status(); !status.ok())
            return status;
    }
    return {};
}

SourceStatus FilteredSource::filter_status(const std::string& name) const {
    for (size_t i = 0; i < video_filters_.size() && i < video_filter_names_.size(); ++i) {
        if (video_filter_names_[i] == name)
            return video_filters_[i]->status();
    }
    for (size_t i = 0; i < audio_filters_.size() && i < audio_filter_names_.size(); ++i) {
        if (audio_filter_names_[i] == name)
            return audio_filters_[i]->status();
    }
    return {};
}

RenderTarget& FilteredSource::target_of(PictureSize size, const RenderTarget* busy) {
    for (Target& each : targets_) {
        if (each.target.get() != busy && each.target->width() == size.width &&
            each.target->height() == size.height) {
            each.used = true;
            return *each.target;
        }
    }
    targets_.push_back({std::make_unique<RenderTarget>(GL_RGBA8, size.width, size.height), true});
    return *targets_.back().target;
}

void FilteredSource::render_video(VideoRenderContext& context) {
    if (video_filters_.empty()) {
        source_->render_video(context);
        return;
    }
    PictureSize size{source_->width(), source_->height()};
    if (size.width <= 0 || size.height <= 0)
        return;
    RenderTarget* current = nullptr;
    {
        const BoundTarget restore;
        for (Target& each : targets_)
            each.used = false;
        current = &target_of(size, nullptr);
        clear_transparent(*current);
        VideoRenderContext unfiltered{context.painter, full_picture(size.width, size.height),
                                      context.frame_index, context.pts_ns, context.frame_rate};
        source_->render_video(unfiltered);
        for (auto& filter : video_filters_) {
            size = filter->output_size(size);
            if (size.width <= 0 || size.height <= 0)
                return;  // cropped away: nothing to show
            RenderTarget& next = target_of(size, current);
            clear_transparent(next);
            VideoFilterContext filter_context{context.painter, current->texture(), context.pts_ns};
            filter->render(filter_context);
            current = &next;
        }
        // Targets of sizes no longer made (the source or a setting changed) go.
        std::erase_if(targets_, [](const Target& each) { return !each.used; });
    }
    if (!program_)
        program_ = context.painter.make_program(kResultShader);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, current->texture().id());
    program_->use();
    program_->set("u_texture", 0);
    context.painter.draw(*program_, context.geometry);
    glBindTexture(GL_TEXTURE_2D, 0);
}

void FilteredSource::release_gpu() {
    source_->release_gpu();
    for (auto& filter : video_filters_)
        filter->release_gpu();
    targets_.clear();
    program_.reset();
}

void FilteredSource::render_audio(AudioRenderContext& context) {
    source_->render_audio(context);
    for (auto& filter : audio_filters_)
        filter->process(context.out);
}

std::shared_ptr<Source> with_filters(std::shared_ptr<Source> source,
                                     const std::vector<FilterDescription>& filters,
                                     const PluginRegistry& registry) {
    std::vector<std::unique_ptr<VideoFilter>> video;
    std::vector<std::unique_ptr<AudioFilter>> audio;
    std::vector<std::string> video_names;
    std::vector<std::string> audio_names;
    for (const FilterDescription& filter : filters) {
        if (!filter.enabled)
            continue;
        const FilterType* type = registry.filter(filter.type);
        if (type == nullptr) {
            std::string known;
            for (const FilterType* each : registry.filters())
                known += known.empty() ? each->id : ", " + each->id;
            throw std::invalid_argument(
                fmt::format("filter '{}' has unknown type '{}'; known types: {}", filter.name,
                            filter.type, known.empty() ? "none (no filter plugin loaded)" : known));
        }
        nlohmann::json settings;
        try {
            settings = apply_schema(type->properties, filter.settings);
        } catch (const std::invalid_argument& error) {
            throw std::invalid_argument(
                fmt::format("filter '{}' ({}): {}", filter.name, filter.type, error.what()));
        }
        if (type->create_video) {
            video.push_back(type->create_video(settings));
            video_names.push_back(filter.name);
        } else {
            audio.push_back(type->create_audio(settings));
            audio_names.push_back(filter.name);
        }
    }
    if (video.empty() && audio.empty())
        return source;
    return std::make_shared<FilteredSource>(std::move(source), std::move(video), std::move(audio),
                                            std::move(video_names), std::move(audio_names));
}

}  // namespace lm
