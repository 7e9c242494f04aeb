#include "ui/docks/sources_dock.hpp"

#include <QAction>
#include <QEvent>
#include <QKeyEvent>
#include <QListWidget>
#include <QMenu>
#include <QSignalBlocker>
#include <QTimer>
#include <QToolButton>

#include <algorithm>
#include <utility>

#include "core/plugin/plugin_registry.hpp"
#include "ui/docks/dock_icons.hpp"
#include "ui/docks/source_properties_dialog.hpp"
#include "ui/docks/source_row.hpp"
#include "ui/model/studio_controller.hpp"

namespace lm::ui {
namespace {

constexpr int kIdRole = Qt::UserRole;

}  // namespace

SourcesDock::SourcesDock(StudioController& controller, QWidget* parent)
    : QDockWidget(tr("Sources"), parent),
      controller_(controller),
      confirm_(message_box_confirm(this)),
      name_prompt_(input_dialog_name(this)),
      dialog_runner_(exec_dialog_runner()),
      list_(new QListWidget(this)),
      toolbar_(new DockToolbar(QStringLiteral("sourcesToolbar"), this)),
      add_menu_(new QMenu(this)) {
    setObjectName(QStringLiteral("sourcesDock"));

    list_->setObjectName(QStringLiteral("sourceList"));
    list_->setSelectionMode(QAbstractItemView::SingleSelection);
    list_->setEditTriggers(QAbstractItemView::NoEditTriggers);  // rows rename themselves
    list_->setContextMenuPolicy(Qt::CustomContextMenu);
    list_->installEventFilter(this);

    add_menu_->setObjectName(QStringLiteral("addSourceMenu"));
    add_menu_->setTitle(tr("Add"));
    // Rebuilt on each opening, so types a plugin registers later are offered too.
    connect(add_menu_, &QMenu::aboutToShow, this, &SourcesDock::fill_add_menu);
    fill_add_menu();

    add_action_ = make_dock_action(this, "addSource", tr("Add"));
    add_action_->setMenu(add_menu_);
    remove_action_ = make_dock_action(this, "removeSource", tr("Remove"));
    rename_action_ = make_dock_action(this, "renameSource", tr("Rename"));
    up_action_ = make_dock_action(this, "moveSourceUp", tr("Move Up"));
    down_action_ = make_dock_action(this, "moveSourceDown", tr("Move Down"));
    top_action_ = make_dock_action(this, "moveSourceToTop", tr("To Top"));
    bottom_action_ = make_dock_action(this, "moveSourceToBottom", tr("To Bottom"));
    visible_action_ = make_dock_action(this, "toggleSourceVisible", tr("Hide"));
    lock_action_ = make_dock_action(this, "toggleSourceLocked", tr("Lock"));
    properties_action_ = make_dock_action(this, "sourceProperties", tr("Properties"));
    filters_action_ = make_dock_action(this, "sourceFilters", tr("Filters"));
    connect(remove_action_, &QAction::triggered, this, &SourcesDock::remove_selected);
    connect(rename_action_, &QAction::triggered, this, &SourcesDock::rename_selected);
    connect(up_action_, &QAction::triggered, this, [this] { move_selected(Move::up); });
    connect(down_action_, &QAction::triggered, this, [this] { move_selected(Move::down); });
    connect(top_action_, &QAction::triggered, this, [this] { move_selected(Move::to_top); });
    connect(bottom_action_, &QAction::triggered, this, [this] { move_selected(Move::to_bottom); });
    connect(visible_action_, &QAction::triggered, this, &SourcesDock::toggle_selected_visible);
    connect(lock_action_, &QAction::triggered, this, &SourcesDock::toggle_selected_locked);
    connect(properties_action_, &QAction::triggered, this, &SourcesDock::show_properties);
    connect(filters_action_, &QAction::triggered, this, &SourcesDock::show_filters);
    build_toolbar();
    set_list_body(*this, list_, toolbar_);

    connect(list_, &QListWidget::itemSelectionChanged, this, &SourcesDock::selection_changed);
    connect(list_, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem* item) {
        select_item(item->data(kIdRole).toInt());
        rename_selected();
    });
    connect(list_, &QListWidget::customContextMenuRequested, this,
            [this](const QPoint& at) { popup_context_menu(make_context_menu(this), list_, at); });
    // Half a second is quick enough to see a file go missing or a device come back.
    auto* status_timer = new QTimer(this);
    connect(status_timer, &QTimer::timeout, this, &SourcesDock::refresh_statuses);
    status_timer->start(500);
    connect(&controller_, &StudioController::itemsChanged, this, &SourcesDock::sync);
    connect(&controller_, &StudioController::currentSceneChanged, this, &SourcesDock::sync);
    sync();
}

void SourcesDock::set_confirm(ConfirmPrompt confirm) {
    confirm_ = std::move(confirm);
}

void SourcesDock::set_name_prompt(NamePrompt prompt) {
    name_prompt_ = std::move(prompt);
}

void SourcesDock::set_dialog_runner(DialogRunner runner) {
    dialog_runner_ = std::move(runner);
}

void SourcesDock::build_toolbar() {
    toolbar_->add_action(add_action_, add_icon);
    if (auto* button = qobject_cast<QToolButton*>(toolbar_->widgetForAction(add_action_)))
        button->setPopupMode(QToolButton::InstantPopup);
    toolbar_->add_action(remove_action_, remove_icon);
    toolbar_->add_action(properties_action_, properties_icon);
    toolbar_->add_action(filters_action_, filters_icon);
    toolbar_->addSeparator();
    toolbar_->add_action(up_action_, up_icon);
    toolbar_->add_action(down_action_, down_icon);
}

void SourcesDock::fill_add_menu() {
    add_menu_->clear();
    for (const lm::SourceType* type : controller_.source_types()) {
        QAction* action = add_menu_->addAction(QString::fromStdString(type->display_name));
        action->setData(QString::fromStdString(type->id));
        connect(action, &QAction::triggered, this, [this, id = type->id] { add_source(id); });
    }
}

bool SourcesDock::eventFilter(QObject* watched, QEvent* event) {
    if (watched == list_ && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Delete) {
            remove_selected();
            return true;
        }
        if (key == Qt::Key_F2) {
            rename_selected();
            return true;
        }
    }
    return QDockWidget::eventFilter(watched, event);
}

SourceRow* SourcesDock::row_of(int item_id) const {
    for (int row = 0; row < list_->count(); ++row) {
        QListWidgetItem* item = list_->item(row);
        if (item->data(kIdRole).toInt() == item_id)
            return qobject_cast<SourceRow*>(list_->itemWidget(item));
    }
    return nullptr;
}

const lm::SourceType* SourcesDock::type_of(const std::string& type_id) const {
    for (const lm::SourceType* type : controller_.source_types()) {
        if (type->id == type_id)
            return type;
    }
    return nullptr;
}

void SourcesDock::sync() {
    std::vector<ItemView> top_first = controller_.items();
    std::reverse(top_first.begin(), top_first.end());
    bool same_rows = list_->count() == static_cast<int>(top_first.size());
    for (int row = 0; same_rows && row < list_->count(); ++row)
        same_rows = list_->item(row)->data(kIdRole).toInt() == top_first[row].id;
    if (same_rows) {
        // In place: a toggle or a rename arrives here from inside the row's own signal, and
        // an open rename editor survives an unrelated change.
        for (int row = 0; row < list_->count(); ++row) {
            if (auto* source_row = qobject_cast<SourceRow*>(list_->itemWidget(list_->item(row))))
                source_row->update_from(top_first[row]);
        }
    } else {
        rebuild(top_first);
    }
    refresh_statuses();
    selection_changed();
}

void SourcesDock::refresh_statuses() {
    for (int row = 0; row < list_->count(); ++row) {
        if (auto* source_row = qobject_cast<SourceRow*>(list_->itemWidget(list_->item(row))))
            source_row->show_status(controller_.source_status(source_row->item_id()));
    }
}

void SourcesDock::rebuild(const std::vector<ItemView>& top_first) {
    const QSignalBlocker blocker(list_);
    list_->clear();
    for (const ItemView& view : top_first) {
        auto* item = new QListWidgetItem(list_);
        item->setData(kIdRole, view.id);
        auto* row = new SourceRow(view);
        item->setSizeHint(row->sizeHint());
        list_->setItemWidget(item, row);
        connect(row, &SourceRow::visibleToggled, &controller_, &StudioController::set_item_visible);
        connect(row, &SourceRow::lockToggled, &controller_, &StudioController::set_item_locked);
        connect(row, &SourceRow::renameRequested, this, &SourcesDock::row_renamed);
        if (view.id == selected_)
            item->setSelected(true);
    }
    if (QListWidgetItem* selected = list_->selectedItems().value(0))
        list_->setCurrentItem(selected);
}

std::optional<int> SourcesDock::selected_item() const {
    const QList<QListWidgetItem*> selected = list_->selectedItems();
    if (selected.isEmpty())
        return std::nullopt;
    return selected.front()->data(kIdRole).toInt();
}

void SourcesDock::select_item(int item_id) {
    {
        const QSignalBlocker blocker(list_);
        list_->clearSelection();
        for (int row = 0; row < list_->count(); ++row) {
            QListWidgetItem* item = list_->item(row);
            if (item->data(kIdRole).toInt() == item_id) {
                list_->setCurrentItem(item);
                list_->scrollToItem(item);
                break;
            }
        }
    }
    selection_changed();
}

std::optional<ItemView> SourcesDock::selected_view() const {
    const std::optional<int> id = selected_item();
    return id ? controller_.item(*id) : std::nullopt;
}

void SourcesDock::selection_changed() {
    update_actions();
    const int now = selected_item().value_or(0);
    if (now == selected_)
        return;
    selected_ = now;
    emit itemSelected(now);
}

void SourcesDock::update_actions() {
    const std::optional<ItemView> view = selected_view();
    // The list is in step with the controller here: row 0 is the top item.
    const QList<QListWidgetItem*> selected = list_->selectedItems();
    const int row = selected.isEmpty() ? -1 : list_->row(selected.front());
    const bool movable_up = view && row > 0;
    const bool movable_down = view && row >= 0 && row < list_->count() - 1;
    for (QAction* action : {remove_action_, rename_action_, visible_action_, lock_action_,
                            properties_action_, filters_action_})
        action->setEnabled(view.has_value());
    up_action_->setEnabled(movable_up);
    top_action_->setEnabled(movable_up);
    down_action_->setEnabled(movable_down);
    bottom_action_->setEnabled(movable_down);
    visible_action_->setText(view && !view->visible ? tr("Show") : tr("Hide"));
    lock_action_->setText(view && view->locked ? tr("Unlock") : tr("Lock"));
}

void SourcesDock::row_renamed(int item_id, const QString& name) {
    SourceRow* row = row_of(item_id);
    if (row == nullptr || name == row->name())
        return;
    if (!controller_.rename_source(item_id, name))
        emit message(name.isEmpty() ? tr("A source needs a name.")
                                    : tr("A source named '%1' already exists.").arg(name));
}

void SourcesDock::add_source(const std::string& type_id) {
    const lm::SourceType* type = type_of(type_id);
    if (type == nullptr || !name_prompt_)
        return;
    const QString display_name = QString::fromStdString(type->display_name);
    const std::optional<QString> name =
        name_prompt_(tr("Add %1").arg(display_name), controller_.unique_source_name(display_name));
    if (!name)
        return;
    nlohmann::json defaults = nlohmann::json::object();
    try {
        defaults = lm::apply_schema(type->properties, defaults);
    } catch (const std::invalid_argument&) {
        // A property without a usable default: the form marks it for the user to fill in.
    }
    std::optional<int> added;
    SourcePropertiesDialog dialog(
        *name, type->properties, defaults, {},
        [&](const nlohmann::json& settings) {
            added = controller_.add_source(type_id, *name, settings);
        },
        this);
    dialog_runner_(dialog);
    if (added)
        select_item(*added);
}

void SourcesDock::remove_selected() {
    const std::optional<ItemView> view = selected_view();
    if (!view)
        return;
    const QString name = QString::fromStdString(view->source_name);
    if (confirm_ && !confirm_(tr("Remove '%1' from this scene?").arg(name)))
        return;
    controller_.remove_item(view->id);
}

void SourcesDock::rename_selected() {
    const std::optional<int> id = selected_item();
    if (SourceRow* row = id ? row_of(*id) : nullptr)
        row->start_rename();
}

void SourcesDock::move_selected(Move where) {
    const std::optional<int> id = selected_item();
    if (!id)
        return;
    const std::vector<ItemView> items = controller_.items();  // bottom first
    const auto at = std::find_if(items.begin(), items.end(),
                                 [&](const ItemView& item) { return item.id == *id; });
    if (at == items.end())
        return;
    const int index = static_cast<int>(at - items.begin());
    const int last = static_cast<int>(items.size()) - 1;
    const int target = where == Move::up       ? std::min(index + 1, last)
                       : where == Move::down   ? std::max(index - 1, 0)
                       : where == Move::to_top ? last
                                               : 0;
    if (target != index)
        controller_.move_item(*id, target);
}

void SourcesDock::toggle_selected_visible() {
    if (const std::optional<ItemView> view = selected_view())
        controller_.set_item_visible(view->id, !view->visible);
}

void SourcesDock::toggle_selected_locked() {
    if (const std::optional<ItemView> view = selected_view())
        controller_.set_item_locked(view->id, !view->locked);
}

void SourcesDock::show_properties() {
    const std::optional<ItemView> view = selected_view();
    if (!view)
        return;
    const lm::SourceType* type = type_of(view->source_type);
    const int item_id = view->id;
    SourcePropertiesDialog dialog(
        QString::fromStdString(view->source_name),
        type != nullptr ? type->properties : lm::PropertySchema{},
        controller_.source_settings(item_id),
        [this, item_id](const nlohmann::json& settings) {
            controller_.set_source_settings(item_id, settings);
        },
        {}, this);
    dialog_runner_(dialog);
    if (!dialog.error().isEmpty())
        emit message(dialog.error());
}

void SourcesDock::show_filters() {
    if (const std::optional<int> id = selected_item())
        emit filtersRequested(*id);
}

QMenu* SourcesDock::make_context_menu(QWidget* parent) {
    auto* menu = new QMenu(parent);
    menu->setObjectName(QStringLiteral("sourceContextMenu"));
    menu->addMenu(add_menu_);
    menu->addSeparator();
    menu->addAction(rename_action_);
    menu->addAction(remove_action_);
    QMenu* order = menu->addMenu(tr("Order"));
    order->setObjectName(QStringLiteral("sourceOrderMenu"));
    order->addActions({up_action_, down_action_, top_action_, bottom_action_});
    menu->addSeparator();
    menu->addAction(visible_action_);
    menu->addAction(lock_action_);
    menu->addSeparator();
    menu->addAction(properties_action_);
    menu->addAction(filters_action_);
    return menu;
}

}  // namespace lm::ui
