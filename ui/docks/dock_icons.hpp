// The small icons of the scenes and sources docks (add, remove, move, properties, filters,
// visibility, lock), painted in a colour taken from the palette so they suit light and dark
// themes alike. resources/ holds no icon set yet; when one arrives these can be swapped for it.
#pragma once

#include <QColor>
#include <QIcon>

namespace lm::ui {

QIcon add_icon(const QColor& ink);
QIcon remove_icon(const QColor& ink);
QIcon up_icon(const QColor& ink);
QIcon down_icon(const QColor& ink);
QIcon properties_icon(const QColor& ink);
QIcon filters_icon(const QColor& ink);
/// On (checked): an open eye, the item is shown; off: a faint closed eye.
QIcon visibility_icon(const QColor& ink);
/// On (checked): a closed padlock, the item is locked; off: a faint open padlock.
QIcon lock_icon(const QColor& ink);

}  // namespace lm::ui
