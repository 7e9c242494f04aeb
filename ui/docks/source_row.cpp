#include "ui/docks/source_row.hpp"

#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QStyle>

#include <utility>

#include "ui/docks/dock_icons.hpp"
#include "ui/docks/icon_toggle.hpp"
#include "ui/model/studio_controller.hpp"

namespace lm::ui {
namespace {

IconToggle* make_toggle(const char* object_name, QWidget* parent) {
    auto* toggle = new IconToggle(parent);
    toggle->setObjectName(QString::fromLatin1(object_name));
    return toggle;
}

}  // namespace

SourceRow::SourceRow(const ItemView& item, QWidget* parent)
    : QWidget(parent),
      item_id_(item.id),
      status_icon_(new QLabel(this)),
      label_(new QLabel(this)),
      visible_(make_toggle("visibleToggle", this)),
      lock_(make_toggle("lockToggle", this)) {
    label_->setObjectName(QStringLiteral("sourceName"));
    label_->setTextFormat(Qt::PlainText);
    // The label ignores the mouse, so presses reach the list and select the row.
    label_->setAttribute(Qt::WA_TransparentForMouseEvents);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 2, 0);
    layout->setSpacing(2);
    status_icon_->setObjectName(QStringLiteral("statusIcon"));
    status_icon_->hide();
    layout->addWidget(status_icon_);
    layout->addWidget(label_, 1);
    layout->addWidget(visible_);
    layout->addWidget(lock_);

    connect(visible_, &IconToggle::toggled, this,
            [this](bool checked) { emit visibleToggled(item_id_, checked); });
    connect(lock_, &IconToggle::toggled, this,
            [this](bool checked) { emit lockToggled(item_id_, checked); });
    apply_icons();
    update_from(item);
}

void SourceRow::update_from(const ItemView& item) {
    name_ = QString::fromStdString(item.source_name);
    label_->setText(name_);
    show_states(item.visible, item.locked);
}

void SourceRow::show_status(const SourceStatus& status) {
    if (status == status_)
        return;
    status_ = status;
    if (status.ok()) {
        status_icon_->hide();
        status_icon_->setToolTip({});
        return;
    }
    const QStyle::StandardPixmap sign = status.level == SourceStatus::Level::error
                                            ? QStyle::SP_MessageBoxCritical
                                            : QStyle::SP_MessageBoxWarning;
    const int side = fontMetrics().height();
    status_icon_->setPixmap(style()->standardIcon(sign).pixmap(side, side));
    const QString message = QString::fromStdString(status.message);
    status_icon_->setToolTip(message);
    status_icon_->setAccessibleName(message);
    status_icon_->show();
}

void SourceRow::show_states(bool visible, bool locked) {
    // Not user clicks: reflecting the controller must not send the same change back.
    const QSignalBlocker visible_blocker(visible_);
    const QSignalBlocker lock_blocker(lock_);
    visible_->setChecked(visible);
    lock_->setChecked(locked);
    visible_->setToolTip(visible ? tr("Hide") : tr("Show"));
    lock_->setToolTip(locked ? tr("Unlock") : tr("Lock"));
    visible_->setAccessibleName(visible_->toolTip());
    lock_->setAccessibleName(lock_->toolTip());
    // A hidden item's name is dimmed, as the eye says, so the state reads at a glance.
    label_->setEnabled(visible);
}

void SourceRow::apply_icons() {
    const QColor ink = palette().color(QPalette::Text);
    visible_->setIcon(visibility_icon(ink));
    lock_->setIcon(lock_icon(ink));
}

void SourceRow::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        apply_icons();
}

void SourceRow::start_rename() {
    if (editor_ != nullptr)
        return;
    editor_ = new QLineEdit(name_, this);
    editor_->setObjectName(QStringLiteral("renameEditor"));
    editor_->selectAll();
    editor_->installEventFilter(this);
    connect(editor_, &QLineEdit::editingFinished, this, [this] { finish_rename(true); });
    delete layout()->replaceWidget(label_, editor_);
    label_->hide();
    editor_->show();
    editor_->setFocus();
}

bool SourceRow::renaming() const {
    return editor_ != nullptr;
}

bool SourceRow::eventFilter(QObject* watched, QEvent* event) {
    if (watched == editor_ && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape) {
        finish_rename(false);
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void SourceRow::finish_rename(bool commit) {
    // editingFinished comes again when the editor loses focus on its way out: answer once.
    if (editor_ == nullptr)
        return;
    QLineEdit* editor = std::exchange(editor_, nullptr);
    const QString name = editor->text().trimmed();
    editor->removeEventFilter(this);
    editor->blockSignals(true);
    delete layout()->replaceWidget(editor, label_);
    label_->show();
    editor->hide();
    editor->deleteLater();
    if (commit)
        emit renameRequested(item_id_, name);
}

}  // namespace lm::ui
