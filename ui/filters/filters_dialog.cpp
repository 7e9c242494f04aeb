#include "ui/filters/filters_dialog.hpp"

#include <QAction>
#include <QCloseEvent>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <exception>
#include <utility>

#include "core/plugin/plugin_registry.hpp"
#include "ui/docks/dock_icons.hpp"
#include "ui/docks/dock_toolbar.hpp"
#include "ui/filters/filter_row.hpp"
#include "ui/model/studio_controller.hpp"
#include "ui/properties/properties_form.hpp"

namespace lm::ui {
namespace {

// Fixed because it carries meaning (an error), like the properties dialogs' error text.
const QColor kErrorColour(0xE0, 0x40, 0x40);

const FilterType* type_named(const StudioController& controller, const std::string& id) {
    for (const FilterType* type : controller.filter_types()) {
        if (type->id == id)
            return type;
    }
    return nullptr;
}

}  // namespace

FiltersDialog::FiltersDialog(StudioController& controller, int item_id, QWidget* parent)
    : QDialog(parent),
      controller_(controller),
      item_id_(item_id),
      original_(controller.source_filters(item_id)),
      chain_(original_),
      name_prompt_(input_dialog_name(this)),
      list_(new QListWidget(this)),
      toolbar_(new DockToolbar(QStringLiteral("filtersToolbar"), this)),
      add_menu_(new QMenu(this)),
      form_area_(new QScrollArea(this)),
      selection_hint_(new QLabel(this)),
      error_label_(new QLabel(this)) {
    const std::optional<ItemView> view = controller_.item(item_id_);
    capabilities_ = view ? view->capabilities : 0;
    setObjectName(QStringLiteral("filtersDialog"));
    setWindowTitle(
        tr("Filters for '%1'").arg(QString::fromStdString(view ? view->source_name : "")));
    resize(760, 480);

    list_->setObjectName(QStringLiteral("filterList"));
    list_->setSelectionMode(QAbstractItemView::SingleSelection);
    list_->setContextMenuPolicy(Qt::CustomContextMenu);
    add_menu_->setObjectName(QStringLiteral("addFilterMenu"));
    add_menu_->setTitle(tr("Add"));
    fill_add_menu();
    build_actions();

    form_area_->setObjectName(QStringLiteral("filterPropertiesArea"));
    form_area_->setWidgetResizable(true);
    form_area_->setFrameShape(QFrame::NoFrame);
    selection_hint_->setObjectName(QStringLiteral("selection_hint"));
    selection_hint_->setAlignment(Qt::AlignCenter);
    selection_hint_->setWordWrap(true);
    error_label_->setObjectName(QStringLiteral("applyError"));
    error_label_->setWordWrap(true);
    error_label_->setTextFormat(Qt::PlainText);
    QPalette palette = error_label_->palette();
    palette.setColor(QPalette::WindowText, kErrorColour);
    error_label_->setPalette(palette);
    error_label_->hide();

    auto* buttons = new QDialogButtonBox(this);
    QPushButton* defaults = buttons->addButton(tr("Defaults"), QDialogButtonBox::ResetRole);
    defaults->setObjectName(QStringLiteral("defaults"));
    defaults->setAutoDefault(false);
    QPushButton* cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancel"));
    cancel->setAutoDefault(false);
    QPushButton* close = buttons->addButton(tr("Close"), QDialogButtonBox::AcceptRole);
    close->setObjectName(QStringLiteral("close"));
    connect(defaults, &QPushButton::clicked, this, [this] {
        if (form_)
            form_->restore_defaults();
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &FiltersDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &FiltersDialog::reject);

    auto* left = new QVBoxLayout;
    left->setSpacing(0);
    left->addWidget(list_, 1);
    left->addWidget(toolbar_);
    auto* right = new QVBoxLayout;
    right->addWidget(selection_hint_, 1);
    right->addWidget(form_area_, 1);
    right->addWidget(error_label_);
    auto* columns = new QHBoxLayout;
    columns->addLayout(left, 2);
    columns->addLayout(right, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(buttons);

    connect(list_, &QListWidget::currentRowChanged, this, [this] {
        show_selected();
        update_actions();
    });
    connect(list_, &QListWidget::itemDoubleClicked, this, [this] { rename_selected(); });
    connect(list_, &QListWidget::customContextMenuRequested, this, [this](const QPoint& at) {
        auto* menu = new QMenu(this);
        menu->addMenu(add_menu_);
        menu->addSeparator();
        menu->addActions({rename_action_, remove_action_});
        menu->addSeparator();
        menu->addActions({up_action_, down_action_});
        popup_context_menu(menu, list_, at);
    });
    auto* status_timer = new QTimer(this);
    connect(status_timer, &QTimer::timeout, this, &FiltersDialog::refresh_statuses);
    status_timer->start(500);
    connect(&controller_, &StudioController::itemsChanged, this, &FiltersDialog::item_changed);
    connect(&controller_, &StudioController::currentSceneChanged, this,
            &FiltersDialog::item_changed);

    rebuild_rows(chain_.size() > 0 ? 0 : -1);
}

FiltersDialog::~FiltersDialog() = default;

void FiltersDialog::set_name_prompt(NamePrompt prompt) {
    name_prompt_ = std::move(prompt);
}

void FiltersDialog::build_actions() {
    add_action_ = make_dock_action(this, "addFilter", tr("Add"));
    add_action_->setMenu(add_menu_);
    remove_action_ = make_dock_action(this, "removeFilter", tr("Remove"));
    rename_action_ = make_dock_action(this, "renameFilter", tr("Rename"));
    up_action_ = make_dock_action(this, "moveFilterUp", tr("Move Up"));
    down_action_ = make_dock_action(this, "moveFilterDown", tr("Move Down"));
    remove_action_->setShortcut(QKeySequence::Delete);
    rename_action_->setShortcut(Qt::Key_F2);
    for (QAction* action : {remove_action_, rename_action_}) {
        action->setShortcutContext(Qt::WidgetShortcut);
        list_->addAction(action);
    }
    connect(remove_action_, &QAction::triggered, this, &FiltersDialog::remove_selected);
    connect(rename_action_, &QAction::triggered, this, &FiltersDialog::rename_selected);
    connect(up_action_, &QAction::triggered, this, [this] { move_selected(-1); });
    connect(down_action_, &QAction::triggered, this, [this] { move_selected(+1); });

    toolbar_->add_action(add_action_, add_icon);
    if (auto* button = qobject_cast<QToolButton*>(toolbar_->widgetForAction(add_action_)))
        button->setPopupMode(QToolButton::InstantPopup);
    toolbar_->add_action(remove_action_, remove_icon);
    toolbar_->addSeparator();
    toolbar_->add_action(up_action_, up_icon);
    toolbar_->add_action(down_action_, down_icon);
}

void FiltersDialog::fill_add_menu() {
    add_menu_->clear();
    const auto types = fitting_filter_types(controller_.filter_types(), capabilities_);
    for (const FilterType* type : types) {
        QAction* action = add_menu_->addAction(QString::fromStdString(type->display_name));
        action->setData(QString::fromStdString(type->id));
        connect(action, &QAction::triggered, this, [this, id = type->id] { add_filter(id); });
    }
    if (types.empty())
        add_menu_->addAction(tr("No filter fits this source"))->setEnabled(false);
}

FilterRow* FiltersDialog::row(int index) const {
    QListWidgetItem* item = list_->item(index);
    return item ? qobject_cast<FilterRow*>(list_->itemWidget(item)) : nullptr;
}

int FiltersDialog::selected_index() const {
    return list_->currentRow();
}

void FiltersDialog::select(int index) {
    list_->setCurrentRow(index);
}

void FiltersDialog::rebuild_rows(int select_index) {
    {
        const QSignalBlocker blocker(list_);
        list_->clear();
        for (size_t i = 0; i < chain_.size(); ++i) {
            const FilterDescription& filter = chain_.at(i);
            auto* item = new QListWidgetItem(list_);
            auto* row = new FilterRow(QString::fromStdString(filter.name), filter.enabled);
            connect(row, &FilterRow::enabledToggled, this,
                    [this, i](bool enabled) { set_filter_enabled(int(i), enabled); });
            item->setSizeHint(row->sizeHint());
            list_->setItemWidget(item, row);
        }
        list_->setCurrentRow(select_index);
    }
    refresh_statuses();
    show_selected();
    update_actions();
}

void FiltersDialog::refresh_statuses() {
    for (int i = 0; i < list_->count(); ++i) {
        FilterRow* filter_row = row(i);
        if (!filter_row || size_t(i) >= chain_.size())
            continue;
        const SourceStatus before = filter_row->status();
        filter_row->show_status(controller_.filter_status(item_id_, chain_.at(size_t(i)).name));
        // The message adds a line to the row, or takes it away.
        if (!(before == filter_row->status()))
            list_->item(i)->setSizeHint(filter_row->sizeHint());
    }
}

void FiltersDialog::show_selected() {
    if (form_) {
        form_area_->takeWidget();
        form_->deleteLater();
        form_ = nullptr;
    }
    const int index = selected_index();
    if (index < 0 || size_t(index) >= chain_.size()) {
        selection_hint_->setText(chain_.size() == 0
                                     ? tr("No filters yet. Add one with + below the list.")
                                     : tr("Select a filter to change its settings."));
        selection_hint_->show();
        form_area_->hide();
        return;
    }
    const FilterDescription& filter = chain_.at(size_t(index));
    const FilterType* type = type_named(controller_, filter.type);
    if (type == nullptr) {
        selection_hint_->setText(tr("No loaded plugin provides the filter type '%1'; its settings "
                                    "are kept as they are.")
                                     .arg(QString::fromStdString(filter.type)));
        selection_hint_->show();
        form_area_->hide();
        return;
    }
    form_ = new PropertiesForm(type->properties, filter.settings);
    form_->setObjectName(QStringLiteral("filterProperties"));
    connect(form_, &PropertiesForm::settingsChanged, this, &FiltersDialog::form_changed);
    form_area_->setWidget(form_);
    selection_hint_->hide();
    form_area_->show();
}

void FiltersDialog::form_changed() {
    const int index = selected_index();
    // An invalid value is marked by the form itself; the engine only gets valid ones.
    if (!form_ || index < 0 || !form_->error().isEmpty())
        return;
    chain_.set_settings(size_t(index), form_->settings());
    apply();
}

void FiltersDialog::update_actions() {
    const int index = selected_index();
    const bool selected = index >= 0;
    remove_action_->setEnabled(selected);
    rename_action_->setEnabled(selected);
    up_action_->setEnabled(selected && index > 0);
    down_action_->setEnabled(selected && index + 1 < int(chain_.size()));
}

void FiltersDialog::add_filter(const std::string& type_id) {
    const FilterType* type = type_named(controller_, type_id);
    if (type == nullptr)
        return;
    const size_t index = chain_.add(*type);
    apply();
    rebuild_rows(int(index));
}

void FiltersDialog::remove_selected() {
    const int index = selected_index();
    if (index < 0)
        return;
    chain_.remove(size_t(index));
    apply();
    rebuild_rows(std::min(index, int(chain_.size()) - 1));
}

void FiltersDialog::rename_selected() {
    const int index = selected_index();
    if (index < 0 || !name_prompt_)
        return;
    const QString current = QString::fromStdString(chain_.at(size_t(index)).name);
    const std::optional<QString> name = name_prompt_(tr("Rename filter"), current);
    if (!name)
        return;
    if (!chain_.rename(size_t(index), name->trimmed().toStdString())) {
        show_error(name->trimmed().isEmpty()
                       ? tr("A filter needs a name.")
                       : tr("This source already has a filter named '%1'.").arg(name->trimmed()));
        return;
    }
    apply();
    rebuild_rows(index);
}

void FiltersDialog::move_selected(int offset) {
    const int index = selected_index();
    if (index < 0)
        return;
    const size_t moved = chain_.move(size_t(index), offset);
    if (moved == size_t(index))
        return;
    apply();
    rebuild_rows(int(moved));
}

void FiltersDialog::set_filter_enabled(int index, bool enabled) {
    if (index < 0 || size_t(index) >= chain_.size())
        return;
    chain_.set_enabled(size_t(index), enabled);
    if (FilterRow* filter_row = row(index))
        filter_row->show_filter(QString::fromStdString(chain_.at(size_t(index)).name), enabled);
    apply();
}

void FiltersDialog::apply() {
    try {
        controller_.set_source_filters(item_id_, chain_.filters());
        applied_ = true;
        show_error({});
    } catch (const std::exception& error) {
        show_error(QString::fromUtf8(error.what()));
    }
    refresh_statuses();
}

void FiltersDialog::show_error(const QString& error) {
    error_ = error;
    error_label_->setText(error);
    error_label_->setVisible(!error.isEmpty());
}

void FiltersDialog::item_changed() {
    if (finished_ || controller_.item(item_id_))
        return;
    // The source left the scene (or the scene changed): there is nothing left to edit.
    finished_ = true;
    QDialog::done(Rejected);
}

void FiltersDialog::accept() {
    finished_ = true;
    QDialog::accept();
}

void FiltersDialog::reject() {
    if (!finished_ && applied_) {
        try {
            controller_.set_source_filters(item_id_, original_);
        } catch (const std::exception&) {
            // The filters it opened with were running then; a plugin cannot vanish meanwhile.
        }
    }
    finished_ = true;
    QDialog::reject();
}

void FiltersDialog::closeEvent(QCloseEvent* event) {
    // The window's close button keeps the changes, as OBS's filters window does; only Cancel
    // (or Esc) takes them back.
    accept();
    event->accept();
}

}  // namespace lm::ui
