#include "ui/properties/property_pickers.hpp"

#include <QColorDialog>
#include <QFileDialog>
#include <QFileInfo>

namespace lm::ui {

FilePicker dialog_file_picker() {
    return [](QWidget* parent, const QString& title, const QString& current_path) {
        const QString folder =
            current_path.isEmpty() ? QString() : QFileInfo(current_path).absolutePath();
        return QFileDialog::getOpenFileName(parent, title, folder);
    };
}

ColorPicker dialog_color_picker() {
    return
        [](QWidget* parent, const QString& title, const QColor& current) -> std::optional<QColor> {
            const QColor chosen =
                QColorDialog::getColor(current, parent, title, QColorDialog::ShowAlphaChannel);
            if (!chosen.isValid())
                return std::nullopt;  // the user cancelled
            return chosen;
        };
}

}  // namespace lm::ui
