#include "ui/filters/filter_row.hpp"

#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QStyle>

#include "ui/docks/dock_icons.hpp"
#include "ui/docks/icon_toggle.hpp"

namespace lm::ui {
namespace {

// Fixed because it carries meaning (a problem), as the properties dialogs' error text.
const QColor kProblemColour(0xE0, 0x40, 0x40);
const QColor kWarningColour(0xD0, 0x90, 0x20);

}  // namespace

FilterRow::FilterRow(const QString& name, bool enabled, QWidget* parent)
    : QWidget(parent),
      enabled_(new IconToggle(this)),
      status_icon_(new QLabel(this)),
      name_(new QLabel(this)),
      status_text_(new QLabel(this)) {
    enabled_->setObjectName(QStringLiteral("enabledToggle"));
    name_->setObjectName(QStringLiteral("filterName"));
    name_->setTextFormat(Qt::PlainText);
    status_icon_->setObjectName(QStringLiteral("statusIcon"));
    status_text_->setObjectName(QStringLiteral("statusText"));
    status_text_->setTextFormat(Qt::PlainText);
    status_text_->setWordWrap(true);
    QFont small = status_text_->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    status_text_->setFont(small);
    // The labels ignore the mouse, so presses reach the list and select the row.
    for (QLabel* label : {status_icon_, name_, status_text_})
        label->setAttribute(Qt::WA_TransparentForMouseEvents);
    status_icon_->hide();
    status_text_->hide();

    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(2, 2, 4, 2);
    layout->setHorizontalSpacing(4);
    layout->setVerticalSpacing(0);
    layout->addWidget(enabled_, 0, 0);
    layout->addWidget(name_, 0, 1);
    layout->addWidget(status_icon_, 0, 2);
    layout->addWidget(status_text_, 1, 1, 1, 2);
    layout->setColumnStretch(1, 1);

    connect(enabled_, &IconToggle::toggled, this, &FilterRow::enabledToggled);
    apply_icons();
    show_filter(name, enabled);
}

void FilterRow::show_filter(const QString& name, bool enabled) {
    const QSignalBlocker blocker(enabled_);
    enabled_->setChecked(enabled);
    enabled_->setToolTip(enabled ? tr("Disable") : tr("Enable"));
    enabled_->setAccessibleName(enabled_->toolTip());
    name_->setText(name);
    // A disabled filter's name is dimmed, as the eye says.
    name_->setEnabled(enabled);
}

void FilterRow::show_status(const SourceStatus& status) {
    if (status == status_)
        return;
    status_ = status;
    if (status.ok()) {
        status_icon_->hide();
        status_text_->hide();
        status_text_->clear();
        setToolTip({});
        return;
    }
    const bool error = status.level == SourceStatus::Level::error;
    const int side = fontMetrics().height();
    status_icon_->setPixmap(
        style()
            ->standardIcon(error ? QStyle::SP_MessageBoxCritical : QStyle::SP_MessageBoxWarning)
            .pixmap(side, side));
    const QString message = QString::fromStdString(status.message);
    status_text_->setText(message);
    // A style sheet rather than the palette: the themes style labels, which beats a palette.
    status_text_->setStyleSheet(
        QStringLiteral("color: %1").arg((error ? kProblemColour : kWarningColour).name()));
    status_icon_->setAccessibleName(message);
    setToolTip(message);
    status_icon_->show();
    status_text_->show();
}

void FilterRow::apply_icons() {
    enabled_->setIcon(visibility_icon(palette().color(QPalette::Text)));
}

void FilterRow::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        apply_icons();
}

}  // namespace lm::ui
