// The program picture in studio mode: read-only, letterboxed, beside the editable preview.
#pragma once

#include <QImage>
#include <QWidget>

#include <functional>
#include <memory>

namespace lm {
class VideoFrame;
}

namespace lm::ui {

class ProgramView : public QWidget {
    Q_OBJECT

public:
    using FrameSource = std::function<std::shared_ptr<const VideoFrame>()>;
    ProgramView(FrameSource frames, QWidget* parent = nullptr);

    /// Takes the newest frame and repaints if it is new; the window calls it at display rate.
    void refresh();
    /// The newest frame shown (tests read its pixels).
    std::shared_ptr<const VideoFrame> frame() const { return frame_; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    FrameSource frames_;
    std::shared_ptr<const VideoFrame> frame_;  // keeps image_'s pixels alive
    QImage image_;
};

}  // namespace lm::ui
