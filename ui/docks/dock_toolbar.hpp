// What the scenes and sources docks share: a list above a small toolbar whose icons are
// painted from the palette, and the actions they put in it.
#pragma once

#include <QIcon>
#include <QToolBar>

#include <utility>
#include <vector>

class QAbstractScrollArea;
class QAction;
class QColor;
class QDockWidget;
class QMenu;

namespace lm::ui {

/// A dock's toolbar: 16-pixel icons painted in the palette's text colour, painted again when
/// the palette changes so they follow a switch between light and dark themes.
class DockToolbar : public QToolBar {
    Q_OBJECT

public:
    /// Paints an icon in `ink` (one of dock_icons.hpp).
    using IconPainter = QIcon (*)(const QColor& ink);

    DockToolbar(const QString& object_name, QWidget* parent);

    /// Appends `action`, showing the icon `painter` paints.
    void add_action(QAction* action, IconPainter painter);

protected:
    void changeEvent(QEvent* event) override;

private:
    void paint_icon(QAction* action, IconPainter painter) const;

    std::vector<std::pair<QAction*, IconPainter>> painted_;
};

/// A dock action: `text` is also its tooltip; `object_name` is what tests and saved settings
/// find it by. Owned by `owner`.
QAction* make_dock_action(QObject* owner, const char* object_name, const QString& text);

/// Makes `list` (stretching) above `toolbar`, without margins, the body of `dock`.
void set_list_body(QDockWidget& dock, QWidget* list, QToolBar* toolbar);

/// Pops up `menu` at `position` of `view`'s viewport; the menu deletes itself once closed.
void popup_context_menu(QMenu* menu, QAbstractScrollArea* view, const QPoint& position);

}  // namespace lm::ui
