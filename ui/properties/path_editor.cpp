#include "ui/properties/path_editor.hpp"

#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

#include <utility>

namespace lm::ui {

PathEditor::PathEditor(lm::Property property, QWidget* parent)
    : PropertyEditor(std::move(property), parent),
      line_edit_(new QLineEdit(this)),
      browse_button_(new QPushButton(tr("Browse…"), this)),
      picker_(dialog_file_picker()) {
    const lm::Property& p = this->property();
    line_edit_->setObjectName(QString::fromStdString(p.key));
    line_edit_->setToolTip(toolTip());
    browse_button_->setObjectName(QString::fromStdString(p.key + "_browse"));
    browse_button_->setAutoDefault(false);  // Enter in the dialog means OK, not Browse
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(line_edit_, 1);
    layout->addWidget(browse_button_);
    connect(line_edit_, &QLineEdit::textChanged, this, &PathEditor::widget_changed);
    connect(browse_button_, &QPushButton::clicked, this, &PathEditor::browse);
}

QWidget* PathEditor::main_widget() const {
    return line_edit_;
}

void PathEditor::set_picker(FilePicker picker) {
    picker_ = std::move(picker);
}

void PathEditor::browse() {
    const QString label =
        QString::fromStdString(property().label.empty() ? property().key : property().label);
    const QString chosen = picker_(this, tr("Choose %1").arg(label), line_edit_->text());
    if (!chosen.isEmpty())
        line_edit_->setText(chosen);  // a user edit: textChanged reports it
}

bool PathEditor::show_value(const nlohmann::json& value) {
    if (value.is_string()) {
        line_edit_->setText(QString::fromStdString(value.get<std::string>()));
        return true;
    }
    line_edit_->setText(value.is_null() ? QString() : QString::fromStdString(value.dump()));
    return false;
}

nlohmann::json PathEditor::read_value() const {
    return line_edit_->text().toStdString();
}

}  // namespace lm::ui
