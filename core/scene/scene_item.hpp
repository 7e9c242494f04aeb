// A source placed in a scene: position, scale, rotation, crop, bounds, visibility, lock.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>

#include "core/scene/source.hpp"

namespace lm {

struct Vec2 {
    double x = 0;
    double y = 0;
    friend bool operator==(Vec2, Vec2) = default;
};

/// Pixels cut from each edge of the source before it is placed.
struct Crop {
    int left = 0;
    int top = 0;
    int right = 0;
    int bottom = 0;
    friend bool operator==(Crop, Crop) = default;
};

/// How the cropped source is fitted into `bounds` when bounds are used.
enum class BoundsType {
    none = 1,     ///< no bounds: size = cropped size x scale
    stretch,      ///< fill the bounds exactly, ignoring aspect ratio
    scale_inner,  ///< fit inside the bounds keeping aspect ratio (letterbox), centred
    scale_outer,  ///< cover the bounds keeping aspect ratio (may overflow), centred
};

struct ItemTransform {
    Vec2 position;            ///< canvas pixels of the item's top-left corner (before rotation)
    Vec2 scale{1, 1};         ///< used when bounds_type == none
    double rotation_deg = 0;  ///< clockwise, around the item's centre
    Crop crop;
    BoundsType bounds_type = BoundsType::none;
    Vec2 bounds;  ///< canvas pixels, when bounds_type != none
    friend bool operator==(const ItemTransform&, const ItemTransform&) = default;
};

/// Whether the creator hears an item's sound on the monitoring device (headphones), and
/// whether the program (stream, recordings) still carries it.
enum class MonitoringMode {
    off = 1,             ///< program only: the monitor does not play it
    monitor_only,        ///< monitor only: left out of the program mix, still metered
    monitor_and_output,  ///< both
};
/// "off", "monitor_only", "monitor_and_output": the names scene collection files use.
const char* to_string(MonitoringMode mode);
/// The mode named `name` (as to_string writes it), or nothing.
std::optional<MonitoringMode> monitoring_mode_from_string(const std::string& name);

/// 3x3 affine matrix, column-major (as GLSL mat3), mapping source pixels to canvas pixels.
using Mat3 = std::array<double, 9>;

/// Maps a point through `m`.
Vec2 apply(const Mat3& m, Vec2 point);

/// The matrix that places source pixel (x, y) (both y-down, already inside the crop rectangle,
/// i.e. x in [crop.left, width - crop.right]) on the canvas: the crop's top-left lands at
/// `position` (rotation is around the item's centre). Returns the size the item covers too.
struct ItemPlacement {
    Mat3 source_to_canvas{};
    Vec2 size;                            ///< width and height on the canvas, before rotation
    std::array<double, 4> source_rect{};  ///< visible source rectangle: x0, y0, x1, y1
};
ItemPlacement place_item(const ItemTransform& transform, int source_width, int source_height);

struct SceneItem {
    int id = 0;        ///< unique within its scene
    std::string name;  ///< the source's name in the collection
    std::shared_ptr<Source> source;
    ItemTransform transform;
    bool visible = true;
    bool locked = false;
    double gain_db = 0;                               ///< audio
    bool muted = false;                               ///< audio
    int64_t sync_offset_ms = 0;                       ///< audio: positive delays the source
    MonitoringMode monitoring = MonitoringMode::off;  ///< audio
};

}  // namespace lm
