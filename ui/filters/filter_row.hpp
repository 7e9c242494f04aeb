// One row of the Filters dialog's list: an eye (enabled / disabled), the filter's name and,
// when the filter has a problem, a warning sign with the problem in words under the name.
#pragma once

#include <QString>
#include <QWidget>

#include "core/scene/source_status.hpp"

class QLabel;

namespace lm::ui {

class IconToggle;

/// Shows one filter and reports a click on its eye; it changes nothing by itself (the dialog
/// edits the chain, then calls show_filter()). Clicks on the name fall through to the list,
/// so selecting works as on any row.
class FilterRow : public QWidget {
    Q_OBJECT

public:
    FilterRow(const QString& name, bool enabled, QWidget* parent = nullptr);

    /// Shows the name and the eye's state (not a user click: enabledToggled is not emitted).
    void show_filter(const QString& name, bool enabled);
    /// A warning or error sign and the message (objectName "statusText") under the name;
    /// nothing when ok.
    void show_status(const SourceStatus& status);
    const SourceStatus& status() const { return status_; }

    /// objectName "enabledToggle"; checked = the filter is applied.
    IconToggle* enabled_toggle() const { return enabled_; }
    QLabel* name_label() const { return name_; }
    QLabel* status_text() const { return status_text_; }

signals:
    /// The user clicked the eye.
    void enabledToggled(bool enabled);

protected:
    void changeEvent(QEvent* event) override;

private:
    void apply_icons();

    IconToggle* enabled_;
    QLabel* status_icon_;
    QLabel* name_;
    QLabel* status_text_;
    SourceStatus status_;
};

}  // namespace lm::ui
