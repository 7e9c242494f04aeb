#include "ui/properties/integer_editor.hpp"

#include <QHBoxLayout>
#include <QSpinBox>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace lm::ui {

namespace {

constexpr double kIntMin = std::numeric_limits<int>::min();
constexpr double kIntMax = std::numeric_limits<int>::max();

int clamp_to_int(double value) {
    return static_cast<int>(std::clamp(value, kIntMin, kIntMax));
}

}  // namespace

IntegerEditor::IntegerEditor(lm::Property property, QWidget* parent)
    : PropertyEditor(std::move(property), parent), spin_box_(new QSpinBox(this)) {
    const lm::Property& p = this->property();
    spin_box_->setObjectName(QString::fromStdString(p.key));
    spin_box_->setToolTip(toolTip());
    if (p.min == p.max) {
        min_ = std::numeric_limits<int>::min();
        max_ = std::numeric_limits<int>::max();
    } else {
        // A fractional bound admits only the whole numbers inside it.
        min_ = clamp_to_int(std::ceil(p.min));
        max_ = clamp_to_int(std::floor(p.max));
    }
    spin_box_->setRange(min_, max_);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(spin_box_);
    connect(spin_box_, &QSpinBox::valueChanged, this, &IntegerEditor::widget_changed);
}

QWidget* IntegerEditor::main_widget() const {
    return spin_box_;
}

bool IntegerEditor::show_value(const nlohmann::json& value) {
    const double number = value.is_number() ? value.get<double>() : 0.0;
    const int shown = value.is_number() && std::isfinite(number) ? clamp_to_int(std::round(number))
                                                                 : std::clamp(0, min_, max_);
    spin_box_->setRange(std::min(min_, shown), std::max(max_, shown));
    spin_box_->setValue(shown);
    // Not exact when the value does not fit an int, is no number, or is not an integer at all
    // (1280.0 from a script stays 1280.0 until edited).
    return value.is_number_integer() && number == spin_box_->value();
}

nlohmann::json IntegerEditor::read_value() const {
    return spin_box_->value();
}

}  // namespace lm::ui
