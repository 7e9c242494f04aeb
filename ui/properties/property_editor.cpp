#include "ui/properties/property_editor.hpp"

#include <QPalette>
#include <QVariant>

#include <utility>

namespace lm::ui {

PropertyEditor::PropertyEditor(lm::Property property, QWidget* parent)
    : QWidget(parent), property_(std::move(property)) {
    setObjectName(QString::fromStdString(property_.key + "_editor"));
    if (!property_.description.empty())
        setToolTip(QString::fromStdString(property_.description));
}

nlohmann::json PropertyEditor::value() const {
    return kept_ ? *kept_ : read_value();
}

void PropertyEditor::set_value(const nlohmann::json& value) {
    loading_ = true;
    const bool shown = show_value(value);
    loading_ = false;
    if (shown)
        kept_.reset();
    else
        kept_ = value;
}

void PropertyEditor::widget_changed() {
    if (loading_)
        return;
    kept_.reset();  // the user chose a new value: what the widget shows is now the truth
    emit edited();
}

void PropertyEditor::set_invalid(bool invalid) {
    if (invalid == invalid_)
        return;
    invalid_ = invalid;
    setProperty("invalid", invalid);
    QWidget* widget = main_widget();
    widget->setProperty("invalid", invalid);
    if (!invalid) {
        widget->setPalette(QPalette());  // an empty palette: back to the inherited one
        return;
    }
    // A tint of the theme's own colours rather than a fixed background, so text stays
    // readable in dark and light themes alike.
    QPalette palette = widget->palette();
    const QColor error = error_color();
    for (const QPalette::ColorRole role : {QPalette::Base, QPalette::Button}) {
        const QColor normal = palette.color(role);
        const auto mix = [](int a, int b) { return (a * 6 + b * 4) / 10; };
        palette.setColor(role,
                         QColor(mix(normal.red(), error.red()), mix(normal.green(), error.green()),
                                mix(normal.blue(), error.blue())));
    }
    widget->setPalette(palette);
}

QColor PropertyEditor::error_color() {
    return QColor(0xE0, 0x44, 0x3E);
}

}  // namespace lm::ui
