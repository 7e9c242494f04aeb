// A file path property as a line edit with a "Browse…" button that opens a file picker.
#pragma once

#include "ui/properties/property_editor.hpp"
#include "ui/properties/property_pickers.hpp"

class QLineEdit;
class QPushButton;

namespace lm::ui {

class PathEditor : public PropertyEditor {
    Q_OBJECT

public:
    /// The button is named "<key>_browse"; it opens dialog_file_picker() until set_picker().
    explicit PathEditor(lm::Property property, QWidget* parent = nullptr);

    QWidget* main_widget() const override;

    /// Replaces the file picker "Browse…" opens (tests inject one that answers at once).
    void set_picker(FilePicker picker);

protected:
    bool show_value(const nlohmann::json& value) override;
    nlohmann::json read_value() const override;

private:
    void browse();

    QLineEdit* line_edit_;
    QPushButton* browse_button_;
    FilePicker picker_;
};

}  // namespace lm::ui
