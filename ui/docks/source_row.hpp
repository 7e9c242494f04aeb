// One row of the sources dock: the source's name, then an eye (shown/hidden) and a padlock
// (locked/unlocked) toggle; the name turns into a line edit while being renamed.
#pragma once

#include <QString>
#include <QWidget>

#include "core/scene/source_status.hpp"

class QLabel;
class QLineEdit;

namespace lm::ui {

class IconToggle;
struct ItemView;

/// Shows one scene item and reports what the user asks of it; it changes nothing by itself:
/// the dock applies the request to the controller, which then calls update_from(). Clicks on
/// the name fall through to the list, so selecting and double-clicking work as on any row.
class SourceRow : public QWidget {
    Q_OBJECT

public:
    explicit SourceRow(const ItemView& item, QWidget* parent = nullptr);

    int item_id() const { return item_id_; }
    QString name() const { return name_; }

    /// Shows the item as it now is. Leaves an open rename editor alone.
    void update_from(const ItemView& item);
    /// A warning or error sign before the name, its message as tooltip; nothing when ok.
    void show_status(const SourceStatus& status);
    /// objectName "statusIcon"; hidden while the source is fine.
    QLabel* status_icon() const { return status_icon_; }
    /// Replaces the name with a line edit (objectName "renameEditor"), all selected and
    /// focused. Enter or leaving it asks for the rename; Esc cancels.
    void start_rename();
    bool renaming() const;

    /// objectNames "visibleToggle" and "lockToggle"; checked = shown / locked.
    IconToggle* visible_toggle() const { return visible_; }
    IconToggle* lock_toggle() const { return lock_; }

signals:
    void visibleToggled(int item_id, bool visible);
    void lockToggled(int item_id, bool locked);
    /// The user finished editing the name (trimmed; may be empty or unchanged).
    void renameRequested(int item_id, const QString& name);

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void finish_rename(bool commit);
    void show_states(bool visible, bool locked);
    /// Paints the toggles in the row's text colour.
    void apply_icons();

    int item_id_;
    QString name_;
    QLabel* status_icon_;
    SourceStatus status_;
    QLabel* label_;
    QLineEdit* editor_ = nullptr;  ///< only while renaming
    IconToggle* visible_;
    IconToggle* lock_;
};

}  // namespace lm::ui
