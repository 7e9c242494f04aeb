#include "ui/properties/number_editor.hpp"

#include <QDoubleSpinBox>
#include <QHBoxLayout>

#include <algorithm>
#include <cmath>
#include <utility>

namespace lm::ui {

namespace {

constexpr double kUnbounded = 1e9;
constexpr int kMaxDecimals = 6;

// The fewest decimals that show `value` without rounding it (0.125 needs 3), capped.
int decimals_needed(double value) {
    for (int decimals = 0; decimals < kMaxDecimals; ++decimals) {
        const double scale = std::pow(10.0, decimals);
        if (std::abs(std::round(value * scale) / scale - value) <=
            1e-9 * std::max(1.0, std::abs(value)))
            return decimals;
    }
    return kMaxDecimals;
}

}  // namespace

NumberEditor::NumberEditor(lm::Property property, QWidget* parent)
    : PropertyEditor(std::move(property), parent), spin_box_(new QDoubleSpinBox(this)) {
    const lm::Property& p = this->property();
    spin_box_->setObjectName(QString::fromStdString(p.key));
    spin_box_->setToolTip(toolTip());
    const bool bounded = p.min != p.max;
    const double span = bounded ? p.max - p.min : 0.0;
    int decimals = bounded && span <= 1.0 ? 3 : 2;
    if (p.default_value.is_number())
        decimals = std::max(decimals, decimals_needed(p.default_value.get<double>()));
    // Decimals first: QDoubleSpinBox rounds its range and value to them.
    spin_box_->setDecimals(decimals);
    if (bounded) {
        min_ = p.min;
        max_ = p.max;
        // About a hundred steps across the range (0.1 for -30..30 dB, 0.01 for 0..1).
        const double step = std::pow(10.0, std::floor(std::log10(span)) - 2.0);
        spin_box_->setSingleStep(std::max(step, std::pow(10.0, -decimals)));
    } else {
        min_ = -kUnbounded;
        max_ = kUnbounded;
        spin_box_->setSingleStep(1.0);
    }
    spin_box_->setRange(min_, max_);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(spin_box_);
    connect(spin_box_, &QDoubleSpinBox::valueChanged, this, &NumberEditor::widget_changed);
}

QWidget* NumberEditor::main_widget() const {
    return spin_box_;
}

bool NumberEditor::show_value(const nlohmann::json& value) {
    if (!value.is_number() || !std::isfinite(value.get<double>())) {
        spin_box_->setRange(min_, max_);
        spin_box_->setValue(std::clamp(0.0, min_, max_));
        return false;
    }
    const double number = value.get<double>();
    const int decimals = decimals_needed(number);
    if (decimals > spin_box_->decimals())
        spin_box_->setDecimals(decimals);
    spin_box_->setRange(std::min(min_, number), std::max(max_, number));
    spin_box_->setValue(number);
    return spin_box_->value() == number;  // false when rounded to the decimals
}

nlohmann::json NumberEditor::read_value() const {
    return spin_box_->value();
}

}  // namespace lm::ui
