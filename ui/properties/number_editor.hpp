// A floating-point property as a spin box limited to the property's range.
#pragma once

#include "ui/properties/property_editor.hpp"

class QDoubleSpinBox;

namespace lm::ui {

class NumberEditor : public PropertyEditor {
    Q_OBJECT

public:
    /// The spin box takes the property's min/max (±1e9 when min == max: unbounded), at least
    /// two decimals (three for ranges up to 1) and more when a value needs them, up to six. A
    /// value set outside the range widens it until the next set_value(), so the spin box shows
    /// the real value (marked invalid by the form) rather than a clamped one.
    explicit NumberEditor(lm::Property property, QWidget* parent = nullptr);

    QWidget* main_widget() const override;

protected:
    bool show_value(const nlohmann::json& value) override;
    nlohmann::json read_value() const override;

private:
    QDoubleSpinBox* spin_box_;
    double min_;  ///< the spin box's range before any widening
    double max_;
};

}  // namespace lm::ui
