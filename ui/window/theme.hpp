// The look: Fusion with a dark palette by default, as creators expect from a studio, or light
// when the desktop asks for it. Qt 6 scales for high-DPI screens by itself.
#pragma once

#include <QString>

class QApplication;

namespace lm::ui {

enum class Theme { dark = 1, light };

/// LIVEMACHINE_THEME=dark|light wins; otherwise a GTK_THEME ending in ":light" (how GNOME and
/// the desktop portal pass the preference to apps) means light; otherwise dark.
Theme preferred_theme();
void apply_theme(QApplication& application, Theme theme = preferred_theme());

}  // namespace lm::ui
