// The two modal pickers a properties form opens (file and colour), as replaceable functions so
// tests and automation can answer them without a real dialog.
#pragma once

#include <QColor>
#include <QString>

#include <functional>
#include <optional>

class QWidget;

namespace lm::ui {

/// Asks for a file to open. Returns the chosen path, or an empty string when cancelled.
using FilePicker =
    std::function<QString(QWidget* parent, const QString& title, const QString& current_path)>;

/// Asks for a colour (alpha included). Returns nothing when cancelled.
using ColorPicker = std::function<std::optional<QColor>(QWidget* parent, const QString& title,
                                                        const QColor& current)>;

/// QFileDialog::getOpenFileName, starting in the current path's folder.
FilePicker dialog_file_picker();

/// QColorDialog::getColor with the alpha channel shown.
ColorPicker dialog_color_picker();

}  // namespace lm::ui
