#include "ui/properties/color_editor.hpp"

#include <QColor>
#include <QHBoxLayout>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>

#include <cstdint>
#include <utility>

namespace lm::ui {

namespace {

constexpr int kSwatchSize = 16;

// The colour over a light/dark checkerboard, so a translucent colour looks translucent.
QPixmap swatch(QRgb rgba, const QColor& border) {
    QPixmap pixmap(kSwatchSize, kSwatchSize);
    pixmap.fill(Qt::white);
    QPainter painter(&pixmap);
    const int half = kSwatchSize / 2;
    painter.fillRect(0, 0, half, half, Qt::lightGray);
    painter.fillRect(half, half, half, half, Qt::lightGray);
    painter.fillRect(pixmap.rect(), QColor::fromRgba(rgba));
    painter.setPen(border);
    painter.drawRect(pixmap.rect().adjusted(0, 0, -1, -1));
    return pixmap;
}

}  // namespace

ColorEditor::ColorEditor(lm::Property property, QWidget* parent)
    : PropertyEditor(std::move(property), parent),
      button_(new QPushButton(this)),
      picker_(dialog_color_picker()) {
    button_->setObjectName(QString::fromStdString(this->property().key));
    button_->setToolTip(toolTip());
    button_->setAutoDefault(false);  // Enter in the dialog means OK, not "pick a colour"
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(button_);
    layout->addStretch(1);
    connect(button_, &QPushButton::clicked, this, &ColorEditor::pick);
    show_color();
}

QWidget* ColorEditor::main_widget() const {
    return button_;
}

void ColorEditor::set_picker(ColorPicker picker) {
    picker_ = std::move(picker);
}

void ColorEditor::pick() {
    const QString label =
        QString::fromStdString(property().label.empty() ? property().key : property().label);
    const QColor current = QColor::fromRgba(color_.value_or(0xFFFFFFFFu));
    const std::optional<QColor> chosen = picker_(this, tr("Choose %1").arg(label), current);
    if (!chosen || !chosen->isValid() || (color_ && chosen->rgba() == *color_))
        return;
    color_ = chosen->rgba();
    show_color();
    widget_changed();
}

void ColorEditor::show_color() {
    if (!color_) {
        button_->setIcon(QIcon());
        button_->setText(tr("(none)"));
        return;
    }
    const QColor color = QColor::fromRgba(*color_);
    button_->setIcon(QIcon(swatch(*color_, palette().color(QPalette::WindowText))));
    QString text = color.name(QColor::HexRgb).toUpper();
    if (color.alpha() != 255)
        text += tr(", alpha %1").arg(color.alpha());
    button_->setText(text);
}

bool ColorEditor::show_value(const nlohmann::json& value) {
    bool valid = false;
    if (value.is_number_unsigned()) {
        valid = value.get<uint64_t>() <= 0xFFFFFFFFu;
    } else if (value.is_number_integer()) {
        valid = value.get<int64_t>() >= 0 && value.get<int64_t>() <= 0xFFFFFFFFll;
    }
    if (valid)
        color_ = static_cast<QRgb>(value.get<int64_t>());
    else
        color_.reset();
    show_color();
    return valid;
}

nlohmann::json ColorEditor::read_value() const {
    if (!color_)
        return nullptr;
    return static_cast<uint32_t>(*color_);
}

}  // namespace lm::ui
