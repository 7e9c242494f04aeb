#include "ui/properties/boolean_editor.hpp"

#include <QCheckBox>
#include <QHBoxLayout>

#include <utility>

namespace lm::ui {

BooleanEditor::BooleanEditor(lm::Property property, QWidget* parent)
    : PropertyEditor(std::move(property), parent), check_box_(new QCheckBox(this)) {
    check_box_->setObjectName(QString::fromStdString(this->property().key));
    check_box_->setToolTip(toolTip());
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(check_box_);
    layout->addStretch(1);  // the box is only as wide as its indicator: clicks beside it miss
    connect(check_box_, &QCheckBox::toggled, this, &BooleanEditor::widget_changed);
}

QWidget* BooleanEditor::main_widget() const {
    return check_box_;
}

bool BooleanEditor::show_value(const nlohmann::json& value) {
    check_box_->setChecked(value.is_boolean() && value.get<bool>());
    return value.is_boolean();
}

nlohmann::json BooleanEditor::read_value() const {
    return check_box_->isChecked();
}

}  // namespace lm::ui
