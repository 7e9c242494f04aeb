#include "ui/properties/text_editor.hpp"

#include <QHBoxLayout>
#include <QLineEdit>
#include <QToolButton>

#include <utility>

namespace lm::ui {

TextEditor::TextEditor(lm::Property property, QWidget* parent)
    : PropertyEditor(std::move(property), parent), line_edit_(new QLineEdit(this)) {
    const lm::Property& p = this->property();
    line_edit_->setObjectName(QString::fromStdString(p.key));
    line_edit_->setToolTip(toolTip());
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(line_edit_);
    if (p.secret) {
        show_button_ = new QToolButton(this);
        show_button_->setObjectName(QString::fromStdString(p.key + "_show"));
        show_button_->setCheckable(true);
        show_button_->setToolTip(tr("Show or hide the text"));
        layout->addWidget(show_button_);
        connect(show_button_, &QToolButton::toggled, this, &TextEditor::set_revealed);
        set_revealed(false);
    }
    connect(line_edit_, &QLineEdit::textChanged, this, &TextEditor::widget_changed);
}

QWidget* TextEditor::main_widget() const {
    return line_edit_;
}

void TextEditor::set_revealed(bool revealed) {
    line_edit_->setEchoMode(revealed ? QLineEdit::Normal : QLineEdit::Password);
    show_button_->setText(revealed ? tr("Hide") : tr("Show"));
}

bool TextEditor::show_value(const nlohmann::json& value) {
    if (value.is_string()) {
        line_edit_->setText(QString::fromStdString(value.get<std::string>()));
        return true;
    }
    // Null (not set) shows as empty but stays null; anything else is shown as JSON so the
    // user sees what is wrong (unless it is a secret).
    const bool show_json = !value.is_null() && !property().secret;
    line_edit_->setText(show_json ? QString::fromStdString(value.dump()) : QString());
    return false;
}

nlohmann::json TextEditor::read_value() const {
    return line_edit_->text().toStdString();
}

}  // namespace lm::ui
