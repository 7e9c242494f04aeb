#include "core/scene/scene_item.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <sstream>

namespace {

// Where source pixel (x, y) lands on the canvas.
lm::Vec2 land(const lm::ItemPlacement& placement, double x, double y) {
    return lm::apply(placement.source_to_canvas, {x, y});
}

bool near(lm::Vec2 a, lm::Vec2 b) {
    return std::abs(a.x - b.x) < 1e-9 && std::abs(a.y - b.y) < 1e-9;
}

std::string text(lm::Vec2 v) {
    std::ostringstream out;
    out << "(" << v.x << ", " << v.y << ")";
    return out.str();
}

#define CHECK_LANDS(placement, x, y, expected_x, expected_y)                   \
    do {                                                                       \
        const lm::Vec2 got = land(placement, x, y);                            \
        INFO("source (" << (x) << ", " << (y) << ") landed at " << text(got)); \
        CHECK(near(got, lm::Vec2{expected_x, expected_y}));                    \
    } while (false)

}  // namespace

TEST_CASE("an untransformed item maps source pixels 1:1 onto the canvas", "[scene]") {
    const auto placement = lm::place_item({}, 1280, 720);
    CHECK(placement.size == lm::Vec2{1280, 720});
    CHECK(placement.source_rect == std::array<double, 4>{0, 0, 1280, 720});
    CHECK_LANDS(placement, 0, 0, 0, 0);
    CHECK_LANDS(placement, 1280, 720, 1280, 720);
    CHECK_LANDS(placement, 17, 33, 17, 33);
    // The matrix is column-major: the translation sits in m[6], m[7].
    const lm::Mat3 identity{1, 0, 0, 0, 1, 0, 0, 0, 1};
    CHECK(placement.source_to_canvas == identity);
}

TEST_CASE("position moves the item's top-left corner", "[scene]") {
    lm::ItemTransform t;
    t.position = {100, 50};
    const auto placement = lm::place_item(t, 320, 240);
    CHECK_LANDS(placement, 0, 0, 100, 50);
    CHECK_LANDS(placement, 320, 240, 420, 290);
    CHECK(placement.source_to_canvas[6] == 100);
    CHECK(placement.source_to_canvas[7] == 50);
}

TEST_CASE("scale grows the item from its top-left corner", "[scene]") {
    lm::ItemTransform t;
    t.position = {10, 20};
    t.scale = {2, 0.5};
    const auto placement = lm::place_item(t, 320, 240);
    CHECK(placement.size == lm::Vec2{640, 120});
    CHECK_LANDS(placement, 0, 0, 10, 20);
    CHECK_LANDS(placement, 320, 240, 650, 140);
}

TEST_CASE("a negative scale mirrors the item inside its box", "[scene]") {
    lm::ItemTransform t;
    t.position = {10, 0};
    t.scale = {-1, 1};
    const auto placement = lm::place_item(t, 100, 50);
    CHECK(placement.size == lm::Vec2{100, 50});
    CHECK_LANDS(placement, 0, 0, 110, 0);  // the source's left edge is now on the right
    CHECK_LANDS(placement, 100, 50, 10, 50);
}

TEST_CASE("crop cuts edges and puts the crop's corner at the position", "[scene]") {
    lm::ItemTransform t;
    t.crop = {10, 20, 30, 40};
    t.position = {5, 5};
    const auto placement = lm::place_item(t, 200, 100);
    CHECK(placement.source_rect == std::array<double, 4>{10, 20, 170, 60});
    CHECK(placement.size == lm::Vec2{160, 40});
    CHECK_LANDS(placement, 10, 20, 5, 5);
    CHECK_LANDS(placement, 170, 60, 165, 45);

    t.scale = {2, 2};  // crop first, then scale
    const auto scaled = lm::place_item(t, 200, 100);
    CHECK(scaled.size == lm::Vec2{320, 80});
    CHECK_LANDS(scaled, 170, 60, 325, 85);
}

TEST_CASE("rotation by 90 degrees turns clockwise around the item's centre", "[scene]") {
    lm::ItemTransform t;
    t.position = {100, 100};
    t.rotation_deg = 90;
    // A 200x100 item: box (100,100)-(300,200), centre (200,150).
    const auto placement = lm::place_item(t, 200, 100);
    CHECK(placement.size == lm::Vec2{200, 100});  // before rotation
    // Clockwise on a y-down canvas: top-left goes to top-right of the turned box, etc. The
    // turned box is 100 wide and 200 tall around the same centre: (150,50)-(250,250).
    CHECK_LANDS(placement, 0, 0, 250, 50);
    CHECK_LANDS(placement, 200, 0, 250, 250);
    CHECK_LANDS(placement, 200, 100, 150, 250);
    CHECK_LANDS(placement, 0, 100, 150, 50);
    CHECK_LANDS(placement, 100, 50, 200, 150);  // the centre stays put
    // Quarter turns are exact, so edges stay on whole pixels.
    for (const double value : placement.source_to_canvas)
        CHECK(value == std::round(value));
}

TEST_CASE("rotation by other angles keeps the centre and the distances", "[scene]") {
    lm::ItemTransform t;
    t.position = {0, 0};
    for (const double degrees : {30.0, 180.0, -90.0, 450.0, 1e-3}) {
        INFO("rotation " << degrees);
        t.rotation_deg = degrees;
        const auto placement = lm::place_item(t, 100, 60);
        CHECK_LANDS(placement, 50, 30, 50, 30);
        const lm::Vec2 corner = land(placement, 0, 0);
        CHECK(std::hypot(corner.x - 50, corner.y - 30) == Approx(std::hypot(50, 30)));
        // Clockwise: the direction of the top edge (source +x) turns by +degrees on screen.
        const lm::Vec2 right = land(placement, 100, 0);
        const double angle =
            std::atan2(right.y - corner.y, right.x - corner.x) * 180 / std::numbers::pi;
        const double expected = std::remainder(degrees, 360.0);
        CHECK(std::remainder(angle - expected, 360.0) == Approx(0).margin(1e-9));
    }
    t.rotation_deg = 180;
    const auto half_turn = lm::place_item(t, 100, 60);
    CHECK_LANDS(half_turn, 0, 0, 100, 60);
}

TEST_CASE("stretch bounds fill the box, ignoring the aspect ratio", "[scene]") {
    lm::ItemTransform t;
    t.bounds_type = lm::BoundsType::stretch;
    t.bounds = {1280, 720};
    t.position = {0, 0};
    const auto placement = lm::place_item(t, 640, 640);
    CHECK(placement.size == lm::Vec2{1280, 720});
    CHECK_LANDS(placement, 0, 0, 0, 0);
    CHECK_LANDS(placement, 640, 640, 1280, 720);
}

TEST_CASE("scale_inner bounds letterbox the source, centred in the box", "[scene]") {
    lm::ItemTransform t;
    t.bounds_type = lm::BoundsType::scale_inner;
    t.position = {100, 100};
    t.bounds = {1280, 720};

    SECTION("a 4:3 source in a 16:9 box gets bars left and right") {
        const auto placement = lm::place_item(t, 640, 480);  // scale 1.5 -> 960x720
        CHECK(placement.size == lm::Vec2{1280, 720});        // the box
        CHECK_LANDS(placement, 0, 0, 100 + 160, 100);
        CHECK_LANDS(placement, 640, 480, 100 + 160 + 960, 820);
    }
    SECTION("a 1:2 portrait source in a wide box is pillarboxed") {
        const auto placement = lm::place_item(t, 100, 200);  // scale 3.6 -> 360x720
        CHECK_LANDS(placement, 0, 0, 100 + 460, 100);
        CHECK_LANDS(placement, 100, 200, 100 + 460 + 360, 820);
    }
    SECTION("a very wide source gets bars top and bottom") {
        const auto placement = lm::place_item(t, 1280, 360);  // scale 1 -> 1280x360
        CHECK_LANDS(placement, 0, 0, 100, 100 + 180);
        CHECK_LANDS(placement, 1280, 360, 1380, 100 + 180 + 360);
    }
    SECTION("the crop, not the full source, is what gets fitted") {
        t.crop = {0, 0, 320, 0};                             // 320x480 visible
        const auto placement = lm::place_item(t, 640, 480);  // scale 1.5 -> 480x720
        CHECK_LANDS(placement, 0, 0, 100 + 400, 100);
        CHECK_LANDS(placement, 320, 480, 100 + 400 + 480, 820);
    }
}

TEST_CASE("scale_outer bounds cover the box, overflowing it evenly", "[scene]") {
    lm::ItemTransform t;
    t.bounds_type = lm::BoundsType::scale_outer;
    t.bounds = {1280, 720};
    const auto placement = lm::place_item(t, 640, 480);  // scale 2 -> 1280x960
    CHECK(placement.size == lm::Vec2{1280, 720});
    CHECK_LANDS(placement, 0, 0, 0, -120);
    CHECK_LANDS(placement, 640, 480, 1280, 840);
}

TEST_CASE("bounds rotate around the box centre", "[scene]") {
    lm::ItemTransform t;
    t.bounds_type = lm::BoundsType::scale_inner;
    t.bounds = {200, 100};
    t.rotation_deg = 90;
    const auto placement = lm::place_item(t, 100, 100);  // 100x100 centred at (100, 50)
    CHECK_LANDS(placement, 50, 50, 100, 50);
    CHECK_LANDS(placement, 0, 0, 150, 0);
}

TEST_CASE("a crop larger than the source leaves an empty item, never a negative one", "[scene]") {
    lm::ItemTransform t;
    t.position = {10, 10};
    SECTION("left and right overlap") {
        t.crop = {150, 0, 100, 0};
        const auto placement = lm::place_item(t, 200, 100);
        CHECK(placement.source_rect[2] >= placement.source_rect[0]);
        CHECK(placement.size.x == 0);
        CHECK(placement.size.y == 100);
    }
    SECTION("a crop beyond every edge") {
        t.crop = {500, 500, 500, 500};
        const auto placement = lm::place_item(t, 200, 100);
        CHECK(placement.source_rect == std::array<double, 4>{200, 100, 200, 100});
        CHECK(placement.size == lm::Vec2{0, 0});
    }
    SECTION("with bounds too: no division by zero") {
        t.crop = {500, 0, 0, 0};
        t.bounds_type = lm::BoundsType::scale_inner;
        t.bounds = {1280, 720};
        const auto placement = lm::place_item(t, 200, 100);
        for (const double value : placement.source_to_canvas)
            CHECK(std::isfinite(value));
        CHECK(placement.size == lm::Vec2{1280, 720});
    }
    SECTION("a source with no size yet (a camera still opening)") {
        const auto placement = lm::place_item(t, 0, 0);
        for (const double value : placement.source_to_canvas)
            CHECK(std::isfinite(value));
        CHECK(placement.size == lm::Vec2{0, 0});
    }
}
