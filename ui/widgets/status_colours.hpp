// The two colours that carry meaning across the stats dock and graphs: warning and error.
// Chosen to read on both dark and light themes; everything else comes from the palette.
#pragma once

#include <QColor>

namespace lm::ui {

inline QColor warning_colour() {
    return QColor(0xe6, 0xb4, 0x00);
}

inline QColor error_colour() {
    return QColor(0xe6, 0x3c, 0x3c);
}

}  // namespace lm::ui
