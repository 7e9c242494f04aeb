// A checkable button that is only its icon (on/off states), like the eye and padlock columns
// of OBS's sources list: no panel, so a list row stays calm; hover brightens nothing but the
// cursor shape says it is clickable.
#pragma once

#include <QAbstractButton>

namespace lm::ui {

class IconToggle : public QAbstractButton {
    Q_OBJECT

public:
    /// Checkable, no keyboard focus (it lives inside a list row, which keeps the focus).
    explicit IconToggle(QWidget* parent = nullptr);

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
};

}  // namespace lm::ui
