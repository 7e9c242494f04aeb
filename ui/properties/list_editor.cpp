#include "ui/properties/list_editor.hpp"

#include <QComboBox>
#include <QHBoxLayout>

#include <utility>

namespace lm::ui {

namespace {

// Item data: the option's index, or this for the stray item.
constexpr int kStrayItem = -1;

QString display(const nlohmann::json& value) {
    return QString::fromStdString(value.is_string() ? value.get<std::string>() : value.dump());
}

}  // namespace

ListEditor::ListEditor(lm::Property property, QWidget* parent)
    : PropertyEditor(std::move(property), parent), combo_box_(new QComboBox(this)) {
    const lm::Property& p = this->property();
    combo_box_->setObjectName(QString::fromStdString(p.key));
    combo_box_->setToolTip(toolTip());
    for (size_t i = 0; i < p.options.size(); ++i) {
        const lm::PropertyOption& option = p.options[i];
        const QString label =
            option.label.empty() ? display(option.value) : QString::fromStdString(option.label);
        combo_box_->addItem(label, static_cast<int>(i));
    }
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(combo_box_);
    connect(combo_box_, &QComboBox::currentIndexChanged, this, &ListEditor::widget_changed);
}

QWidget* ListEditor::main_widget() const {
    return combo_box_;
}

void ListEditor::remove_stray_item() {
    const int last = combo_box_->count() - 1;
    if (last >= 0 && combo_box_->itemData(last).toInt() == kStrayItem)
        combo_box_->removeItem(last);
    stray_value_ = nullptr;
}

bool ListEditor::show_value(const nlohmann::json& value) {
    remove_stray_item();
    if (value.is_null()) {
        combo_box_->setCurrentIndex(-1);  // not set: nothing chosen
        return true;
    }
    const std::vector<lm::PropertyOption>& options = property().options;
    for (size_t i = 0; i < options.size(); ++i) {
        if (options[i].value == value) {
            combo_box_->setCurrentIndex(static_cast<int>(i));
            return true;
        }
    }
    stray_value_ = value;
    combo_box_->addItem(tr("%1 (not an option)").arg(display(value)), kStrayItem);
    combo_box_->setCurrentIndex(combo_box_->count() - 1);
    return true;
}

nlohmann::json ListEditor::read_value() const {
    const int index = combo_box_->currentIndex();
    if (index < 0)
        return nullptr;
    const int option = combo_box_->itemData(index).toInt();
    if (option == kStrayItem)
        return stray_value_;
    return property().options[static_cast<size_t>(option)].value;
}

}  // namespace lm::ui
