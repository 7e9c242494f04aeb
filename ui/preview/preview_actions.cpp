#include "ui/preview/preview_actions.hpp"

#include <QAction>
#include <QMenu>

#include "ui/model/studio_controller.hpp"
#include "ui/preview/preview_edits.hpp"

namespace lm::ui {
namespace {

QSizeF canvas_of(const StudioController& controller) {
    return QSizeF(controller.canvas_width(), controller.canvas_height());
}

}  // namespace

PreviewActions::PreviewActions(StudioController& controller, QObject* parent)
    : QObject(parent), controller_(controller) {
    fit_ = add_action("transform_fit", tr("Fit to Screen"), &PreviewActions::fit);
    stretch_ = add_action("transform_stretch", tr("Stretch to Screen"), &PreviewActions::stretch);
    centre_ = add_action("transform_centre", tr("Centre to Screen"), &PreviewActions::centre);
    reset_ = add_action("transform_reset", tr("Reset Transform"), &PreviewActions::reset);
    rotate_cw_ =
        add_action("transform_rotate_cw", tr("Rotate 90° CW"), &PreviewActions::rotate_clockwise);
    rotate_ccw_ = add_action("transform_rotate_ccw", tr("Rotate 90° CCW"),
                             &PreviewActions::rotate_anticlockwise);
    move_up_ = add_action("order_up", tr("Move Up"), &PreviewActions::move_up);
    move_down_ = add_action("order_down", tr("Move Down"), &PreviewActions::move_down);
    move_top_ = add_action("order_top", tr("Move to Top"), &PreviewActions::move_to_top);
    move_bottom_ =
        add_action("order_bottom", tr("Move to Bottom"), &PreviewActions::move_to_bottom);
    hide_ = add_action("hide", tr("Hide"), &PreviewActions::toggle_visible);
    lock_ = add_action("lock", tr("Lock"), &PreviewActions::toggle_locked);
    remove_ = add_action("remove", tr("Remove"), &PreviewActions::remove);
    properties_ = add_action("properties", tr("Properties…"), &PreviewActions::properties);
    filters_ = add_action("filters", tr("Filters…"), &PreviewActions::filters);
    set_item(0);
}

QAction* PreviewActions::add_action(const char* object_name, const QString& text,
                                    void (PreviewActions::*slot)()) {
    auto* action = new QAction(text, this);
    action->setObjectName(object_name);
    connect(action, &QAction::triggered, this, slot);
    return action;
}

void PreviewActions::set_item(int item_id) {
    const std::optional<ItemView> view = controller_.item(item_id);
    item_id_ = view ? item_id : 0;
    for (QAction* action :
         {fit_, stretch_, centre_, reset_, rotate_cw_, rotate_ccw_, move_up_, move_down_, move_top_,
          move_bottom_, hide_, lock_, remove_, properties_, filters_})
        action->setEnabled(view.has_value());
    // A locked item keeps its place on the canvas, as in OBS: only order and state change.
    const bool movable = view && !view->locked;
    for (QAction* action : {fit_, stretch_, centre_, reset_, rotate_cw_, rotate_ccw_})
        action->setEnabled(movable);
    hide_->setText(view && !view->visible ? tr("Show") : tr("Hide"));
    lock_->setText(view && view->locked ? tr("Unlock") : tr("Lock"));
}

QMenu* PreviewActions::create_menu(QWidget* parent) const {
    if (item_id_ == 0)
        return nullptr;
    auto* menu = new QMenu(parent);
    QMenu* transform = menu->addMenu(tr("Transform"));
    transform->addActions({fit_, stretch_, centre_, reset_});
    transform->addSeparator();
    transform->addActions({rotate_cw_, rotate_ccw_});
    QMenu* order = menu->addMenu(tr("Order"));
    order->addActions({move_up_, move_down_, move_top_, move_bottom_});
    menu->addSeparator();
    menu->addActions({hide_, lock_, remove_});
    menu->addSeparator();
    menu->addActions({properties_, filters_});
    return menu;
}

void PreviewActions::fit() {
    if (const auto view = controller_.item(item_id_))
        controller_.set_item_transform(
            item_id_,
            fitted_to_canvas(view->transform, view->width, view->height, canvas_of(controller_)));
}

void PreviewActions::stretch() {
    if (const auto view = controller_.item(item_id_))
        controller_.set_item_transform(
            item_id_, stretched_to_canvas(view->transform, canvas_of(controller_)));
}

void PreviewActions::centre() {
    if (const auto view = controller_.item(item_id_))
        controller_.set_item_transform(
            item_id_,
            centred_on_canvas(view->transform, view->width, view->height, canvas_of(controller_)));
}

void PreviewActions::reset() {
    if (controller_.item(item_id_))
        controller_.set_item_transform(item_id_, ItemTransform{});
}

void PreviewActions::rotate_clockwise() {
    rotate_by(90);
}

void PreviewActions::rotate_anticlockwise() {
    rotate_by(-90);
}

void PreviewActions::rotate_by(double degrees) {
    if (auto view = controller_.item(item_id_)) {
        view->transform.rotation_deg = normalised_rotation(view->transform.rotation_deg + degrees);
        controller_.set_item_transform(item_id_, view->transform);
    }
}

int PreviewActions::index_of_item() const {
    const std::vector<ItemView> items = controller_.items();
    for (size_t i = 0; i < items.size(); ++i) {
        if (items[i].id == item_id_)
            return static_cast<int>(i);
    }
    return -1;
}

void PreviewActions::move_to(int index) {
    if (index_of_item() >= 0)
        controller_.move_item(item_id_, index);
}

// items() runs bottom first, so "up" is towards the end of the list.
void PreviewActions::move_up() {
    move_to(index_of_item() + 1);
}

void PreviewActions::move_down() {
    move_to(std::max(index_of_item() - 1, 0));
}

void PreviewActions::move_to_top() {
    move_to(static_cast<int>(controller_.items().size()) - 1);
}

void PreviewActions::move_to_bottom() {
    move_to(0);
}

void PreviewActions::toggle_visible() {
    if (const auto view = controller_.item(item_id_))
        controller_.set_item_visible(item_id_, !view->visible);
}

void PreviewActions::toggle_locked() {
    if (const auto view = controller_.item(item_id_))
        controller_.set_item_locked(item_id_, !view->locked);
}

void PreviewActions::remove() {
    if (controller_.item(item_id_))
        controller_.remove_item(item_id_);
}

void PreviewActions::properties() {
    if (item_id_ != 0)
        emit propertiesRequested(item_id_);
}

void PreviewActions::filters() {
    if (item_id_ != 0)
        emit filtersRequested(item_id_);
}

}  // namespace lm::ui
