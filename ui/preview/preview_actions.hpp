// The preview's right-click menu on an item, OBS-like: Transform, Order, Hide, Lock, Remove,
// Properties and Filters. The actions live as long as the preview (children of this object,
// each with an objectName) and act on the item set with set_item(), so the menu is rebuilt
// cheaply and tests can trigger an action without opening a menu.
#pragma once

#include <QObject>

class QAction;
class QMenu;
class QWidget;

namespace lm::ui {

class StudioController;

class PreviewActions : public QObject {
    Q_OBJECT

public:
    /// `controller` must outlive this object.
    PreviewActions(StudioController& controller, QObject* parent = nullptr);

    /// Points every action at item `item_id` (0: none, and every action is disabled) and
    /// refreshes texts that depend on its state (Hide/Show, Lock/Unlock).
    void set_item(int item_id);
    int item() const { return item_id_; }

    /// A new menu holding the actions (the caller owns it); null when no item is set.
    QMenu* create_menu(QWidget* parent) const;

signals:
    /// The user asked for the item's properties dialog.
    void propertiesRequested(int id);
    /// The user asked for the item's filters dialog.
    void filtersRequested(int id);

private:
    QAction* add_action(const char* object_name, const QString& text,
                        void (PreviewActions::*slot)());
    void fit();
    void stretch();
    void centre();
    void reset();
    void rotate_clockwise();
    void rotate_anticlockwise();
    void rotate_by(double degrees);
    void move_up();
    void move_down();
    void move_to_top();
    void move_to_bottom();
    void move_to(int index);
    int index_of_item() const;
    void toggle_visible();
    void toggle_locked();
    void remove();
    void properties();
    void filters();

    StudioController& controller_;
    int item_id_ = 0;
    QAction* fit_ = nullptr;
    QAction* stretch_ = nullptr;
    QAction* centre_ = nullptr;
    QAction* reset_ = nullptr;
    QAction* rotate_cw_ = nullptr;
    QAction* rotate_ccw_ = nullptr;
    QAction* move_up_ = nullptr;
    QAction* move_down_ = nullptr;
    QAction* move_top_ = nullptr;
    QAction* move_bottom_ = nullptr;
    QAction* hide_ = nullptr;
    QAction* lock_ = nullptr;
    QAction* remove_ = nullptr;
    QAction* properties_ = nullptr;
    QAction* filters_ = nullptr;
};

}  // namespace lm::ui
