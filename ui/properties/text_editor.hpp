// A text property as a line edit; a secret one (a stream key) is masked until "Show".
#pragma once

#include "ui/properties/property_editor.hpp"

class QLineEdit;
class QToolButton;

namespace lm::ui {

class TextEditor : public PropertyEditor {
    Q_OBJECT

public:
    /// For a secret property the line edit echoes as a password and a checkable "Show" button
    /// (named "<key>_show") reveals it while checked.
    explicit TextEditor(lm::Property property, QWidget* parent = nullptr);

    QWidget* main_widget() const override;

protected:
    bool show_value(const nlohmann::json& value) override;
    nlohmann::json read_value() const override;

private:
    void set_revealed(bool revealed);

    QLineEdit* line_edit_;
    QToolButton* show_button_ = nullptr;  ///< secret properties only
};

}  // namespace lm::ui
