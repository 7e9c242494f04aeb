// A text property with current choices (a device list) as an editable combo box: the
// provider's options reach the list, a pick stores the option's value, typing stores the
// text, and a stored device that is not connected now stays selected, marked missing.
#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <catch2/catch.hpp>

#include "test_schema.hpp"
#include "ui/properties/properties_dialog.hpp"
#include "ui/properties/properties_form.hpp"

using lm::ui::PropertiesForm;
using nlohmann::json;

namespace {

/// "device" (text, default "default") offering what `devices` holds when a form is made.
lm::PropertySchema device_schema(std::shared_ptr<std::vector<lm::PropertyOption>> devices,
                                 int* asked = nullptr) {
    lm::Property device =
        lm::ui::test::make_property("device", "Device", lm::PropertyType::text, "default");
    device.current_options = [devices, asked] {
        if (asked)
            ++*asked;
        return *devices;
    };
    return {device};
}

QStringList items_of(const QComboBox& combo) {
    QStringList items;
    for (int i = 0; i < combo.count(); ++i)
        items << combo.itemText(i);
    return items;
}

QComboBox* device_combo(const PropertiesForm& form) {
    auto* combo = form.findChild<QComboBox*>("device");
    REQUIRE(combo != nullptr);
    return combo;
}

}  // namespace

TEST_CASE("a text property's current choices fill an editable combo box", "[properties]") {
    auto devices =
        std::make_shared<std::vector<lm::PropertyOption>>(std::vector<lm::PropertyOption>{
            {"System default (Built-in)", "default"}, {"USB Headset", "alsa_input.usb-headset"}});
    int asked = 0;
    const lm::PropertySchema schema = device_schema(devices, &asked);
    PropertiesForm form(schema, json{{"device", "alsa_input.usb-headset"}});
    CHECK(asked == 1);  // once, as the form opens
    QComboBox* combo = device_combo(form);
    CHECK(combo->isEditable());
    CHECK(items_of(*combo) == QStringList{"System default (Built-in)", "USB Headset"});
    CHECK(combo->currentText() == "USB Headset");
    CHECK_FALSE(combo->property("missing").toBool());
    CHECK(form.settings()["device"] == "alsa_input.usb-headset");

    QSignalSpy changed(&form, &PropertiesForm::settingsChanged);
    combo->setCurrentIndex(0);
    CHECK(form.settings()["device"] == "default");
    CHECK(changed.count() == 1);  // index and text change together: one edit

    // Any text is still a valid setting, kept as typed.
    combo->lineEdit()->setText("hw:CARD=Mic,DEV=0");
    CHECK(form.settings()["device"] == "hw:CARD=Mic,DEV=0");
    CHECK(form.error().isEmpty());

    // A device plugged in since shows up the next time a dialog opens.
    devices->push_back({"Webcam Mic", "alsa_input.webcam"});
    PropertiesForm reopened(schema, json{{"device", "default"}});
    CHECK(asked == 2);
    CHECK(items_of(*device_combo(reopened)).contains("Webcam Mic"));
}

TEST_CASE("a stored device that is not connected stays selected and is marked missing",
          "[properties]") {
    auto devices =
        std::make_shared<std::vector<lm::PropertyOption>>(std::vector<lm::PropertyOption>{
            {"First camera found", ""}, {"Cam A (usb-1) at /dev/video0", "Cam A (usb-1)"}});
    PropertiesForm form(device_schema(devices), json{{"device", "Old Cam (usb-9)"}});
    QComboBox* combo = device_combo(form);
    CHECK(combo->currentText() == "Old Cam (usb-9) (not connected)");
    CHECK(combo->property("missing").toBool());
    CHECK(combo->toolTip().contains("Not connected now"));
    // Opening and closing never rewrites the setting.
    CHECK(form.settings()["device"] == "Old Cam (usb-9)");

    combo->setCurrentIndex(1);
    CHECK(form.settings()["device"] == "Cam A (usb-1)");
    CHECK_FALSE(combo->property("missing").toBool());
    // The missing one stays in the list, so it can be chosen back.
    const int missing = combo->findText("Old Cam (usb-9) (not connected)");
    REQUIRE(missing >= 0);
    combo->setCurrentIndex(missing);
    CHECK(form.settings()["device"] == "Old Cam (usb-9)");
    CHECK(combo->property("missing").toBool());

    // The empty setting ("the first camera") is a choice of its own, not missing.
    form.set_settings(json{{"device", ""}});
    CHECK(combo->currentText() == "First camera found");
    CHECK_FALSE(combo->property("missing").toBool());
    CHECK(form.settings()["device"] == "");
}

TEST_CASE("a device chosen in the properties dialog is applied live", "[properties]") {
    auto devices = std::make_shared<std::vector<lm::PropertyOption>>(
        std::vector<lm::PropertyOption>{{"System default", "default"}, {"Mic 2", "mic2"}});
    std::vector<json> applied;
    lm::ui::PropertiesDialog dialog("Mic", device_schema(devices), json{{"device", "default"}},
                                    [&](const json& settings) { applied.push_back(settings); });
    auto* combo = dialog.findChild<QComboBox*>("device");
    REQUIRE(combo != nullptr);
    combo->setCurrentIndex(1);
    REQUIRE_FALSE(applied.empty());
    CHECK(applied.back()["device"] == "mic2");
    dialog.reject();
    CHECK(applied.back()["device"] == "default");
}

TEST_CASE("a failing device list leaves the field to typing", "[properties]") {
    lm::Property device =
        lm::ui::test::make_property("device", "Device", lm::PropertyType::text, "default");
    device.current_options = []() -> std::vector<lm::PropertyOption> {
        throw std::runtime_error("sound server gone");
    };
    PropertiesForm form({device}, json{{"device", "mic3"}});
    QComboBox* combo = device_combo(form);
    CHECK(combo->currentText() == "mic3 (not connected)");
    combo->lineEdit()->setText("mic4");
    CHECK(form.settings()["device"] == "mic4");
}
