#include "ui/stats/stats_dock.hpp"

#include <QScrollArea>

namespace lm::ui {

StatsDock::StatsDock(QWidget* parent) : QDockWidget(tr("Stats"), parent) {
    setObjectName(QStringLiteral("statsDock"));
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    panel_ = new StatsPanel(scroll);
    scroll->setWidget(panel_);
    setWidget(scroll);
}

}  // namespace lm::ui
