// A scene: an ordered list of items, bottom first.
#pragma once

#include <string>
#include <vector>

#include "core/scene/scene_item.hpp"

namespace lm {

struct Scene {
    std::string name;
    std::vector<SceneItem> items;  ///< drawn in order: items[0] is at the bottom
};

}  // namespace lm
