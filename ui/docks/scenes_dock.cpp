#include "ui/docks/scenes_dock.hpp"

#include <QAction>
#include <QEvent>
#include <QKeyEvent>
#include <QListWidget>
#include <QMenu>
#include <QSignalBlocker>

#include <utility>

#include "ui/docks/dock_icons.hpp"
#include "ui/model/studio_controller.hpp"

namespace lm::ui {
namespace {

// The scene's name as the controller knows it, kept beside the (editable) text so a rename
// knows what it renames from.
constexpr int kNameRole = Qt::UserRole;

}  // namespace

ScenesDock::ScenesDock(StudioController& controller, QWidget* parent)
    : QDockWidget(tr("Scenes"), parent),
      controller_(controller),
      confirm_(message_box_confirm(this)),
      list_(new QListWidget(this)),
      toolbar_(new DockToolbar(QStringLiteral("scenesToolbar"), this)) {
    setObjectName(QStringLiteral("scenesDock"));

    list_->setObjectName(QStringLiteral("sceneList"));
    list_->setSelectionMode(QAbstractItemView::SingleSelection);
    list_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    list_->setContextMenuPolicy(Qt::CustomContextMenu);
    list_->installEventFilter(this);

    add_action_ = make_dock_action(this, "addScene", tr("Add"));
    duplicate_action_ = make_dock_action(this, "duplicateScene", tr("Duplicate"));
    rename_action_ = make_dock_action(this, "renameScene", tr("Rename"));
    remove_action_ = make_dock_action(this, "removeScene", tr("Remove"));
    up_action_ = make_dock_action(this, "moveSceneUp", tr("Move Up"));
    down_action_ = make_dock_action(this, "moveSceneDown", tr("Move Down"));
    connect(add_action_, &QAction::triggered, this, &ScenesDock::add_scene);
    connect(duplicate_action_, &QAction::triggered, this, &ScenesDock::duplicate_scene);
    connect(rename_action_, &QAction::triggered, this, &ScenesDock::rename_scene);
    connect(remove_action_, &QAction::triggered, this, &ScenesDock::remove_scene);
    connect(up_action_, &QAction::triggered, this, [this] { move_scene(-1); });
    connect(down_action_, &QAction::triggered, this, [this] { move_scene(+1); });

    toolbar_->add_action(add_action_, add_icon);
    toolbar_->add_action(remove_action_, remove_icon);
    toolbar_->addSeparator();
    toolbar_->add_action(up_action_, up_icon);
    toolbar_->add_action(down_action_, down_icon);
    set_list_body(*this, list_, toolbar_);

    connect(list_, &QListWidget::currentRowChanged, this, &ScenesDock::row_chosen);
    connect(list_, &QListWidget::itemChanged, this, &ScenesDock::row_renamed);
    connect(list_, &QListWidget::customContextMenuRequested, this, &ScenesDock::show_context_menu);
    connect(&controller_, &StudioController::scenesChanged, this, &ScenesDock::sync);
    connect(&controller_, &StudioController::currentSceneChanged, this, &ScenesDock::sync);
    sync();
}

void ScenesDock::set_confirm(ConfirmPrompt confirm) {
    confirm_ = std::move(confirm);
}

bool ScenesDock::eventFilter(QObject* watched, QEvent* event) {
    // Delete removes, as in the menu; the list's own F2 handling renames. A name being edited
    // keeps its Delete key: the editor, not the list, receives it.
    if (watched == list_ && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent*>(event)->key() == Qt::Key_Delete) {
        remove_scene();
        return true;
    }
    return QDockWidget::eventFilter(watched, event);
}

void ScenesDock::sync() {
    const QStringList names = controller_.scene_names();
    const int current = static_cast<int>(names.indexOf(controller_.current_scene()));
    {
        // Rows are updated in place rather than rebuilt: a rename arrives here from inside
        // the list's own itemChanged, where deleting the edited item is not allowed.
        const QSignalBlocker blocker(list_);
        while (list_->count() > names.size())
            delete list_->takeItem(list_->count() - 1);
        while (list_->count() < names.size()) {
            auto* item = new QListWidgetItem(list_);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable);
        }
        for (int row = 0; row < names.size(); ++row) {
            QListWidgetItem* item = list_->item(row);
            item->setText(names[row]);
            item->setData(kNameRole, names[row]);
        }
        list_->setCurrentRow(current);
    }
    const bool has_current = current >= 0;
    duplicate_action_->setEnabled(has_current);
    rename_action_->setEnabled(has_current);
    remove_action_->setEnabled(has_current && names.size() > 1);
    up_action_->setEnabled(current > 0);
    down_action_->setEnabled(has_current && current < names.size() - 1);
}

int ScenesDock::current_row() const {
    return static_cast<int>(controller_.scene_names().indexOf(controller_.current_scene()));
}

void ScenesDock::row_chosen(int row) {
    if (row < 0)
        return;
    controller_.set_current_scene(list_->item(row)->data(kNameRole).toString());
}

void ScenesDock::row_renamed(QListWidgetItem* item) {
    const QString from = item->data(kNameRole).toString();
    const QString to = item->text().trimmed();
    if (to == from) {
        if (item->text() != from) {
            const QSignalBlocker blocker(list_);
            item->setText(from);  // only spaces were added: show the name as it is kept
        }
        return;
    }
    if (controller_.rename_scene(from, to))
        return;
    {
        const QSignalBlocker blocker(list_);
        item->setText(from);
    }
    emit message(to.isEmpty() ? tr("A scene needs a name.")
                              : tr("A scene named '%1' already exists.").arg(to));
}

void ScenesDock::add_scene() {
    const QString name = controller_.add_scene(tr("Scene"));
    const int row = static_cast<int>(controller_.scene_names().indexOf(name));
    if (row < 0)
        return;
    list_->setFocus();
    list_->editItem(list_->item(row));
}

void ScenesDock::duplicate_scene() {
    const QString name = controller_.current_scene();
    if (!name.isEmpty())
        controller_.set_current_scene(controller_.duplicate_scene(name));
}

void ScenesDock::rename_scene() {
    const int row = current_row();
    if (row < 0)
        return;
    list_->setFocus();
    list_->editItem(list_->item(row));
}

void ScenesDock::remove_scene() {
    const QString name = controller_.current_scene();
    if (name.isEmpty())
        return;
    if (controller_.scene_names().size() <= 1) {
        emit message(tr("The last scene cannot be removed."));
        return;
    }
    if (confirm_ && !confirm_(tr("Remove scene '%1'?").arg(name)))
        return;
    controller_.remove_scene(name);
}

void ScenesDock::move_scene(int delta) {
    const int row = current_row();
    const int target = row + delta;
    if (row < 0 || target < 0 || target >= controller_.scene_names().size())
        return;
    controller_.move_scene(controller_.current_scene(), target);
}

QMenu* ScenesDock::make_context_menu(QWidget* parent) {
    auto* menu = new QMenu(parent);
    menu->setObjectName(QStringLiteral("sceneContextMenu"));
    menu->addAction(add_action_);
    menu->addAction(duplicate_action_);
    menu->addAction(rename_action_);
    menu->addAction(remove_action_);
    menu->addSeparator();
    menu->addAction(up_action_);
    menu->addAction(down_action_);
    return menu;
}

void ScenesDock::show_context_menu(const QPoint& position) {
    popup_context_menu(make_context_menu(this), list_, position);
}

}  // namespace lm::ui
