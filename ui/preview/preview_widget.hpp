// The program picture, OBS-like: the newest preview frame letterboxed on a dark background,
// with the selected item outlined and handles to move, resize, crop and rotate it, a
// right-click menu, arrow-key nudges and file drops. Edits go through the StudioController;
// frames come from a function so the widget needs no Studio (tests inject their own). GUI
// thread only.
#pragma once

#include <QImage>
#include <QPointF>
#include <QRectF>
#include <QStringList>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

#include "core/media/video_frame.hpp"
#include "ui/preview/preview_drag.hpp"
#include "ui/preview/preview_geometry.hpp"

namespace lm::ui {

class PreviewActions;
class StudioController;

class PreviewWidget : public QWidget {
    Q_OBJECT

public:
    /// The newest RGBA preview frame (top row first), or null when there is none; called on the
    /// GUI thread, e.g. `[&studio] { return studio.preview_frame(); }`.
    using FrameSource = std::function<std::shared_ptr<const VideoFrame>()>;

    /// The dark surround outside the canvas (fixed: it frames the picture, like a monitor).
    static QColor background_colour() { return QColor(24, 24, 24); }
    /// Widget pixels kept free around the canvas so handles at its edges can be grabbed.
    static constexpr double kMarginPx = 10;
    /// How close (widget pixels) an item's edge or centre must come to a canvas edge or
    /// centre line to snap to it while moving.
    static constexpr double kSnapDistancePx = 8;

    /// `controller` must outlive the widget.
    PreviewWidget(StudioController& controller, FrameSource frame_source,
                  QWidget* parent = nullptr);
    ~PreviewWidget() override;

    /// Fetches the newest frame and repaints when it is a new one. Call at the display rate.
    void refresh();

    /// The selected item's id, 0 for none.
    int selected_item() const { return selected_; }
    /// Selects item `id` (0 or an unknown id: none); emits itemSelected when it changes.
    void select_item(int id);

    /// The canvas, letterboxed, in widget coordinates.
    QRectF picture_rect() const;
    QPointF to_widget(QPointF canvas_px) const;
    QPointF to_canvas(QPointF widget_px) const;

    QSize sizeHint() const override;

signals:
    void itemSelected(int id);
    /// "Properties…" was chosen for item `id`.
    void propertiesRequested(int id);
    /// "Filters…" was chosen for item `id`.
    void filtersRequested(int id);
    /// Local files were dropped on the preview at `canvas_px`.
    void filesDropped(const QStringList& paths, QPointF canvas_px);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    Letterbox letterbox() const;
    QSizeF canvas_size() const;
    /// The item's box in widget pixels; nothing for an unknown, hidden or sizeless item.
    std::optional<Quad> widget_quad(int id) const;
    /// The selected, unlocked item's handle under `widget_px`.
    Handle handle_under(QPointF widget_px) const;
    void begin_drag(QPointF widget_px, Qt::KeyboardModifiers modifiers);
    void update_hover(QPointF widget_px);
    void update_cursor(QPointF widget_px);
    void nudge(double dx, double dy);
    void items_changed();

    StudioController& controller_;
    FrameSource frame_source_;
    /// The frame the image points into: kept alive as long as the image refers to it.
    std::shared_ptr<const VideoFrame> frame_;
    int64_t frame_index_ = -1;
    QImage image_;
    int selected_ = 0;
    int hovered_ = 0;
    std::optional<PreviewDrag> drag_;
    PreviewActions* actions_ = nullptr;
};

}  // namespace lm::ui
