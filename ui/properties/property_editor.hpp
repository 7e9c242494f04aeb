// The base of the editors a PropertiesForm puts in its rows: one editor per property, showing
// one JSON value and reporting user edits.
#pragma once

#include <QColor>
#include <QWidget>
#include <nlohmann/json.hpp>

#include <optional>

#include "core/scene/properties.hpp"

namespace lm::ui {

/// Shows and edits the value of one property. The main widget (the one a user types into or
/// clicks) is named after the property key, so tests and UI automation find it by key.
///
/// A value the widget cannot show exactly (a list value that is not an option, a string in a
/// number field, an integer outside the spin box) is kept as it was and returned by value()
/// until the user edits the field: opening and closing a dialog never silently rewrites a
/// setting. Whether the value is valid is the form's business (apply_schema), not the editor's.
class PropertyEditor : public QWidget {
    Q_OBJECT

public:
    explicit PropertyEditor(lm::Property property, QWidget* parent = nullptr);

    const lm::Property& property() const { return property_; }

    /// The value shown, or the value that was set if the widget could not show it exactly.
    /// Null means "not set".
    nlohmann::json value() const;

    /// Shows `value` (null: not set). Not a user edit: edited() is not emitted.
    void set_value(const nlohmann::json& value);

    /// Marks the editor as holding an invalid value: the dynamic property "invalid" on this and
    /// on main_widget(), and an error tint on the main widget's background.
    void set_invalid(bool invalid);
    bool is_invalid() const { return invalid_; }

    /// The widget a user edits (named after the key; the row label's buddy).
    virtual QWidget* main_widget() const = 0;

    /// The colour for "this is wrong", the one fixed colour the properties UI uses.
    static QColor error_color();

signals:
    /// The user changed the value (typing, toggling, choosing, a picker).
    void edited();

protected:
    /// Shows `value`; returns false when the widget cannot represent it exactly (value() then
    /// keeps returning `value` until the user edits).
    virtual bool show_value(const nlohmann::json& value) = 0;

    /// The value the widget shows.
    virtual nlohmann::json read_value() const = 0;

    /// Subclasses call this from their widgets' change signals; changes made by set_value()
    /// are ignored.
    void widget_changed();

private:
    lm::Property property_;
    std::optional<nlohmann::json> kept_;  ///< a value the widget could not show
    bool loading_ = false;
    bool invalid_ = false;
};

}  // namespace lm::ui
