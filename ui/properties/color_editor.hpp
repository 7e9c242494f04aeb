// A colour property (0xAARRGGBB) as a button showing a swatch and "#RRGGBB" that opens a
// colour picker with alpha.
#pragma once

#include <QRgb>

#include <optional>

#include "ui/properties/property_editor.hpp"
#include "ui/properties/property_pickers.hpp"

class QPushButton;

namespace lm::ui {

class ColorEditor : public PropertyEditor {
    Q_OBJECT

public:
    /// The button is named after the key; it opens dialog_color_picker() until set_picker().
    explicit ColorEditor(lm::Property property, QWidget* parent = nullptr);

    QWidget* main_widget() const override;

    /// Replaces the colour picker the button opens (tests inject one that answers at once).
    void set_picker(ColorPicker picker);

protected:
    bool show_value(const nlohmann::json& value) override;
    nlohmann::json read_value() const override;

private:
    void pick();
    void show_color();

    QPushButton* button_;
    ColorPicker picker_;
    std::optional<QRgb> color_;  ///< empty while the setting is unset or not a colour
};

}  // namespace lm::ui
