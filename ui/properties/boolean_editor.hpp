// A boolean property as a check box.
#pragma once

#include "ui/properties/property_editor.hpp"

class QCheckBox;

namespace lm::ui {

class BooleanEditor : public PropertyEditor {
    Q_OBJECT

public:
    explicit BooleanEditor(lm::Property property, QWidget* parent = nullptr);

    QWidget* main_widget() const override;

protected:
    bool show_value(const nlohmann::json& value) override;
    nlohmann::json read_value() const override;

private:
    QCheckBox* check_box_;
};

}  // namespace lm::ui
