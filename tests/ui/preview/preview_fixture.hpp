// Shared by the preview tests: a registry with one sized video source type, a controller over
// it (canvas 1280x720, no Studio) and solid-colour RGBA frames.
#pragma once

#include <QColor>

#include <memory>

#include "core/media/video_frame.hpp"
#include "core/plugin/plugin_registry.hpp"
#include "test_sources.hpp"
#include "ui/model/studio_controller.hpp"

namespace preview_test {

/// A registry with the "sized" type, 100x100 by default.
inline lm::PluginRegistry make_registry() {
    return lm::ui::test::sized_registry(100);
}

/// Adds a `width` x `height` item at canvas position (`x`, `y`); returns its id.
inline int add_item(lm::ui::StudioController& controller, const char* name, int width, int height,
                    double x, double y) {
    const int id = controller.add_source("sized", name, {{"width", width}, {"height", height}});
    lm::ItemTransform transform = controller.item(id)->transform;
    transform.position = {x, y};
    controller.set_item_transform(id, transform);
    return id;
}

/// A `width` x `height` RGBA frame of one opaque colour.
inline std::shared_ptr<const lm::VideoFrame> solid_frame(QColor colour, int64_t index,
                                                         int width = 320, int height = 180) {
    auto frame = std::make_shared<lm::VideoFrame>(lm::PixelFormat::rgba, width, height);
    for (int y = 0; y < height; ++y) {
        uint8_t* row = frame->data(0) + y * frame->stride(0);
        for (int x = 0; x < width; ++x) {
            row[x * 4 + 0] = static_cast<uint8_t>(colour.red());
            row[x * 4 + 1] = static_cast<uint8_t>(colour.green());
            row[x * 4 + 2] = static_cast<uint8_t>(colour.blue());
            row[x * 4 + 3] = 255;
        }
    }
    frame->index = index;
    return frame;
}

}  // namespace preview_test
