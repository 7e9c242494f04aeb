// The Filters dialog of a source, as in OBS: the source's filters in the order they apply,
// each with an eye and its status, a toolbar to add (the types that fit the source), remove,
// rename and reorder them, and the selected filter's properties form beside the list.
#pragma once

#include <QDialog>
#include <QString>

#include <optional>
#include <string>
#include <vector>

#include "core/scene/scene_collection.hpp"
#include "ui/docks/dock_prompts.hpp"
#include "ui/filters/filter_chain.hpp"

class QAction;
class QLabel;
class QListWidget;
class QMenu;
class QScrollArea;

namespace lm::ui {

class DockToolbar;
class FilterRow;
class PropertiesForm;
class StudioController;

/// Every change is applied at once through the controller (the program shows it while the
/// dialog is open; the collection keeps it). "Close" (and the window's close button) keeps what
/// was applied; "Cancel" (and Esc) puts back the filters the source had when the dialog opened.
/// The engine's refusal of an edit (a setting a filter type rejects) is shown under the form
/// (QLabel "applyError"). Each row shows its filter's status, polled twice a second since a
/// filter's file is watched on its own thread. UI thread only.
class FiltersDialog : public QDialog {
    Q_OBJECT

public:
    /// `controller` must outlive the dialog; `item_id` is an item of its current scene. The
    /// dialog gives up (closes without restoring) when the item goes away.
    FiltersDialog(StudioController& controller, int item_id, QWidget* parent = nullptr);
    ~FiltersDialog() override;

    int item_id() const { return item_id_; }
    /// The filters as edited so far.
    const std::vector<FilterDescription>& filters() const { return chain_.filters(); }

    /// Replaces the name question of Rename (a QInputDialog by default).
    void set_name_prompt(NamePrompt prompt);

    /// objectName "filterList": one row per filter, first applied on top; each row's widget
    /// is a FilterRow.
    QListWidget* list() const { return list_; }
    FilterRow* row(int index) const;
    /// objectName "addFilterMenu": one action per filter type that fits the source (its
    /// display name; data: its id).
    QMenu* add_menu() const { return add_menu_; }
    /// The selected filter's form (objectName "filterProperties"), or null.
    PropertiesForm* form() const { return form_; }
    /// The engine's last refusal, empty when the last edit applied.
    QString error() const { return error_; }

    /// The selected filter's index, or -1.
    int selected_index() const;
    void select(int index);

    /// Appends a filter of type `type_id` with its defaults, applies it and selects it.
    void add_filter(const std::string& type_id);
    void remove_selected();
    /// Asks for a new name; a taken or empty one is refused with a note under the form.
    void rename_selected();
    /// -1: one place earlier (up), +1: later (down).
    void move_selected(int offset);
    void set_filter_enabled(int index, bool enabled);

    /// Close: keeps every change.
    void accept() override;
    /// Cancel: restores the filters the source had when the dialog opened.
    void reject() override;

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void build_actions();
    void fill_add_menu();
    void rebuild_rows(int select_index);
    void refresh_statuses();
    void show_selected();
    void form_changed();
    void update_actions();
    void show_error(const QString& error);
    /// Sends the chain to the controller; a refusal is shown, the chain keeps the edit.
    void apply();
    void item_changed();

    StudioController& controller_;
    const int item_id_;
    unsigned capabilities_ = 0;
    const std::vector<FilterDescription> original_;
    FilterChain chain_;
    bool applied_ = false;  // something was sent to the controller
    bool finished_ = false;
    NamePrompt name_prompt_;
    QListWidget* list_;
    DockToolbar* toolbar_;
    QMenu* add_menu_;
    QAction* add_action_ = nullptr;
    QAction* remove_action_ = nullptr;
    QAction* rename_action_ = nullptr;
    QAction* up_action_ = nullptr;
    QAction* down_action_ = nullptr;
    QScrollArea* form_area_;
    QLabel* selection_hint_;
    QLabel* error_label_;
    PropertiesForm* form_ = nullptr;
    QString error_;
};

}  // namespace lm::ui
