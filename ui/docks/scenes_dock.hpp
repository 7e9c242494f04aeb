// The "Scenes" dock: the show's scenes in order, the current one selected, with a toolbar and
// a context menu to add, duplicate, rename, remove and reorder them.
#pragma once

#include <QDockWidget>

#include "ui/docks/dock_prompts.hpp"
#include "ui/docks/dock_toolbar.hpp"

class QAction;
class QListWidget;
class QListWidgetItem;
class QMenu;

namespace lm::ui {

class StudioController;

/// Every edit goes through the controller; the list follows the controller's scenesChanged and
/// currentSceneChanged, so edits made elsewhere (remote control, a menu) show up here too.
/// Clicking a scene makes it current. F2 or a double-click renames it inline. UI thread only.
class ScenesDock : public QDockWidget {
    Q_OBJECT

public:
    /// objectName "scenesDock" (saved window layouts find it by that name). `controller` must
    /// outlive the dock.
    explicit ScenesDock(StudioController& controller, QWidget* parent = nullptr);

    /// Replaces the "Remove scene?" question (a QMessageBox by default).
    void set_confirm(ConfirmPrompt confirm);

    /// objectName "sceneList": one row per scene, in the controller's order.
    QListWidget* list() const { return list_; }
    /// objectName "scenesToolbar": add, remove, move up, move down.
    QToolBar* toolbar() const { return toolbar_; }

    /// Adds a scene named "Scene" (made unique) after the current one, makes it current and
    /// opens its name for editing.
    void add_scene();
    /// Copies the current scene (its items share their sources) and makes the copy current.
    void duplicate_scene();
    /// Opens the current scene's name for editing.
    void rename_scene();
    /// Asks, then removes the current scene; refused (with a message) for the last scene.
    void remove_scene();
    /// Moves the current scene one row up (delta -1) or down (+1); nothing at either end.
    void move_scene(int delta);

    /// A new context menu for the current scene: Add, Duplicate, Rename, Remove, Move Up, Move
    /// Down, each enabled only when it can do something. The caller owns it.
    QMenu* make_context_menu(QWidget* parent);

signals:
    /// Something the user should read in the status bar ("A scene named 'Live' already
    /// exists.").
    void message(const QString& text);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    /// Brings the rows, the selection and the actions' states up to date with the controller.
    void sync();
    void row_chosen(int row);
    void row_renamed(QListWidgetItem* item);
    void show_context_menu(const QPoint& position);
    int current_row() const;

    StudioController& controller_;
    ConfirmPrompt confirm_;
    QListWidget* list_;
    DockToolbar* toolbar_;
    QAction* add_action_;
    QAction* duplicate_action_;
    QAction* rename_action_;
    QAction* remove_action_;
    QAction* up_action_;
    QAction* down_action_;
};

}  // namespace lm::ui
