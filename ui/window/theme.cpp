#include "ui/window/theme.hpp"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace lm::ui {

Theme preferred_theme() {
    const QString forced = qEnvironmentVariable("LIVEMACHINE_THEME").trimmed().toLower();
    if (forced == "light")
        return Theme::light;
    if (forced == "dark")
        return Theme::dark;
    if (qEnvironmentVariable("GTK_THEME").endsWith(":light", Qt::CaseInsensitive))
        return Theme::light;
    return Theme::dark;
}

void apply_theme(QApplication& application, Theme theme) {
    application.setStyle(QStyleFactory::create("Fusion"));
    if (theme == Theme::light) {
        application.setPalette(application.style()->standardPalette());
        return;
    }
    QPalette palette;
    const QColor window(0x2b, 0x2e, 0x38);
    const QColor base(0x1f, 0x21, 0x29);
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor disabled(0x80, 0x80, 0x80);
    const QColor highlight(0x3a, 0x6e, 0xd8);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, window);
    palette.setColor(QPalette::ToolTipBase, base);
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, window.lighter(115));
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, Qt::white);
    palette.setColor(QPalette::Highlight, highlight);
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Link, highlight.lighter(130));
    palette.setColor(QPalette::PlaceholderText, disabled);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, disabled);
    application.setPalette(palette);
}

}  // namespace lm::ui
