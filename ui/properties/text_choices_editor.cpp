#include "ui/properties/text_choices_editor.hpp"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QVariant>

#include <exception>
#include <utility>

namespace lm::ui {
namespace {

// Item data: a choice's value; the extra item of a missing value also carries this role.
constexpr int kMissingRole = Qt::UserRole + 1;

QString label_of(const lm::PropertyOption& option) {
    const std::string value = option.value.is_string() ? option.value.get<std::string>() : "";
    return QString::fromStdString(option.label.empty() ? value : option.label);
}

}  // namespace

TextChoicesEditor::TextChoicesEditor(lm::Property property, QWidget* parent)
    : PropertyEditor(std::move(property), parent), combo_box_(new QComboBox(this)) {
    const lm::Property& p = this->property();
    if (p.current_options) {
        try {
            choices_ = p.current_options();
        } catch (const std::exception&) {
            // A device list that fails leaves the field to typing, as before choices existed.
        }
    }
    combo_box_->setObjectName(QString::fromStdString(p.key));
    combo_box_->setToolTip(toolTip());
    combo_box_->setEditable(true);
    combo_box_->setInsertPolicy(QComboBox::NoInsert);
    combo_box_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    for (const lm::PropertyOption& choice : choices_) {
        if (choice.value.is_string())
            combo_box_->addItem(label_of(choice),
                                QString::fromStdString(choice.value.get<std::string>()));
    }
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(combo_box_);
    connect(combo_box_, &QComboBox::currentIndexChanged, this, &TextChoicesEditor::text_changed);
    connect(combo_box_, &QComboBox::editTextChanged, this, &TextChoicesEditor::text_changed);
}

QWidget* TextChoicesEditor::main_widget() const {
    return combo_box_;
}

bool TextChoicesEditor::missing() const {
    return combo_box_->property("missing").toBool();
}

bool TextChoicesEditor::show_value(const nlohmann::json& value) {
    if (!value.is_string()) {
        // Null (not set) shows as empty but stays null; anything else is shown as JSON.
        combo_box_->setCurrentIndex(-1);
        combo_box_->setEditText(value.is_null() ? QString() : QString::fromStdString(value.dump()));
        last_read_ = read_value();
        return false;
    }
    const QString text = QString::fromStdString(value.get<std::string>());
    int index = combo_box_->findData(text);
    const bool known = index >= 0 && !combo_box_->itemData(index, kMissingRole).toBool();
    if (index < 0) {
        combo_box_->addItem(tr("%1 (not connected)").arg(text), text);
        index = combo_box_->count() - 1;
        combo_box_->setItemData(index, true, kMissingRole);
    }
    combo_box_->setCurrentIndex(index);
    combo_box_->setEditText(combo_box_->itemText(index));
    mark_missing(!known);
    last_read_ = read_value();
    return true;
}

nlohmann::json TextChoicesEditor::read_value() const {
    const int index = combo_box_->currentIndex();
    const QString text = combo_box_->currentText();
    // The line edit shows a choice's label: the setting is that choice's value.
    if (index >= 0 && combo_box_->itemText(index) == text)
        return combo_box_->itemData(index).toString().toStdString();
    return text.toStdString();
}

void TextChoicesEditor::text_changed() {
    const nlohmann::json now = read_value();
    const int index = combo_box_->currentIndex();
    mark_missing(index >= 0 && combo_box_->itemText(index) == combo_box_->currentText() &&
                 combo_box_->itemData(index, kMissingRole).toBool());
    if (now == last_read_)
        return;
    last_read_ = now;
    widget_changed();
}

void TextChoicesEditor::mark_missing(bool missing) {
    combo_box_->setProperty("missing", missing);
    QString tip = toolTip();
    if (missing) {
        const QString note =
            tr("Not connected now: kept in the settings, used again when it comes back.");
        tip = tip.isEmpty() ? note : tip + "\n\n" + note;
    }
    combo_box_->setToolTip(tip);
}

}  // namespace lm::ui
