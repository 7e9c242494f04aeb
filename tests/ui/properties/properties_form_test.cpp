#include "ui/properties/properties_form.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QToolButton>
#include <catch2/catch.hpp>

#include <climits>

#include "test_schema.hpp"

using lm::ui::PropertiesForm;
using nlohmann::json;

namespace {

template <typename W>
W* editor(const PropertiesForm& form, const char* key) {
    auto* widget = form.findChild<W*>(key);
    REQUIRE(widget != nullptr);
    return widget;
}

// Replaces a spin box's text the way a user does: select all, type.
void retype(QWidget* spin_box, const QString& text) {
    spin_box->setFocus();
    QTest::keyClick(spin_box, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(spin_box, text);
}

QLabel* label_for(const PropertiesForm& form, QWidget* field) {
    for (QLabel* label : form.findChildren<QLabel*>()) {
        if (label->buddy() == field)
            return label;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("each property type gets its editor, label, tooltip and range", "[properties]") {
    PropertiesForm form(lm::ui::test::every_type_schema(), json::object());

    auto* visible = editor<QCheckBox>(form, "visible");
    CHECK(visible->isChecked());  // the default
    QLabel* label = label_for(form, visible);
    REQUIRE(label != nullptr);
    CHECK(label->text() == "Visible");
    CHECK(label->toolTip() == "What Visible does.");
    CHECK(visible->toolTip() == "What Visible does.");

    auto* width = editor<QSpinBox>(form, "width");
    CHECK(width->minimum() == 16);
    CHECK(width->maximum() == 4096);
    CHECK(width->value() == 1280);

    auto* offset = editor<QSpinBox>(form, "offset");  // min == max: unbounded
    CHECK(offset->minimum() == INT_MIN);
    CHECK(offset->maximum() == INT_MAX);

    auto* opacity = editor<QDoubleSpinBox>(form, "opacity");
    CHECK(opacity->minimum() == 0.0);
    CHECK(opacity->maximum() == 1.0);
    CHECK(opacity->decimals() == 3);
    CHECK(opacity->singleStep() == Approx(0.01));
    auto* gain = editor<QDoubleSpinBox>(form, "gain_db");
    CHECK(gain->minimum() == -30.0);
    CHECK(gain->maximum() == 30.0);
    CHECK(gain->decimals() == 2);
    CHECK(gain->singleStep() == Approx(0.1));

    auto* title = editor<QLineEdit>(form, "title");
    CHECK(title->text() == "Hello");
    CHECK(title->echoMode() == QLineEdit::Normal);
    CHECK(editor<QLineEdit>(form, "stream_key")->echoMode() == QLineEdit::Password);

    editor<QLineEdit>(form, "file");
    CHECK(editor<QPushButton>(form, "file_browse")->text() == "Browse…");

    auto* color = editor<QPushButton>(form, "color");
    CHECK(color->text() == "#336699");
    CHECK_FALSE(color->icon().isNull());  // the swatch

    auto* preset = editor<QComboBox>(form, "preset");
    REQUIRE(preset->count() == 3);
    CHECK(preset->itemText(0) == "Very fast");
    CHECK(preset->currentText() == "Fast");
    CHECK(editor<QComboBox>(form, "fps")->currentText() == "30 fps");

    CHECK(form.error().isEmpty());
    CHECK(form.settings() == lm::apply_schema(lm::ui::test::every_type_schema(), json::object()));
}

TEST_CASE("given settings are shown and unknown keys are kept", "[properties]") {
    const json given = {{"width", 640},         {"opacity", 0.125},
                        {"preset", "slow"},     {"fps", 60},
                        {"color", 0x80FF0000u}, {"stream_key", "live_abc"},
                        {"file", "/a/b.mp4"},   {"from_the_future", {1, 2}}};
    PropertiesForm form(lm::ui::test::every_type_schema(), given);

    CHECK(editor<QSpinBox>(form, "width")->value() == 640);
    CHECK(editor<QDoubleSpinBox>(form, "opacity")->value() == 0.125);
    CHECK(editor<QComboBox>(form, "preset")->currentText() == "Slow");
    CHECK(editor<QComboBox>(form, "fps")->currentText() == "60 fps");
    CHECK(editor<QPushButton>(form, "color")->text().startsWith("#FF0000"));
    CHECK(editor<QLineEdit>(form, "file")->text() == "/a/b.mp4");

    const json settings = form.settings();
    CHECK(settings["from_the_future"] == json({1, 2}));
    CHECK(settings["opacity"] == 0.125);
    CHECK(settings["color"] == 0x80FF0000u);
    CHECK(settings["stream_key"] == "live_abc");
    CHECK(settings["fps"] == 60);
}

TEST_CASE("typing, toggling and choosing change settings and emit settingsChanged",
          "[properties]") {
    PropertiesForm form(lm::ui::test::every_type_schema(), json::object());
    form.show();
    QSignalSpy changed(&form, &PropertiesForm::settingsChanged);

    QTest::mouseClick(editor<QCheckBox>(form, "visible"), Qt::LeftButton);
    CHECK(form.settings()["visible"] == false);
    CHECK(changed.count() == 1);

    retype(editor<QSpinBox>(form, "width"), "720");
    CHECK(form.settings()["width"] == 720);
    CHECK(changed.count() >= 2);                      // every keystroke that makes a number
    retype(editor<QSpinBox>(form, "width"), "9999");  // the last 9 would leave 16..4096
    CHECK(form.settings()["width"] == 999);

    changed.clear();
    retype(editor<QDoubleSpinBox>(form, "gain_db"), "-6.5");
    CHECK(form.settings()["gain_db"] == -6.5);
    CHECK(changed.count() >= 1);

    changed.clear();
    auto* title = editor<QLineEdit>(form, "title");
    title->setFocus();
    title->selectAll();
    QTest::keyClicks(title, "Live");
    CHECK(form.settings()["title"] == "Live");
    CHECK(changed.count() == 4);  // one per key

    changed.clear();
    auto* preset = editor<QComboBox>(form, "preset");
    preset->setFocus();
    QTest::keyClick(preset, Qt::Key_Down);
    CHECK(preset->currentText() == "Slow");
    CHECK(form.settings()["preset"] == "slow");
    CHECK(changed.count() == 1);

    changed.clear();
    QTest::keyClick(editor<QComboBox>(form, "fps"), Qt::Key_Down);
    CHECK(form.settings()["fps"] == 60);
    CHECK(changed.count() == 1);
    CHECK(form.error().isEmpty());
}

TEST_CASE("set_settings shows new values without reporting an edit", "[properties]") {
    PropertiesForm form(lm::ui::test::every_type_schema(), json::object());
    QSignalSpy changed(&form, &PropertiesForm::settingsChanged);

    form.set_settings({{"width", 1920}, {"title", "Other"}});

    CHECK(editor<QSpinBox>(form, "width")->value() == 1920);
    CHECK(editor<QLineEdit>(form, "title")->text() == "Other");
    CHECK(changed.count() == 0);
}

TEST_CASE("a secret field is masked until Show", "[properties]") {
    PropertiesForm form(lm::ui::test::every_type_schema(), {{"stream_key", "live_12345"}});
    form.show();
    auto* key = editor<QLineEdit>(form, "stream_key");
    auto* show = editor<QToolButton>(form, "stream_key_show");

    CHECK(key->echoMode() == QLineEdit::Password);
    CHECK_FALSE(key->displayText().contains("live"));
    CHECK(show->text() == "Show");

    QTest::mouseClick(show, Qt::LeftButton);
    CHECK(key->displayText() == "live_12345");
    CHECK(show->text() == "Hide");

    QTest::mouseClick(show, Qt::LeftButton);
    CHECK_FALSE(key->displayText().contains("live"));
    CHECK(form.settings()["stream_key"] == "live_12345");
    // Only a plain text field has a Show button.
    CHECK(form.findChild<QToolButton*>("title_show") == nullptr);
}

TEST_CASE("the colour button stores what the colour picker chose as 0xAARRGGBB", "[properties]") {
    PropertiesForm form(lm::ui::test::every_type_schema(), json::object());
    form.show();
    QColor offered;
    std::optional<QColor> answer = QColor(0x12, 0x34, 0x56, 0x80);
    form.set_color_picker([&](QWidget*, const QString&, const QColor& current) {
        offered = current;
        return answer;
    });
    QSignalSpy changed(&form, &PropertiesForm::settingsChanged);
    auto* button = editor<QPushButton>(form, "color");

    QTest::mouseClick(button, Qt::LeftButton);

    CHECK(offered.rgba() == 0xFF336699u);  // the picker starts at the current colour
    CHECK(form.settings()["color"] == 0x80123456u);
    CHECK(button->text().startsWith("#123456"));
    CHECK(changed.count() == 1);
    // The swatch shows the colour: its middle pixel is the colour over the checkerboard.
    const QImage swatch = button->icon().pixmap(16, 16).toImage();
    const QColor middle = swatch.pixelColor(swatch.width() / 2 - 2, swatch.height() / 2 - 2);
    CHECK(middle.blue() > middle.red());

    answer.reset();  // cancelled: nothing changes
    QTest::mouseClick(button, Qt::LeftButton);
    CHECK(form.settings()["color"] == 0x80123456u);
    CHECK(changed.count() == 1);
}

TEST_CASE("Browse fills the path with what the file picker chose", "[properties]") {
    PropertiesForm form(lm::ui::test::every_type_schema(), {{"file", "/videos/old.mp4"}});
    form.show();
    QString offered;
    QString answer = "/videos/new.mkv";
    form.set_file_picker([&](QWidget*, const QString&, const QString& current) {
        offered = current;
        return answer;
    });
    QSignalSpy changed(&form, &PropertiesForm::settingsChanged);

    QTest::mouseClick(editor<QPushButton>(form, "file_browse"), Qt::LeftButton);

    CHECK(offered == "/videos/old.mp4");
    CHECK(editor<QLineEdit>(form, "file")->text() == "/videos/new.mkv");
    CHECK(form.settings()["file"] == "/videos/new.mkv");
    CHECK(changed.count() == 1);

    answer.clear();  // cancelled
    QTest::mouseClick(editor<QPushButton>(form, "file_browse"), Qt::LeftButton);
    CHECK(form.settings()["file"] == "/videos/new.mkv");
    CHECK(changed.count() == 1);
}

TEST_CASE("an out-of-range value is shown inline and its editor marked", "[properties]") {
    PropertiesForm form(lm::ui::test::every_type_schema(), {{"width", 99999}});
    form.show();
    auto* width = editor<QSpinBox>(form, "width");
    auto* title = editor<QLineEdit>(form, "title");
    auto* error = editor<QLabel>(form, "error");

    CHECK(form.error().toStdString() ==
          "setting 'width' is 99999; allowed: an integer from 16 to 4096");
    CHECK(error->isVisible());
    CHECK(error->text() == form.error());
    CHECK(width->property("invalid").toBool());
    CHECK_FALSE(title->property("invalid").toBool());
    CHECK(width->palette().color(QPalette::Base) != title->palette().color(QPalette::Base));
    // The real value is shown, not a clamped one, and never rewritten behind the user's back.
    CHECK(width->text() == "99999");
    CHECK(form.settings()["width"] == 99999);

    QSignalSpy changed(&form, &PropertiesForm::settingsChanged);
    retype(width, "2000");
    CHECK(form.settings()["width"] == 2000);
    CHECK(form.error().isEmpty());
    CHECK_FALSE(error->isVisible());
    CHECK_FALSE(width->property("invalid").toBool());
    CHECK(width->palette().color(QPalette::Base) == title->palette().color(QPalette::Base));
    CHECK(changed.count() >= 1);
}

TEST_CASE("a list value that is no option is shown as such until another is chosen",
          "[properties]") {
    PropertiesForm form(lm::ui::test::every_type_schema(), {{"preset", "ludicrous"}});
    form.show();
    auto* preset = editor<QComboBox>(form, "preset");

    CHECK(preset->currentText() == "ludicrous (not an option)");
    CHECK(form.error().contains("'preset'"));
    CHECK(form.error().contains("\"veryfast\" (Very fast)"));
    CHECK(preset->property("invalid").toBool());

    preset->setFocus();
    QTest::keyClick(preset, Qt::Key_Home);
    CHECK(form.settings()["preset"] == "veryfast");
    CHECK(form.error().isEmpty());
    CHECK_FALSE(preset->property("invalid").toBool());
}

TEST_CASE("a text property holding a non-string is rejected until retyped", "[properties]") {
    PropertiesForm form(lm::ui::test::every_type_schema(), {{"title", 42}, {"width", 1}});
    form.show();
    auto* title = editor<QLineEdit>(form, "title");

    // Both offending editors are marked, though apply_schema names only the first.
    CHECK(form.error().contains("'width'"));
    CHECK(title->property("invalid").toBool());
    CHECK(editor<QSpinBox>(form, "width")->property("invalid").toBool());
    CHECK(title->text() == "42");

    title->setFocus();
    title->selectAll();
    QTest::keyClicks(title, "Forty-two");
    CHECK_FALSE(title->property("invalid").toBool());
    CHECK(form.settings()["title"] == "Forty-two");
    CHECK(form.error().contains("'width'"));  // still wrong: the other one
}

TEST_CASE("restore_defaults resets every field and keeps unknown keys", "[properties]") {
    PropertiesForm form(lm::ui::test::every_type_schema(),
                        {{"width", 99999}, {"title", "Mine"}, {"color", 0u}, {"extra", true}});
    QSignalSpy changed(&form, &PropertiesForm::settingsChanged);

    form.restore_defaults();

    json expected = lm::apply_schema(lm::ui::test::every_type_schema(), json::object());
    expected["extra"] = true;
    CHECK(form.settings() == expected);
    CHECK(editor<QSpinBox>(form, "width")->value() == 1280);
    CHECK(editor<QPushButton>(form, "color")->text() == "#336699");
    CHECK(form.error().isEmpty());
    CHECK(changed.count() == 1);
}

TEST_CASE("a number keeps the decimals its value needs", "[properties]") {
    lm::Property volume =
        lm::ui::test::make_property("volume", "Volume", lm::PropertyType::number, 0.5);
    PropertiesForm form({volume}, {{"volume", 0.015625}});

    CHECK(editor<QDoubleSpinBox>(form, "volume")->decimals() == 6);
    CHECK(form.settings()["volume"] == 0.015625);
}

TEST_CASE("the inline error is drawn in the error colour", "[properties]") {
    PropertiesForm form(lm::ui::test::every_type_schema(), {{"width", 0}});
    form.resize(400, form.sizeHint().height());
    form.show();
    const QImage image = editor<QLabel>(form, "error")->grab().toImage();

    int reddish = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c.red() > c.green() + 60 && c.red() > c.blue() + 60)
                ++reddish;
        }
    }
    CHECK(reddish > 20);
}
