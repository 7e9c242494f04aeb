// An integer property as a spin box limited to the property's range.
#pragma once

#include "ui/properties/property_editor.hpp"

class QSpinBox;

namespace lm::ui {

class IntegerEditor : public PropertyEditor {
    Q_OBJECT

public:
    /// The spin box takes the property's min/max, or the whole int range when min == max
    /// (unbounded). A value set outside the range widens it until the next set_value(), so the
    /// spin box shows the real value (marked invalid by the form) rather than a clamped one.
    explicit IntegerEditor(lm::Property property, QWidget* parent = nullptr);

    QWidget* main_widget() const override;

protected:
    bool show_value(const nlohmann::json& value) override;
    nlohmann::json read_value() const override;

private:
    QSpinBox* spin_box_;
    int min_;  ///< the property's range, as whole numbers
    int max_;
};

}  // namespace lm::ui
