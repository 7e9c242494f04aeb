#include "core/scene/scene_item.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace lm {

namespace {

// Column-major helpers: m[0..2] is the first column, so (x, y) maps to
// (m0 x + m3 y + m6, m1 x + m4 y + m7).
Mat3 multiply(const Mat3& a, const Mat3& b) {
    Mat3 out{};
    for (int col = 0; col < 3; ++col) {
        for (int row = 0; row < 3; ++row) {
            double sum = 0;
            for (int k = 0; k < 3; ++k)
                sum += a[k * 3 + row] * b[col * 3 + k];
            out[col * 3 + row] = sum;
        }
    }
    return out;
}

Mat3 translation(double x, double y) {
    return {1, 0, 0, 0, 1, 0, x, y, 1};
}
Mat3 scaling(double x, double y) {
    return {x, 0, 0, 0, y, 0, 0, 0, 1};
}

// Clockwise on a y-down canvas is the textbook counter-clockwise matrix. Quarter turns are
// special-cased so that a 90-degree item stays on exact pixel coordinates (cos(pi/2) is not 0
// in floating point, which would smear every edge by a sub-pixel).
Mat3 rotation_clockwise(double degrees) {
    double c = 0;
    double s = 0;
    const double turns = degrees / 90.0;
    if (std::isfinite(turns) && turns == std::round(turns)) {
        const long quarter = ((static_cast<long>(std::fmod(turns, 4.0)) % 4) + 4) % 4;
        static constexpr double kCos[4] = {1, 0, -1, 0};
        static constexpr double kSin[4] = {0, 1, 0, -1};
        c = kCos[quarter];
        s = kSin[quarter];
    } else if (std::isfinite(degrees)) {
        const double radians = degrees * std::numbers::pi / 180.0;
        c = std::cos(radians);
        s = std::sin(radians);
    } else {
        c = 1;  // a NaN or infinite angle would poison every vertex: treat it as no rotation
    }
    return {c, s, 0, -s, c, 0, 0, 0, 1};
}

// Guards against NaN/inf and negative sizes from careless callers.
double finite_or(double value, double fallback) {
    return std::isfinite(value) ? value : fallback;
}

}  // namespace

Vec2 apply(const Mat3& m, Vec2 point) {
    return {m[0] * point.x + m[3] * point.y + m[6], m[1] * point.x + m[4] * point.y + m[7]};
}

ItemPlacement place_item(const ItemTransform& transform, int source_width, int source_height) {
    ItemPlacement placement;
    const int width = std::max(source_width, 0);
    const int height = std::max(source_height, 0);
    const Crop& crop = transform.crop;

    // The visible rectangle. A crop larger than the source collapses it to an empty rectangle
    // at the clamped left/top edge instead of turning it inside out.
    const double x0 = std::clamp(crop.left, 0, width);
    const double y0 = std::clamp(crop.top, 0, height);
    const double x1 = std::max(x0, static_cast<double>(width - std::max(crop.right, 0)));
    const double y1 = std::max(y0, static_cast<double>(height - std::max(crop.bottom, 0)));
    placement.source_rect = {x0, y0, x1, y1};
    const double cropped_w = x1 - x0;
    const double cropped_h = y1 - y0;

    // Scale of the content and where it sits inside the item's box (box-local pixels).
    double scale_x = 1;
    double scale_y = 1;
    Vec2 box;
    switch (transform.bounds_type) {
        case BoundsType::stretch:
        case BoundsType::scale_inner:
        case BoundsType::scale_outer: {
            box = {std::max(finite_or(transform.bounds.x, 0), 0.0),
                   std::max(finite_or(transform.bounds.y, 0), 0.0)};
            if (cropped_w <= 0 || cropped_h <= 0) {
                scale_x = scale_y = 0;
                break;
            }
            const double fit_x = box.x / cropped_w;
            const double fit_y = box.y / cropped_h;
            if (transform.bounds_type == BoundsType::stretch) {
                scale_x = fit_x;
                scale_y = fit_y;
            } else {
                scale_x = scale_y = transform.bounds_type == BoundsType::scale_inner
                                        ? std::min(fit_x, fit_y)
                                        : std::max(fit_x, fit_y);
            }
            break;
        }
        case BoundsType::none:
        default:
            scale_x = finite_or(transform.scale.x, 1);
            scale_y = finite_or(transform.scale.y, 1);
            box = {cropped_w * std::abs(scale_x), cropped_h * std::abs(scale_y)};
            break;
    }
    placement.size = box;

    const double content_w = cropped_w * std::abs(scale_x);
    const double content_h = cropped_h * std::abs(scale_y);
    // Centred in the box: zero for bounds none and stretch, the letterbox or the overflow
    // margin for scale_inner/scale_outer.
    const Vec2 margin{(box.x - content_w) / 2, (box.y - content_h) / 2};
    // A negative scale mirrors the content inside its box rather than moving the box, so a
    // flipped item stays where the user put it.
    const double flip_x = scale_x < 0 ? content_w : 0;
    const double flip_y = scale_y < 0 ? content_h : 0;

    const Vec2 position{finite_or(transform.position.x, 0), finite_or(transform.position.y, 0)};
    const Vec2 centre{box.x / 2, box.y / 2};

    Mat3 m = translation(-x0, -y0);
    m = multiply(scaling(scale_x, scale_y), m);
    m = multiply(translation(margin.x + flip_x, margin.y + flip_y), m);
    m = multiply(translation(-centre.x, -centre.y), m);
    m = multiply(rotation_clockwise(transform.rotation_deg), m);
    m = multiply(translation(position.x + centre.x, position.y + centre.y), m);
    placement.source_to_canvas = m;
    return placement;
}

const char* to_string(MonitoringMode mode) {
    switch (mode) {
        case MonitoringMode::off:
            return "off";
        case MonitoringMode::monitor_only:
            return "monitor_only";
        case MonitoringMode::monitor_and_output:
            return "monitor_and_output";
    }
    return "off";
}

std::optional<MonitoringMode> monitoring_mode_from_string(const std::string& name) {
    for (MonitoringMode mode :
         {MonitoringMode::off, MonitoringMode::monitor_only, MonitoringMode::monitor_and_output}) {
        if (name == to_string(mode))
            return mode;
    }
    return std::nullopt;
}

}  // namespace lm
