#include "ui/stats/stats_dock.hpp"

#include <QScrollArea>
#include <catch2/catch.hpp>

TEST_CASE("The stats dock holds a panel in a scroll area") {
    lm::ui::StatsDock dock;
    CHECK(dock.objectName() == "statsDock");
    CHECK(dock.windowTitle() == "Stats");
    REQUIRE(dock.panel() != nullptr);
    auto* scroll = qobject_cast<QScrollArea*>(dock.widget());
    REQUIRE(scroll != nullptr);
    CHECK(scroll->widget() == dock.panel());
    CHECK(dock.findChild<lm::ui::StatsPanel*>() == dock.panel());
}
