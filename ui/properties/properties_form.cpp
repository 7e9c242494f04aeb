#include "ui/properties/properties_form.hpp"

#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <stdexcept>

#include "ui/properties/boolean_editor.hpp"
#include "ui/properties/color_editor.hpp"
#include "ui/properties/integer_editor.hpp"
#include "ui/properties/list_editor.hpp"
#include "ui/properties/number_editor.hpp"
#include "ui/properties/path_editor.hpp"
#include "ui/properties/text_choices_editor.hpp"
#include "ui/properties/text_editor.hpp"

namespace lm::ui {

namespace {

PropertyEditor* make_editor(const lm::Property& property, QWidget* parent) {
    switch (property.type) {
        case lm::PropertyType::boolean:
            return new BooleanEditor(property, parent);
        case lm::PropertyType::integer:
            return new IntegerEditor(property, parent);
        case lm::PropertyType::number:
            return new NumberEditor(property, parent);
        case lm::PropertyType::text:
            // A text with choices (a device) offers them; a secret never shows choices.
            if (property.current_options && !property.secret)
                return new TextChoicesEditor(property, parent);
            return new TextEditor(property, parent);
        case lm::PropertyType::path:
            return new PathEditor(property, parent);
        case lm::PropertyType::color:
            return new ColorEditor(property, parent);
        case lm::PropertyType::list:
            return new ListEditor(property, parent);
    }
    // A type this UI does not know yet (a newer plugin): a text field still shows the value.
    return new TextEditor(property, parent);
}

// Empty when apply_schema accepts `settings` for `schema`, else its message.
QString rejection(const lm::PropertySchema& schema, const nlohmann::json& settings) {
    try {
        lm::apply_schema(schema, settings);
        return {};
    } catch (const std::invalid_argument& error) {
        return QString::fromUtf8(error.what());
    }
}

}  // namespace

PropertiesForm::PropertiesForm(const lm::PropertySchema& schema, const nlohmann::json& settings,
                               QWidget* parent)
    : QWidget(parent), schema_(schema), error_label_(new QLabel(this)) {
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (const lm::Property& property : schema_) {
        PropertyEditor* editor = make_editor(property, this);
        auto* label = new QLabel(
            QString::fromStdString(property.label.empty() ? property.key : property.label), this);
        label->setToolTip(editor->toolTip());
        label->setBuddy(editor->main_widget());
        form->addRow(label, editor);
        editors_.push_back(editor);
        connect(editor, &PropertyEditor::edited, this, &PropertiesForm::editor_edited);
    }

    error_label_->setObjectName("error");
    error_label_->setWordWrap(true);
    error_label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette palette = error_label_->palette();
    palette.setColor(QPalette::WindowText, PropertyEditor::error_color());
    error_label_->setPalette(palette);
    error_label_->hide();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(error_label_);
    layout->addStretch(1);

    set_settings(settings);
}

nlohmann::json PropertiesForm::settings() const {
    nlohmann::json result = base_;
    for (const PropertyEditor* editor : editors_) {
        const std::string& key = editor->property().key;
        nlohmann::json value = editor->value();
        if (value.is_null())
            result.erase(key);
        else
            result[key] = std::move(value);
    }
    return result;
}

void PropertiesForm::set_settings(const nlohmann::json& settings) {
    // Anything but an object has no keys to show; apply_schema's message then says so.
    base_ = settings.is_object() ? settings : nlohmann::json::object();
    for (PropertyEditor* editor : editors_) {
        const lm::Property& property = editor->property();
        const auto found = base_.find(property.key);
        // What apply_schema would fill in for a missing or null value: the default.
        const bool is_set = found != base_.end() && !found->is_null();
        editor->set_value(is_set ? *found : property.default_value);
    }
    validate();
    if (!settings.is_object() && !settings.is_null()) {
        error_ = rejection(schema_, settings);
        error_label_->setText(error_);
        error_label_->setVisible(!error_.isEmpty());
    }
}

void PropertiesForm::restore_defaults() {
    for (PropertyEditor* editor : editors_)
        editor->set_value(editor->property().default_value);
    editor_edited();
}

void PropertiesForm::set_file_picker(const FilePicker& picker) {
    for (PropertyEditor* editor : editors_) {
        if (auto* path = qobject_cast<PathEditor*>(editor))
            path->set_picker(picker);
    }
}

void PropertiesForm::set_color_picker(const ColorPicker& picker) {
    for (PropertyEditor* editor : editors_) {
        if (auto* color = qobject_cast<ColorEditor*>(editor))
            color->set_picker(picker);
    }
}

void PropertiesForm::editor_edited() {
    validate();
    emit settingsChanged();
}

void PropertiesForm::validate() {
    const nlohmann::json current = settings();
    error_ = rejection(schema_, current);
    // apply_schema stops at the first bad value; each editor is checked alone so that every
    // offending field is marked, not only the first.
    for (PropertyEditor* editor : editors_) {
        const lm::Property& property = editor->property();
        const auto found = current.find(property.key);
        nlohmann::json single = nlohmann::json::object();
        if (found != current.end())
            single[property.key] = *found;
        editor->set_invalid(!rejection({property}, single).isEmpty());
    }
    error_label_->setText(error_);
    error_label_->setVisible(!error_.isEmpty());
}

}  // namespace lm::ui
