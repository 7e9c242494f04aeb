#include "ui/docks/dock_toolbar.hpp"

#include <QAbstractScrollArea>
#include <QAction>
#include <QDockWidget>
#include <QEvent>
#include <QMenu>
#include <QVBoxLayout>

namespace lm::ui {

DockToolbar::DockToolbar(const QString& object_name, QWidget* parent) : QToolBar(parent) {
    setObjectName(object_name);
    setIconSize(QSize(16, 16));
}

void DockToolbar::add_action(QAction* action, IconPainter painter) {
    addAction(action);
    painted_.emplace_back(action, painter);
    paint_icon(action, painter);
}

void DockToolbar::paint_icon(QAction* action, IconPainter painter) const {
    action->setIcon(painter(palette().color(QPalette::WindowText)));
}

void DockToolbar::changeEvent(QEvent* event) {
    QToolBar::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        for (const auto& [action, painter] : painted_)
            paint_icon(action, painter);
    }
}

QAction* make_dock_action(QObject* owner, const char* object_name, const QString& text) {
    auto* action = new QAction(text, owner);
    action->setObjectName(QString::fromLatin1(object_name));
    action->setToolTip(text);
    return action;
}

void set_list_body(QDockWidget& dock, QWidget* list, QToolBar* toolbar) {
    auto* body = new QWidget(&dock);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(list, 1);
    layout->addWidget(toolbar);
    dock.setWidget(body);
}

void popup_context_menu(QMenu* menu, QAbstractScrollArea* view, const QPoint& position) {
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(view->viewport()->mapToGlobal(position));
}

}  // namespace lm::ui
