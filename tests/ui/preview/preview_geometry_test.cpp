#include "ui/preview/preview_geometry.hpp"

#include <catch2/catch.hpp>

using namespace lm;
using namespace lm::ui;

namespace {

void check_point(QPointF actual, QPointF expected) {
    INFO("actual (" << actual.x() << ", " << actual.y() << ") expected (" << expected.x() << ", "
                    << expected.y() << ")");
    CHECK(actual.x() == Approx(expected.x()).margin(1e-9));
    CHECK(actual.y() == Approx(expected.y()).margin(1e-9));
}

ItemView view(int id, int width, int height, Vec2 position, bool visible = true) {
    ItemView item;
    item.id = id;
    item.width = width;
    item.height = height;
    item.transform.position = position;
    item.visible = visible;
    return item;
}

}  // namespace

TEST_CASE("the canvas is letterboxed inside the margin and maps both ways", "[ui][preview]") {
    const Letterbox exact = Letterbox::fit({660, 380}, {1280, 720}, 10);
    CHECK(exact.scale == Approx(0.5));
    CHECK(exact.picture == QRectF(10, 10, 640, 360));

    // A wider widget: bars left and right, the picture centred.
    const Letterbox wide = Letterbox::fit({800, 380}, {1280, 720}, 10);
    CHECK(wide.picture == QRectF(80, 10, 640, 360));
    check_point(wide.to_widget({1280, 720}), {720, 370});
    check_point(wide.to_canvas({400, 190}), {640, 360});
    check_point(wide.to_canvas(wide.to_widget({123.5, 77})), {123.5, 77});

    // A taller one: bars above and below.
    const Letterbox tall = Letterbox::fit({660, 600}, {1280, 720}, 10);
    CHECK(tall.picture == QRectF(10, 120, 640, 360));
}

TEST_CASE("an item's quad is its scaled, cropped box, turned around its centre", "[ui][preview]") {
    ItemTransform transform;
    transform.position = {100, 50};
    transform.scale = {2, 2};
    Quad quad = item_quad(transform, 100, 50);
    check_point(quad[0], {100, 50});
    check_point(quad[1], {300, 50});
    check_point(quad[2], {300, 150});
    check_point(quad[3], {100, 150});

    transform.crop.left = 10;
    CHECK(item_quad(transform, 100, 50)[1].x() == Approx(280));

    // A clockwise quarter turn around the centre (200, 100): the top-left corner goes to the
    // top right of where the box now stands.
    transform.crop = {};
    transform.rotation_deg = 90;
    quad = item_quad(transform, 100, 50);
    check_point(quad[0], {250, 0});
    check_point(quad[1], {250, 200});
    check_point(quad[2], {150, 200});
    check_point(quad[3], {150, 0});
}

TEST_CASE("the quad lies exactly where the GPU's matrix puts the visible source", "[ui][preview]") {
    ItemTransform transform;
    transform.position = {321.5, 87};
    transform.scale = {0.75, 1.25};
    transform.rotation_deg = 33;
    transform.crop = {12, 5, 30, 9};
    const ItemPlacement placement = place_item(transform, 400, 300);
    const auto& r = placement.source_rect;
    const Quad quad = item_quad(transform, 400, 300);
    const Vec2 corners[4] = {{r[0], r[1]}, {r[2], r[1]}, {r[2], r[3]}, {r[0], r[3]}};
    for (int i = 0; i < 4; ++i) {
        const Vec2 expected = apply(placement.source_to_canvas, corners[i]);
        check_point(quad[size_t(i)], {expected.x, expected.y});
    }
}

TEST_CASE("hit testing follows the rotated box and picks the top-most visible item",
          "[ui][preview]") {
    ItemTransform transform;
    transform.position = {0, 0};
    transform.rotation_deg = 45;
    const Quad diamond = item_quad(transform, 100, 100);  // centre (50, 50)
    CHECK(quad_contains(diamond, {50, 50}));
    CHECK(quad_contains(diamond, {50, -15}));     // the top point reaches y = 50 - 70.7
    CHECK_FALSE(quad_contains(diamond, {2, 2}));  // the unrotated corner is outside now
    CHECK(bounding_rect(diamond).width() == Approx(100 * std::sqrt(2.0)));

    std::vector<ItemView> items = {view(1, 200, 100, {0, 0}), view(2, 200, 100, {100, 50})};
    CHECK(item_at(items, {150, 75}) == 2);  // both cover it: the top one wins
    CHECK(item_at(items, {50, 25}) == 1);
    CHECK(item_at(items, {900, 500}) == 0);
    items[1].visible = false;
    CHECK(item_at(items, {150, 75}) == 1);
    items.push_back(view(3, 0, 0, {0, 0}));  // audio only: nothing to click
    CHECK(item_at(items, {0, 0}) == 1);
}

TEST_CASE("handles sit on the corners, the edge middles and above the top edge", "[ui][preview]") {
    const Quad quad = {QPointF(10, 20), QPointF(110, 20), QPointF(110, 70), QPointF(10, 70)};
    check_point(handle_position(quad, Handle::top_left, 24), {10, 20});
    check_point(handle_position(quad, Handle::right, 24), {110, 45});
    check_point(handle_position(quad, Handle::bottom, 24), {60, 70});
    check_point(handle_position(quad, Handle::rotate, 24), {60, -4});

    CHECK(handle_at(quad, {112, 43}, 7, 24) == Handle::right);
    CHECK(handle_at(quad, {9, 71}, 7, 24) == Handle::bottom_left);
    CHECK(handle_at(quad, {60, -2}, 7, 24) == Handle::rotate);
    CHECK(handle_at(quad, {60, 45}, 7, 24) == Handle::none);

    // Turned a quarter clockwise, "above the top edge" is to the right.
    ItemTransform turned;
    turned.rotation_deg = 90;
    const Quad quarter = item_quad(turned, 100, 50);  // centre (50, 25)
    check_point(handle_position(quarter, Handle::rotate, 24), {50 + 25 + 24, 25});
}

TEST_CASE("a moved item snaps its nearest edge or centre line to the canvas's", "[ui][preview]") {
    const QSizeF canvas(1280, 720);
    // Left edge 5 px in: pulled to 0. Top edge 30 px down: too far.
    check_point(snap_offset(QRectF(5, 30, 200, 100), canvas, 8), {-5, 0});
    // Right edge 3 px short of the canvas's right edge; bottom 4 px past the bottom.
    check_point(snap_offset(QRectF(1077, 624, 200, 100), canvas, 8), {3, -4});
    // Centre 2 px off both centre lines.
    check_point(snap_offset(QRectF(542, 312, 200, 100), canvas, 8), {-2, -2});
    // Left edge 6 px off, centre 4.5 px off, right edge 3 px off: the nearest wins.
    check_point(snap_offset(QRectF(-6, 400, 1283, 100), canvas, 8), {3, 0});
}
