// The "Sources" dock: the items of the current scene, top first, each with its name, an eye
// and a padlock; a toolbar and a context menu to add, remove, rename, reorder, hide, lock and
// configure them.
#pragma once

#include <QDockWidget>

#include <optional>
#include <string>
#include <vector>

#include "ui/docks/dock_prompts.hpp"
#include "ui/docks/dock_toolbar.hpp"

class QAction;
class QListWidget;
class QMenu;

namespace lm {
struct SourceType;
}

namespace lm::ui {

class SourceRow;
class StudioController;
struct ItemView;

/// Every edit goes through the controller; the rows follow its itemsChanged and
/// currentSceneChanged, keeping the selection while the selected item still exists. The
/// questions it asks (confirm, name, properties dialog) are replaceable so tests never block.
/// F2 or a double-click renames inline, Delete removes. UI thread only.
class SourcesDock : public QDockWidget {
    Q_OBJECT

public:
    /// Where move_selected() moves the selected item. "Up" is towards the top of the list,
    /// i.e. drawn above more of the scene.
    enum class Move { up = 1, down, to_top, to_bottom };

    /// objectName "sourcesDock". `controller` must outlive the dock.
    explicit SourcesDock(StudioController& controller, QWidget* parent = nullptr);

    /// Replaces the "Remove source?" question (a QMessageBox by default).
    void set_confirm(ConfirmPrompt confirm);
    /// Replaces the name question of a new source (a QInputDialog by default).
    void set_name_prompt(NamePrompt prompt);
    /// Replaces how the properties dialogs are run (QDialog::exec by default).
    void set_dialog_runner(DialogRunner runner);

    /// objectName "sourceList": one row per item, top item first; each row's widget is a
    /// SourceRow.
    QListWidget* list() const { return list_; }
    /// objectName "sourcesToolbar": add, remove, properties, filters, move up, move down.
    QToolBar* toolbar() const { return toolbar_; }
    /// objectName "addSourceMenu": one action per source type (its display name; data: its
    /// id), behind the toolbar's + and the context menu's Add.
    QMenu* add_menu() const { return add_menu_; }
    /// The row showing `item_id`, or null.
    SourceRow* row_of(int item_id) const;

    /// The selected item's id, if any.
    std::optional<int> selected_item() const;
    /// Selects `item_id` (an id not in the current scene clears the selection). Emits
    /// itemSelected when this changes the selection.
    void select_item(int item_id);

    /// Asks for a name, then runs the properties dialog with the type's defaults; OK adds the
    /// source on top of the current scene and selects it. A refusal is shown in the dialog.
    void add_source(const std::string& type_id);
    /// Asks, then removes the selected item from the scene.
    void remove_selected();
    /// Opens the selected item's name for editing.
    void rename_selected();
    void move_selected(Move where);
    void toggle_selected_visible();
    void toggle_selected_locked();
    /// The properties dialog of the selected item's source, applying every edit live; Cancel
    /// restores the settings it opened with.
    void show_properties();

    /// Asks the window for the selected item's Filters dialog (filtersRequested).
    void show_filters();

    /// A new context menu for the selected item: Add ▸, Rename, Remove, Order ▸ (Move Up, Move
    /// Down, To Top, To Bottom), Hide/Show, Lock/Unlock, Properties, Filters. The caller owns
    /// it.
    QMenu* make_context_menu(QWidget* parent);

signals:
    /// The selection changed (by the user or select_item); 0 when nothing is selected.
    void itemSelected(int item_id);
    /// Something the user should read in the status bar.
    void message(const QString& text);
    /// The Filters button or menu entry was chosen for item `item_id`: the window opens the
    /// source's Filters dialog (ui/filters, which builds on this folder's widgets).
    void filtersRequested(int item_id);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void build_toolbar();
    void fill_add_menu();
    /// Brings the rows up to date with the controller, keeping the selection.
    void sync();
    /// Shows each row's source status (polled: sources report from their own threads).
    void refresh_statuses();
    void rebuild(const std::vector<ItemView>& top_first);
    std::optional<ItemView> selected_view() const;
    void selection_changed();
    void update_actions();
    void row_renamed(int item_id, const QString& name);
    const lm::SourceType* type_of(const std::string& type_id) const;

    StudioController& controller_;
    ConfirmPrompt confirm_;
    NamePrompt name_prompt_;
    DialogRunner dialog_runner_;
    QListWidget* list_;
    DockToolbar* toolbar_;
    QMenu* add_menu_;
    QAction* add_action_;
    QAction* remove_action_;
    QAction* rename_action_;
    QAction* up_action_;
    QAction* down_action_;
    QAction* top_action_;
    QAction* bottom_action_;
    QAction* visible_action_;
    QAction* lock_action_;
    QAction* properties_action_;
    QAction* filters_action_;
    int selected_ = 0;  ///< the last selection announced by itemSelected, 0 for none
};

}  // namespace lm::ui
