// A form generated from a PropertySchema: one labelled editor per property, validated with
// apply_schema as the user edits.
#pragma once

#include <QString>
#include <QWidget>
#include <nlohmann/json.hpp>

#include <vector>

#include "core/scene/properties.hpp"
#include "ui/properties/property_pickers.hpp"

class QLabel;

namespace lm::ui {

class PropertyEditor;

/// One row per property (label, tooltip = description) with the editor its type calls for:
/// boolean → QCheckBox, integer → QSpinBox, number → QDoubleSpinBox, text → QLineEdit (masked
/// with a "Show" button when secret; an editable QComboBox of its current choices when the
/// property has `current_options`, asked as the form is made), path → QLineEdit + "Browse…",
/// color → a swatch button, list → QComboBox. Each editor's widget is named after the key.
///
/// An invalid value (one apply_schema rejects) is shown inline: the error under the form and
/// the offending editors marked (dynamic property "invalid" = true, tinted), never a popup.
/// Lives on the UI thread, like every widget.
class PropertiesForm : public QWidget {
    Q_OBJECT

public:
    PropertiesForm(const lm::PropertySchema& schema, const nlohmann::json& settings,
                   QWidget* parent = nullptr);

    /// The edited values. Keys the schema does not name are kept as they came in; a property
    /// that is not set (null, no default) is left out.
    nlohmann::json settings() const;

    /// Shows `settings` in every editor. Not a user edit: settingsChanged() is not emitted.
    void set_settings(const nlohmann::json& settings);

    /// Sets every editor to its property's default value, as if the user had done it:
    /// settingsChanged() is emitted.
    void restore_defaults();

    /// Empty when apply_schema accepts settings(), else its message.
    QString error() const { return error_; }

    /// Replace the pickers "Browse…" and colour buttons open (tests, UI automation).
    void set_file_picker(const FilePicker& picker);
    void set_color_picker(const ColorPicker& picker);

signals:
    /// Every user edit: typing, toggling, choosing, a picker, restore_defaults(). error() is
    /// already up to date when it is emitted.
    void settingsChanged();

private:
    void editor_edited();
    void validate();

    lm::PropertySchema schema_;
    nlohmann::json base_;  ///< the settings last given, for the keys the schema does not name
    std::vector<PropertyEditor*> editors_;  ///< one per schema property, owned as children
    QLabel* error_label_;
    QString error_;
};

}  // namespace lm::ui
