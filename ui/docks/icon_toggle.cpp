#include "ui/docks/icon_toggle.hpp"

#include <QPainter>

namespace lm::ui {
namespace {

constexpr int kIconSide = 16;
constexpr int kPadding = 3;

}  // namespace

IconToggle::IconToggle(QWidget* parent) : QAbstractButton(parent) {
    setCheckable(true);
    setFocusPolicy(Qt::NoFocus);
    setCursor(Qt::PointingHandCursor);
    setIconSize(QSize(kIconSide, kIconSide));
}

QSize IconToggle::sizeHint() const {
    return iconSize() + QSize(2 * kPadding, 2 * kPadding);
}

void IconToggle::paintEvent(QPaintEvent* /*event*/) {
    QPainter painter(this);
    const QIcon::Mode mode = isEnabled() ? QIcon::Normal : QIcon::Disabled;
    const QIcon::State state = isChecked() ? QIcon::On : QIcon::Off;
    icon().paint(&painter, rect(), Qt::AlignCenter, mode, state);
}

}  // namespace lm::ui
