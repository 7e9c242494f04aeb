// A text property that offers its current choices (the devices plugged in now) as an editable
// combo box: pick one by its label, or type any text, which is kept as typed.
#pragma once

#include <vector>

#include "ui/properties/property_editor.hpp"

class QComboBox;

namespace lm::ui {

/// Asks the property's `current_options` once, when made (the dialog opening). Each item
/// shows an option's label and holds its value; value() is the chosen item's value, or the
/// text typed. A stored value that is no current choice (a camera unplugged now) stays
/// selected as an extra item "<value> (not connected)"; the combo box then carries the dynamic
/// property "missing" = true and says so in its tooltip, and the setting is kept unless the
/// user picks another.
class TextChoicesEditor : public PropertyEditor {
    Q_OBJECT

public:
    explicit TextChoicesEditor(lm::Property property, QWidget* parent = nullptr);

    QWidget* main_widget() const override;
    /// Whether the value shown is no current choice.
    bool missing() const;

protected:
    bool show_value(const nlohmann::json& value) override;
    nlohmann::json read_value() const override;

private:
    void text_changed();
    void mark_missing(bool missing);

    QComboBox* combo_box_;
    std::vector<lm::PropertyOption> choices_;
    nlohmann::json last_read_;  ///< so a pick (index and text change together) counts once
};

}  // namespace lm::ui
