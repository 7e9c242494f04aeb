#include "ui/properties/properties_dialog.hpp"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>
#include <catch2/catch.hpp>

#include <vector>

#include "test_schema.hpp"
#include "ui/properties/properties_form.hpp"

using lm::ui::PropertiesDialog;
using nlohmann::json;

namespace {

// A dialog whose live applications are recorded, with a colour picker that answers `next`.
struct Fixture {
    explicit Fixture(json settings = {{"color", 0xFF336699u}, {"width", 640}})
        : original(std::move(settings)),
          dialog("Camera", lm::ui::test::every_type_schema(), original,
                 [this](const json& s) { applied.push_back(s); }) {
        dialog.form().set_color_picker(
            [this](QWidget*, const QString&, const QColor&) { return next; });
        dialog.show();
    }

    QPushButton* button(QDialogButtonBox::StandardButton which) const {
        auto* box = dialog.findChild<QDialogButtonBox*>();
        REQUIRE(box != nullptr);
        return box->button(which);
    }

    void pick_color(QColor color) {
        next = color;
        auto* swatch = dialog.findChild<QPushButton*>("color");
        REQUIRE(swatch != nullptr);
        QTest::mouseClick(swatch, Qt::LeftButton);
    }

    json original;
    std::vector<json> applied;
    std::optional<QColor> next;
    PropertiesDialog dialog;
};

}  // namespace

TEST_CASE("the dialog is titled after the item and applies nothing on opening", "[properties]") {
    Fixture f;
    CHECK(f.dialog.windowTitle() == "Properties for 'Camera'");
    CHECK(f.button(QDialogButtonBox::Ok)->isEnabled());
    CHECK(f.dialog.findChild<QPushButton*>("defaults")->text() == "Defaults");
    CHECK(f.applied.empty());
}

TEST_CASE("a colour change is applied live and Cancel restores the original", "[properties]") {
    Fixture f;

    f.pick_color(QColor(255, 0, 0));
    REQUIRE(f.applied.size() == 1);
    CHECK(f.applied[0]["color"] == 0xFFFF0000u);
    CHECK(f.applied[0]["width"] == 640);

    QTest::mouseClick(f.button(QDialogButtonBox::Cancel), Qt::LeftButton);
    REQUIRE(f.applied.size() == 2);
    CHECK(f.applied[1] == f.original);
    CHECK(f.dialog.result() == QDialog::Rejected);
    CHECK_FALSE(f.dialog.isVisible());
}

TEST_CASE("OK keeps the applied change without restoring", "[properties]") {
    Fixture f;
    f.pick_color(QColor(0, 255, 0, 128));

    QTest::mouseClick(f.button(QDialogButtonBox::Ok), Qt::LeftButton);

    CHECK(f.dialog.result() == QDialog::Accepted);
    CHECK(f.applied.size() == 1);  // no restore
    CHECK(f.dialog.settings()["color"] == 0x8000FF00u);
}

TEST_CASE("Cancel without a change applies nothing", "[properties]") {
    Fixture f;
    QTest::mouseClick(f.button(QDialogButtonBox::Cancel), Qt::LeftButton);
    CHECK(f.applied.empty());
}

TEST_CASE("Esc and closing the window restore like Cancel", "[properties]") {
    SECTION("Esc") {
        Fixture f;
        f.pick_color(Qt::blue);
        QTest::keyClick(&f.dialog, Qt::Key_Escape);
        REQUIRE(f.applied.size() == 2);
        CHECK(f.applied.back() == f.original);
    }
    SECTION("closing the window") {
        Fixture f;
        f.pick_color(Qt::blue);
        f.dialog.close();
        REQUIRE(f.applied.size() == 2);
        CHECK(f.applied.back() == f.original);
    }
}

TEST_CASE("an invalid state disables OK and is not applied", "[properties]") {
    Fixture f(json{{"width", 99999}});
    auto* ok = f.button(QDialogButtonBox::Ok);
    auto* error = f.dialog.findChild<QLabel*>("error");
    REQUIRE(error != nullptr);

    CHECK_FALSE(ok->isEnabled());
    CHECK(error->isVisible());
    CHECK(error->text().contains("'width'"));

    f.pick_color(Qt::red);  // still invalid: width
    CHECK(f.applied.empty());
    CHECK_FALSE(ok->isEnabled());
    QTest::keyClick(&f.dialog, Qt::Key_Return);  // Enter does not accept it either
    CHECK(f.dialog.isVisible());

    auto* width = f.dialog.findChild<QSpinBox*>("width");
    width->setFocus();
    QTest::keyClick(width, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(width, "1920");
    CHECK(ok->isEnabled());
    CHECK_FALSE(error->isVisible());
    REQUIRE_FALSE(f.applied.empty());
    CHECK(f.applied.back()["width"] == 1920);
    CHECK(f.applied.back()["color"] == 0xFFFF0000u);

    QTest::mouseClick(f.button(QDialogButtonBox::Cancel), Qt::LeftButton);
    CHECK(f.applied.back() == f.original);  // the original, invalid as it was
}

TEST_CASE("Defaults resets every field and applies it", "[properties]") {
    Fixture f(json{{"width", 640}, {"title", "Mine"}, {"visible", false}, {"extra", 1}});

    QTest::mouseClick(f.dialog.findChild<QPushButton*>("defaults"), Qt::LeftButton);

    json expected = lm::apply_schema(lm::ui::test::every_type_schema(), json::object());
    expected["extra"] = 1;
    CHECK(f.dialog.settings() == expected);
    REQUIRE(f.applied.size() == 1);
    CHECK(f.applied[0] == expected);
    CHECK(f.dialog.isVisible());  // Defaults is no answer to the dialog
}
