#include "ui/preview/preview_widget.hpp"

#include <QAction>
#include <QApplication>
#include <QContextMenuEvent>
#include <QMenu>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>
#include <catch2/catch.hpp>

#include "preview_fixture.hpp"
#include "ui/preview/preview_overlay.hpp"

using namespace lm;
using lm::ui::PreviewOverlay;
using lm::ui::PreviewWidget;
using lm::ui::StudioController;
using preview_test::add_item;
using preview_test::solid_frame;

namespace {

const QColor kFrameColour(0, 120, 255);

/// A 660 x 380 preview over a 1280 x 720 canvas: the picture is (10, 10, 640, 360), half
/// scale, so even canvas coordinates land on whole widget pixels.
struct Preview {
    PluginRegistry registry = preview_test::make_registry();
    StudioController controller{registry};
    std::shared_ptr<const VideoFrame> frame = solid_frame(kFrameColour, 1);
    PreviewWidget widget{controller, [this] { return frame; }};

    Preview() {
        widget.resize(660, 380);
        widget.show();
        widget.refresh();
    }
    QPoint at(QPointF canvas_px) const { return widget.to_widget(canvas_px).toPoint(); }
    ItemTransform transform(int id) const { return controller.item(id)->transform; }
    QColor pixel(const QImage& image, QPoint point) const { return image.pixelColor(point); }
};

/// Press, move halfway, move to the end and release, as a hand would; `move_modifiers` are
/// held during the moves.
void drag(QWidget& widget, QPoint from, QPoint to, Qt::KeyboardModifiers press_modifiers = {},
          Qt::KeyboardModifiers move_modifiers = {}) {
    QTest::mousePress(&widget, Qt::LeftButton, press_modifiers, from);
    QTest::mouseEvent(QTest::MouseMove, &widget, Qt::NoButton, move_modifiers, (from + to) / 2);
    QTest::mouseEvent(QTest::MouseMove, &widget, Qt::NoButton, move_modifiers, to);
    QTest::mouseRelease(&widget, Qt::LeftButton, move_modifiers, to);
}

void hover(QWidget& widget, QPoint at) {
    QMouseEvent move(QEvent::MouseMove, at, widget.mapToGlobal(at), Qt::NoButton, Qt::NoButton,
                     Qt::NoModifier);
    QApplication::sendEvent(&widget, &move);
}

QAction* action(QWidget& widget, const char* name) {
    auto* found = widget.findChild<QAction*>(name);
    REQUIRE(found);
    return found;
}

}  // namespace

TEST_CASE("the preview shows the frame letterboxed on the dark background", "[ui][preview]") {
    Preview p;
    p.frame = nullptr;
    p.widget.refresh();
    p.widget.resize(800, 380);
    CHECK(p.widget.picture_rect() == QRectF(80, 10, 640, 360));
    QImage image = p.widget.grab().toImage();
    CHECK(image.pixelColor(400, 190) == QColor(Qt::black));  // no frame yet: an empty canvas

    p.frame = solid_frame(kFrameColour, 7);
    p.widget.refresh();
    image = p.widget.grab().toImage();
    const QColor background = PreviewWidget::background_colour();
    CHECK(image.pixelColor(400, 190) == kFrameColour);
    CHECK(image.pixelColor(81, 11) == kFrameColour);
    CHECK(image.pixelColor(718, 368) == kFrameColour);
    CHECK(image.pixelColor(40, 190) == background);  // the bars left and right
    CHECK(image.pixelColor(760, 190) == background);
    CHECK(image.pixelColor(400, 4) == background);  // the margin

    // The next frame replaces it.
    p.frame = solid_frame(QColor(20, 200, 40), 8);
    p.widget.refresh();
    CHECK(p.widget.grab().toImage().pixelColor(400, 190) == QColor(20, 200, 40));
}

TEST_CASE("a click selects the top-most visible item and empty space clears", "[ui][preview]") {
    Preview p;
    const int a = add_item(p.controller, "A", 200, 100, 0, 0);
    const int b = add_item(p.controller, "B", 200, 100, 100, 50);
    QSignalSpy selected(&p.widget, &PreviewWidget::itemSelected);

    QTest::mouseClick(&p.widget, Qt::LeftButton, {}, p.at({150, 76}));  // both: B is on top
    CHECK(p.widget.selected_item() == b);
    QTest::mouseClick(&p.widget, Qt::LeftButton, {}, p.at({40, 20}));
    CHECK(p.widget.selected_item() == a);
    QTest::mouseClick(&p.widget, Qt::LeftButton, {}, p.at({900, 500}));
    CHECK(p.widget.selected_item() == 0);
    REQUIRE(selected.count() == 3);
    CHECK(selected.at(0).at(0).toInt() == b);
    CHECK(selected.at(2).at(0).toInt() == 0);

    p.controller.set_item_visible(b, false);  // hidden items cannot be clicked
    QTest::mouseClick(&p.widget, Qt::LeftButton, {}, p.at({150, 76}));
    CHECK(p.widget.selected_item() == a);
    CHECK(p.transform(a).position == Vec2{0, 0});  // a click is not a drag
}

TEST_CASE("the selection is outlined in red with handles and a locked item has none",
          "[ui][preview]") {
    Preview p;
    const int a = add_item(p.controller, "A", 200, 100, 400, 200);  // widget (210,110)-(310,160)
    const QColor red = PreviewOverlay::colour();
    QImage image = p.widget.grab().toImage();
    CHECK(image.pixelColor(235, 110) == kFrameColour);  // nothing selected: no outline

    p.widget.select_item(a);
    image = p.widget.grab().toImage();
    CHECK(image.pixelColor(235, 110) == red);  // top edge
    CHECK(image.pixelColor(210, 125) == red);  // left edge
    CHECK(image.pixelColor(207, 107) == red);  // the top-left handle, outside the box
    CHECK(image.pixelColor(313, 163) == red);  // the bottom-right handle
    CHECK(image.pixelColor(260, 86) == red);   // the rotation handle above the top edge
    CHECK(image.pixelColor(260, 135) == kFrameColour);

    p.controller.set_item_locked(a, true);
    image = p.widget.grab().toImage();
    CHECK(image.pixelColor(235, 110) == red);
    CHECK(image.pixelColor(207, 107) == kFrameColour);
    CHECK(image.pixelColor(260, 86) == kFrameColour);
}

TEST_CASE("hovering an item outlines it thinly", "[ui][preview]") {
    Preview p;
    add_item(p.controller, "A", 200, 100, 400, 200);
    const QImage before = p.widget.grab().toImage();
    hover(p.widget, p.at({500, 250}));
    const QImage hovered = p.widget.grab().toImage();
    CHECK(hovered.pixelColor(235, 110) != before.pixelColor(235, 110));
    CHECK(hovered.pixelColor(235, 113) == kFrameColour);  // thin: inside stays clear
    hover(p.widget, p.at({1000, 600}));
    CHECK(p.widget.grab().toImage() == before);
}

TEST_CASE("dragging an item moves it by the canvas delta", "[ui][preview]") {
    Preview p;
    const int a = add_item(p.controller, "A", 200, 100, 400, 200);
    // 40 x 20 widget pixels at half scale are 80 x 40 canvas pixels.
    drag(p.widget, p.at({500, 250}), p.at({500, 250}) + QPoint(40, 20));
    CHECK(p.widget.selected_item() == a);
    CHECK(p.transform(a).position == Vec2{480, 240});
}

TEST_CASE("a moved item snaps to the left edge unless Ctrl is held", "[ui][preview]") {
    Preview p;
    const int a = add_item(p.controller, "A", 200, 100, 400, 200);
    // 197 widget pixels left would put its left edge at canvas x = 6 (3 widget pixels in).
    const QPoint from = p.at({500, 250});
    drag(p.widget, from, from - QPoint(197, 0));
    CHECK(p.transform(a).position == Vec2{0, 200});

    p.controller.set_item_transform(a, [&] {
        ItemTransform t = p.transform(a);
        t.position = {400, 200};
        return t;
    }());
    drag(p.widget, from, from - QPoint(197, 0), {}, Qt::ControlModifier);
    CHECK(p.transform(a).position == Vec2{6, 200});
}

TEST_CASE("handles resize: corners keep the aspect, Shift frees them, edges one axis",
          "[ui][preview]") {
    Preview p;
    const int a = add_item(p.controller, "A", 200, 100, 400, 200);
    p.widget.select_item(a);
    const ItemTransform start = p.transform(a);
    const QPoint corner = p.at({600, 300});

    // The pointer ends at canvas (700, 320): projected on the diagonal, x 1.44.
    drag(p.widget, corner, corner + QPoint(50, 10));
    CHECK(p.transform(a).scale.x == Approx(1.44));
    CHECK(p.transform(a).scale.y == Approx(1.44));
    CHECK(p.transform(a).position == Vec2{400, 200});

    p.controller.set_item_transform(a, start);
    drag(p.widget, corner, corner + QPoint(50, 10), {}, Qt::ShiftModifier);
    CHECK(p.transform(a).scale.x == Approx(1.5));
    CHECK(p.transform(a).scale.y == Approx(1.2));

    p.controller.set_item_transform(a, start);
    const QPoint right_edge = p.at({600, 250});
    drag(p.widget, right_edge, right_edge + QPoint(20, 30));
    CHECK(p.transform(a).scale.x == Approx(1.2));
    CHECK(p.transform(a).scale.y == Approx(1));
}

TEST_CASE("Alt-dragging a handle crops and the rotation handle rotates", "[ui][preview]") {
    Preview p;
    const int a = add_item(p.controller, "A", 200, 100, 400, 200);
    p.widget.select_item(a);
    const ItemTransform start = p.transform(a);

    const QPoint left_edge = p.at({400, 250});
    drag(p.widget, left_edge, left_edge + QPoint(10, 0), Qt::AltModifier, Qt::AltModifier);
    CHECK(p.transform(a).crop == Crop{20, 0, 0, 0});
    CHECK(p.transform(a).position.x == Approx(420));  // the rest of the picture stays put

    p.controller.set_item_transform(a, start);
    const QPoint rotate_handle = p.at({500, 200}) - QPoint(0, 24);
    drag(p.widget, rotate_handle, p.at({600, 250}));
    CHECK(p.transform(a).rotation_deg == Approx(90));
    CHECK(p.transform(a).position == Vec2{400, 200});

    // Shift snaps 51 degrees to 45 (the handle is now to the right of the centre).
    p.controller.set_item_transform(a, start);
    drag(p.widget, rotate_handle, p.at({600, 170}), {}, Qt::ShiftModifier);
    CHECK(p.transform(a).rotation_deg == Approx(45));
}

TEST_CASE("arrow keys nudge the selection and Delete removes it", "[ui][preview]") {
    Preview p;
    const int a = add_item(p.controller, "A", 200, 100, 400, 200);
    p.widget.select_item(a);
    QTest::keyClick(&p.widget, Qt::Key_Right);
    QTest::keyClick(&p.widget, Qt::Key_Down, Qt::ShiftModifier);
    CHECK(p.transform(a).position == Vec2{401, 210});
    QTest::keyClick(&p.widget, Qt::Key_Left, Qt::ShiftModifier);
    QTest::keyClick(&p.widget, Qt::Key_Up);
    CHECK(p.transform(a).position == Vec2{391, 209});

    QSignalSpy selected(&p.widget, &PreviewWidget::itemSelected);
    QTest::keyClick(&p.widget, Qt::Key_Delete);
    CHECK(p.controller.items().empty());
    CHECK(p.widget.selected_item() == 0);
    REQUIRE(selected.count() == 1);
    CHECK(selected.at(0).at(0).toInt() == 0);
}

TEST_CASE("a locked item is selected but cannot be moved", "[ui][preview]") {
    Preview p;
    const int a = add_item(p.controller, "A", 200, 100, 400, 200);
    p.controller.set_item_locked(a, true);
    drag(p.widget, p.at({500, 250}), p.at({500, 250}) + QPoint(40, 20));
    CHECK(p.widget.selected_item() == a);
    drag(p.widget, p.at({600, 300}), p.at({600, 300}) + QPoint(40, 20));  // its corner
    QTest::keyClick(&p.widget, Qt::Key_Right);
    CHECK(p.transform(a) == [] {
        ItemTransform t;
        t.position = {400, 200};
        return t;
    }());
    CHECK_FALSE(action(p.widget, "transform_fit")->isEnabled());
}

TEST_CASE("the Transform menu fits, stretches, centres, resets and rotates", "[ui][preview]") {
    Preview p;
    const int a = add_item(p.controller, "A", 200, 100, 33, 44);
    p.widget.select_item(a);

    action(p.widget, "transform_fit")->trigger();
    CHECK(p.transform(a).scale == Vec2{6.4, 6.4});
    CHECK(p.transform(a).position.y == Approx(40));  // 1280 x 640, centred
    action(p.widget, "transform_reset")->trigger();
    CHECK(p.transform(a) == ItemTransform{});
    action(p.widget, "transform_centre")->trigger();
    CHECK(p.transform(a).position == Vec2{540, 310});
    action(p.widget, "transform_stretch")->trigger();
    CHECK(p.transform(a).bounds_type == BoundsType::stretch);
    CHECK(p.transform(a).bounds == Vec2{1280, 720});
    CHECK(p.transform(a).position == Vec2{0, 0});

    action(p.widget, "transform_rotate_cw")->trigger();
    CHECK(p.transform(a).rotation_deg == 90);
    action(p.widget, "transform_rotate_ccw")->trigger();
    action(p.widget, "transform_rotate_ccw")->trigger();
    CHECK(p.transform(a).rotation_deg == 270);
}

TEST_CASE("the item menu orders, hides, locks, removes and asks for properties", "[ui][preview]") {
    Preview p;
    const int a = add_item(p.controller, "A", 200, 100, 0, 0);
    const int b = add_item(p.controller, "B", 200, 100, 100, 50);
    auto order = [&] {
        std::vector<int> ids;
        for (const auto& item : p.controller.items())
            ids.push_back(item.id);
        return ids;
    };

    // Right-clicking B selects it and opens the menu over it.
    QContextMenuEvent right_click(QContextMenuEvent::Mouse, p.at({250, 120}),
                                  p.widget.mapToGlobal(p.at({250, 120})));
    QApplication::sendEvent(&p.widget, &right_click);
    CHECK(p.widget.selected_item() == b);
    auto* menu = p.widget.findChild<QMenu*>();
    REQUIRE(menu);
    QStringList texts;
    for (QAction* entry : menu->actions())
        texts << entry->text();
    CHECK(texts.contains("Transform"));
    CHECK(texts.contains("Order"));
    CHECK(texts.contains("Properties…"));
    CHECK(texts.contains("Filters…"));
    menu->close();

    p.widget.select_item(a);
    action(p.widget, "order_up")->trigger();
    CHECK(order() == std::vector<int>{b, a});
    action(p.widget, "order_bottom")->trigger();
    CHECK(order() == std::vector<int>{a, b});
    action(p.widget, "order_top")->trigger();
    CHECK(order() == std::vector<int>{b, a});
    action(p.widget, "order_down")->trigger();
    CHECK(order() == std::vector<int>{a, b});

    action(p.widget, "hide")->trigger();
    CHECK_FALSE(p.controller.item(a)->visible);
    CHECK(action(p.widget, "hide")->text() == "Show");
    action(p.widget, "lock")->trigger();
    CHECK(p.controller.item(a)->locked);
    CHECK(action(p.widget, "lock")->text() == "Unlock");

    QSignalSpy properties(&p.widget, &PreviewWidget::propertiesRequested);
    action(p.widget, "properties")->trigger();
    REQUIRE(properties.count() == 1);
    CHECK(properties.at(0).at(0).toInt() == a);
    QSignalSpy filters(&p.widget, &PreviewWidget::filtersRequested);
    REQUIRE(action(p.widget, "filters")->isEnabled());
    action(p.widget, "filters")->trigger();
    REQUIRE(filters.count() == 1);
    CHECK(filters.at(0).at(0).toInt() == a);

    action(p.widget, "remove")->trigger();
    CHECK(order() == std::vector<int>{b});
    CHECK(p.widget.selected_item() == 0);
}

TEST_CASE("files dropped on the preview are reported with the canvas position", "[ui][preview]") {
    Preview p;
    QSignalSpy dropped(&p.widget, &PreviewWidget::filesDropped);
    const QPoint at = p.at({640, 360});

    QMimeData web;
    web.setUrls({QUrl("https://example.com/logo.png")});
    QDragEnterEvent refused(at, Qt::CopyAction, &web, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&p.widget, &refused);
    CHECK_FALSE(refused.isAccepted());

    QMimeData files;
    files.setUrls({QUrl::fromLocalFile("/tmp/clip.mp4"), QUrl("https://example.com/logo.png")});
    QDragEnterEvent enter(at, Qt::CopyAction, &files, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&p.widget, &enter);
    CHECK(enter.isAccepted());
    QDropEvent drop(QPointF(at), Qt::CopyAction, &files, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&p.widget, &drop);
    REQUIRE(dropped.count() == 1);
    CHECK(dropped.at(0).at(0).toStringList() == QStringList{"/tmp/clip.mp4"});
    CHECK(dropped.at(0).at(1).toPointF() == QPointF(640, 360));
}
