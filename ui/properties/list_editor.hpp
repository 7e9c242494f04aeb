// A list property as a combo box of the options' labels, each holding the option's value.
#pragma once

#include "ui/properties/property_editor.hpp"

class QComboBox;

namespace lm::ui {

class ListEditor : public PropertyEditor {
    Q_OBJECT

public:
    explicit ListEditor(lm::Property property, QWidget* parent = nullptr);

    QWidget* main_widget() const override;

protected:
    /// A value that is no option (a file from a newer version, a typo in a script) is shown as
    /// an extra last item "<value> (not an option)", so the user sees it and can pick another.
    bool show_value(const nlohmann::json& value) override;
    nlohmann::json read_value() const override;

private:
    void remove_stray_item();

    QComboBox* combo_box_;
    nlohmann::json stray_value_;  ///< the value of the extra item, when there is one
};

}  // namespace lm::ui
