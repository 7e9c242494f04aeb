// The "Stats" dock: a StatsPanel in a scroll area, so it fits any dock size.
#pragma once

#include <QDockWidget>

#include "ui/stats/stats_panel.hpp"

namespace lm::ui {

class StatsDock : public QDockWidget {
    Q_OBJECT

public:
    /// objectName "statsDock" (saved window layouts find it by that name).
    explicit StatsDock(QWidget* parent = nullptr);

    /// Owned by the dock.
    StatsPanel* panel() const { return panel_; }

private:
    StatsPanel* panel_;
};

}  // namespace lm::ui
