#include "ui/preview/preview_edits.hpp"

#include <catch2/catch.hpp>

using namespace lm;
using namespace lm::ui;

namespace {

ItemTransform at(double x, double y) {
    ItemTransform transform;
    transform.position = {x, y};
    return transform;
}

void check_point(QPointF actual, QPointF expected) {
    INFO("actual (" << actual.x() << ", " << actual.y() << ") expected (" << expected.x() << ", "
                    << expected.y() << ")");
    CHECK(actual.x() == Approx(expected.x()).margin(1e-6));
    CHECK(actual.y() == Approx(expected.y()).margin(1e-6));
}

}  // namespace

TEST_CASE("a corner keeps the aspect unless told not to and the opposite corner stays",
          "[ui][preview]") {
    const ItemTransform start = at(0, 0);  // 100 x 50
    ItemTransform next = resized(start, 100, 50, Handle::bottom_right, {200, 100}, true);
    CHECK(next.scale.x == Approx(2));
    CHECK(next.scale.y == Approx(2));
    check_point({next.position.x, next.position.y}, {0, 0});

    // Off the diagonal: the pointer is projected onto it.
    next = resized(start, 100, 50, Handle::bottom_right, {300, 100}, true);
    CHECK(next.scale.x == Approx(2.8));
    CHECK(next.scale.y == Approx(2.8));
    next = resized(start, 100, 50, Handle::bottom_right, {300, 100}, false);
    CHECK(next.scale.x == Approx(3));
    CHECK(next.scale.y == Approx(2));

    // Dragging the top-left corner keeps the bottom-right one at (200, 150).
    next = resized(at(100, 100), 100, 50, Handle::top_left, {50, 75}, false);
    CHECK(next.scale.x == Approx(1.5));
    CHECK(next.scale.y == Approx(1.5));
    check_point({next.position.x, next.position.y}, {50, 75});

    // Never smaller than a pixel, never flipped.
    next = resized(start, 100, 50, Handle::bottom_right, {-500, -500}, false);
    CHECK(next.scale.x == Approx(0.01));
    CHECK(next.scale.y == Approx(0.02));
}

TEST_CASE("an edge scales one axis and with bounds it changes the bounds", "[ui][preview]") {
    ItemTransform next = resized(at(0, 0), 100, 50, Handle::right, {150, 999}, true);
    CHECK(next.scale.x == Approx(1.5));
    CHECK(next.scale.y == Approx(1));

    ItemTransform bounded = at(10, 10);
    bounded.bounds_type = BoundsType::scale_inner;
    bounded.bounds = {200, 100};
    next = resized(bounded, 100, 50, Handle::bottom, {0, 160}, true);
    CHECK(next.bounds.x == Approx(200));
    CHECK(next.bounds.y == Approx(150));
    CHECK(next.scale == bounded.scale);
    check_point({next.position.x, next.position.y}, {10, 10});
}

TEST_CASE("resizing a rotated item keeps its opposite corner on the canvas", "[ui][preview]") {
    ItemTransform start = at(100, 100);
    start.rotation_deg = 30;
    const Quad before = item_quad(start, 100, 50);
    const QPointF pull = before[2] + QPointF(40, 25);
    const ItemTransform next = resized(start, 100, 50, Handle::bottom_right, pull, false);
    const Quad after = item_quad(next, 100, 50);
    check_point(after[0], before[0]);
    CHECK(next.rotation_deg == 30);
    CHECK(next.scale.x > 1);
}

TEST_CASE("Alt-dragging a side crops source pixels and the rest stays put", "[ui][preview]") {
    ItemTransform start = at(100, 100);
    start.scale = {2, 2};  // 200 x 100 on the canvas
    ItemTransform next = cropped(start, 100, 50, Handle::left, {120, 150});
    CHECK(next.crop.left == 10);
    CHECK(next.crop.right == 0);
    check_point({next.position.x, next.position.y}, {120, 100});
    CHECK(item_quad(next, 100, 50)[1].x() == Approx(300));  // the right edge did not move

    next = cropped(start, 100, 50, Handle::bottom_right, {260, 180});
    CHECK(next.crop.right == 20);
    CHECK(next.crop.bottom == 10);
    check_point({next.position.x, next.position.y}, {100, 100});

    // At least one source pixel stays; pulling outwards never crops negatively.
    next = cropped(start, 100, 50, Handle::right, {-1000, 150});
    CHECK(next.crop.right == 99);
    next = cropped(start, 100, 50, Handle::top, {150, 0});
    CHECK(next.crop.top == 0);
}

TEST_CASE("the rotation handle points the item's top at the pointer", "[ui][preview]") {
    const QPointF centre(100, 100);
    CHECK(rotation_towards(centre, {100, 0}, false) == Approx(0));
    CHECK(rotation_towards(centre, {200, 100}, false) == Approx(90));
    CHECK(rotation_towards(centre, {100, 200}, false) == Approx(180));
    CHECK(rotation_towards(centre, {0, 100}, false) == Approx(270));
    CHECK(rotation_towards(centre, {200, 0}, false) == Approx(45));
    // 51.3 degrees snaps to 45, 83 to 90.
    CHECK(rotation_towards(centre, {150, 60}, true) == Approx(45));
    CHECK(rotation_towards(centre, {200, 88}, true) == Approx(90));
    CHECK(normalised_rotation(-90) == Approx(270));
    CHECK(normalised_rotation(450) == Approx(90));
}

TEST_CASE("fit, stretch and centre place the item on the canvas", "[ui][preview]") {
    const QSizeF canvas(1280, 720);
    ItemTransform next = fitted_to_canvas(at(33, 44), 1920, 1080, canvas);
    CHECK(next.scale.x == Approx(2.0 / 3.0));
    CHECK(next.scale.y == Approx(2.0 / 3.0));
    check_point({next.position.x, next.position.y}, {0, 0});

    // A narrow item fits by height and is centred horizontally.
    next = fitted_to_canvas(at(0, 0), 100, 200, canvas);
    CHECK(next.scale.x == Approx(3.6));
    check_point({next.position.x, next.position.y}, {460, 0});

    // A quarter-turned 16:9 item stands 9:16 tall: fitted by its height on the canvas.
    ItemTransform turned = at(0, 0);
    turned.rotation_deg = 90;
    next = fitted_to_canvas(turned, 1280, 720, canvas);
    CHECK(next.scale.x == Approx(0.5625));
    const QRectF covered = bounding_rect(item_quad(next, 1280, 720));
    CHECK(covered.height() == Approx(720));
    CHECK(covered.center().x() == Approx(640));

    next = stretched_to_canvas(at(5, 5), canvas);
    CHECK(next.bounds_type == BoundsType::stretch);
    CHECK(next.bounds == Vec2{1280, 720});
    CHECK(next.position == Vec2{0, 0});

    next = centred_on_canvas(at(0, 0), 100, 50, canvas);
    CHECK(next.position == Vec2{590, 335});
}
