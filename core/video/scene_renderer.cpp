#include "core/video/scene_renderer.hpp"

#include <algorithm>

namespace lm {
namespace {

QuadGeometry geometry_for(const SceneItem& item, const VideoFormat& format) {
    const Source& source = *item.source;
    const ItemPlacement placement = place_item(item.transform, source.width(), source.height());
    QuadGeometry geometry;
    std::transform(placement.source_to_canvas.begin(), placement.source_to_canvas.end(),
                   geometry.source_to_canvas.begin(), [](double v) { return float(v); });
    std::transform(placement.source_rect.begin(), placement.source_rect.end(),
                   geometry.source_rect.begin(), [](double v) { return float(v); });
    geometry.canvas_width = float(format.width);
    geometry.canvas_height = float(format.height);
    geometry.source_width = float(source.width());
    geometry.source_height = float(source.height());
    return geometry;
}

bool draws_video(const SceneItem& item) {
    return item.visible && item.source && (item.source->capabilities() & Source::kVideo) &&
           item.source->width() > 0 && item.source->height() > 0;
}

}  // namespace

SceneRenderer::~SceneRenderer() {
    for (auto& source : gpu_sources_)
        source->release_gpu();
}

void SceneRenderer::draw(RenderTarget& target, const Scene* scene, int64_t index, int64_t pts_ns) {
    target.bind();
    glClearColor(0, 0, 0, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    if (!scene)
        return;
    for (const SceneItem& item : scene->items) {
        if (!draws_video(item))
            continue;
        VideoRenderContext context{painter_, geometry_for(item, format_), index, pts_ns,
                                   format_.frame_rate};
        item.source->render_video(context);
        if (std::find(gpu_sources_.begin(), gpu_sources_.end(), item.source) ==
            gpu_sources_.end()) {
            gpu_sources_.push_back(item.source);
        }
    }
}

void SceneRenderer::release_unused(std::initializer_list<const Scene*> scenes) {
    auto shown = [&](const std::shared_ptr<Source>& source) {
        for (const Scene* scene : scenes) {
            if (scene && std::any_of(scene->items.begin(), scene->items.end(),
                                     [&](const SceneItem& item) { return item.source == source; }))
                return true;
        }
        return false;
    };
    std::erase_if(gpu_sources_, [&](const std::shared_ptr<Source>& source) {
        if (shown(source))
            return false;
        source->release_gpu();
        return true;
    });
}

}  // namespace lm
