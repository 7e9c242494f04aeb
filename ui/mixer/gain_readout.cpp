#include "ui/mixer/gain_readout.hpp"

#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QStackedLayout>
#include <algorithm>
#include <cmath>

#include "ui/mixer/fader_taper.hpp"

namespace lm::ui {

GainReadout::GainReadout(QWidget* parent) : QWidget(parent) {
    stack_ = new QStackedLayout(this);
    stack_->setContentsMargins(0, 0, 0, 0);
    label_ = new QLabel(this);
    label_->setObjectName(QStringLiteral("gainLabel"));
    label_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    label_->setToolTip(tr("Double-click to type a gain"));
    editor_ = new QLineEdit(this);
    editor_->setObjectName(QStringLiteral("gainEditor"));
    editor_->setAlignment(Qt::AlignRight);
    editor_->installEventFilter(this);
    stack_->addWidget(label_);
    stack_->addWidget(editor_);
    // Wide enough for the longest reading, so the strip does not jump as the value changes.
    setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("-100.0 dB ")) + 8);
    set_gain_db(0.0);

    connect(editor_, &QLineEdit::returnPressed, this, &GainReadout::commit_edit);
}

void GainReadout::set_gain_db(double gain_db) {
    label_->setText(format_gain_db(gain_db));
}

QString GainReadout::text() const {
    return label_->text();
}

void GainReadout::begin_edit() {
    QString value = label_->text();
    value.remove(QStringLiteral(" dB"));
    editor_->setText(value);
    stack_->setCurrentWidget(editor_);
    editor_->selectAll();
    editor_->setFocus(Qt::OtherFocusReason);
}

bool GainReadout::is_editing() const {
    return stack_->currentWidget() == editor_;
}

std::optional<double> GainReadout::parse_gain_db(const QString& text) {
    QString value = text.trimmed().toLower();
    if (value.endsWith(QStringLiteral("db")))
        value.chop(2);
    value = value.trimmed();
    value.replace(QLatin1Char(','), QLatin1Char('.'));
    if (value == QStringLiteral("-inf") || value == QStringLiteral("-∞"))
        return kFaderSilenceDb;
    bool ok = false;
    const double gain_db = value.toDouble(&ok);
    if (!ok || std::isnan(gain_db))
        return std::nullopt;
    if (gain_db <= kFaderMinDb)
        return kFaderSilenceDb;
    return std::min(gain_db, 0.0);
}

void GainReadout::mouseDoubleClickEvent(QMouseEvent* event) {
    begin_edit();
    event->accept();
}

bool GainReadout::eventFilter(QObject* watched, QEvent* event) {
    if (watched == editor_ && is_editing()) {
        if (event->type() == QEvent::KeyPress &&
            static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape) {
            end_edit();
            return true;
        }
        // Leaving the field without Enter cancels, as in a spreadsheet cell.
        // (A popup such as the field's own context menu is not leaving.)
        if (event->type() == QEvent::FocusOut &&
            static_cast<QFocusEvent*>(event)->reason() != Qt::PopupFocusReason)
            end_edit();
    }
    return QWidget::eventFilter(watched, event);
}

void GainReadout::commit_edit() {
    const std::optional<double> gain_db = parse_gain_db(editor_->text());
    if (!gain_db) {
        // Keep the field open so the typo can be fixed.
        editor_->selectAll();
        return;
    }
    end_edit();
    set_gain_db(*gain_db);
    emit gainEdited(*gain_db);
}

void GainReadout::end_edit() {
    stack_->setCurrentWidget(label_);
}

}  // namespace lm::ui
