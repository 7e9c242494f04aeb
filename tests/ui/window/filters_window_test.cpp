// The Filters dialog in the window: opened from the Sources dock's Filters button, the
// preview's right-click menu and an audio mixer strip's menu, over the real filter plugin; what
// it keeps is saved with the collection.
#include <catch2/catch.hpp>

#include <QAction>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>

#include "core/scene/scene_collection.hpp"
#include "ui/docks/sources_dock.hpp"
#include "ui/filters/filters_dialog.hpp"
#include "ui/mixer/audio_mixer_dock.hpp"
#include "ui/mixer/audio_strip.hpp"
#include "ui/model/studio_controller.hpp"
#include "ui/preview/preview_widget.hpp"
#include "window_fixture.hpp"

using namespace lm;
using namespace lm::ui;
using namespace lm::ui::testing;

namespace {

QAction* add_action(const FiltersDialog& dialog, const std::string& type_id) {
    for (QAction* action : dialog.add_menu()->actions()) {
        if (action->data().toString().toStdString() == type_id)
            return action;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("the Filters dialog opens from the sources, the preview and the mixer",
          "[ui][window][gpu]") {
    TempDir config;
    Plugins plugins;
    {
        MainWindow window(plugins.registry, {config.path() / "profiles", config.path() / "scenes"});
        window.show();
        StudioController& controller = window.controller();
        const int card = controller.add_source(
            "color_source", "Card", {{"color", 0xFF808080}, {"width", 320}, {"height", 180}});
        const int tone = controller.add_source("tone_source", "Tone", nlohmann::json::object());

        // The Sources dock's Filters button.
        auto* sources = window.findChild<SourcesDock*>();
        REQUIRE(sources != nullptr);
        sources->select_item(card);
        QAction* filters_button = sources->findChild<QAction*>("sourceFilters");
        REQUIRE(filters_button != nullptr);
        REQUIRE(filters_button->isEnabled());
        filters_button->trigger();
        FiltersDialog* dialog = window.filters_dialog();
        REQUIRE(dialog != nullptr);
        CHECK(dialog->isVisible());
        CHECK(dialog->windowModality() == Qt::WindowModal);  // modal, but nothing waits on it
        CHECK(dialog->windowTitle() == "Filters for 'Card'");
        QAction* colour_correction = add_action(*dialog, "color_correction");
        REQUIRE(colour_correction != nullptr);  // the module's types are offered
        colour_correction->trigger();
        dialog->findChild<QPushButton*>("close")->click();
        CHECK(wait_until([&] { return window.filters_dialog() == nullptr; }, 2000));
        CHECK(controller.source_filters(card).size() == 1);

        // The preview's right-click menu, on the item it has selected.
        auto* preview = window.findChild<PreviewWidget*>();
        REQUIRE(preview != nullptr);
        preview->select_item(card);
        QAction* preview_filters = preview->findChild<QAction*>("filters");
        REQUIRE(preview_filters != nullptr);
        preview_filters->trigger();
        REQUIRE(window.filters_dialog() != nullptr);
        CHECK(window.filters_dialog()->item_id() == card);
        CHECK(window.filters_dialog()->list()->count() == 1);
        window.filters_dialog()->reject();
        CHECK(wait_until([&] { return window.filters_dialog() == nullptr; }, 2000));

        // A mixer strip's menu: a sound source gets the sound filters.
        auto* mixer = window.findChild<AudioMixerDock*>();
        REQUIRE(mixer != nullptr);
        REQUIRE(mixer->strip(tone) != nullptr);
        QAction* strip_filters = mixer->strip(tone)->findChild<QAction*>("filtersAction");
        REQUIRE(strip_filters != nullptr);
        strip_filters->trigger();
        REQUIRE(window.filters_dialog() != nullptr);
        CHECK(window.filters_dialog()->windowTitle() == "Filters for 'Tone'");
        CHECK(add_action(*window.filters_dialog(), "gain") != nullptr);
        CHECK(add_action(*window.filters_dialog(), "color_correction") == nullptr);
        window.filters_dialog()->close();  // the window's close button keeps, like Close
        window.close();
    }
    // Saved with the collection.
    const SceneCollectionDescription saved =
        load_scene_collection_file(config.path() / "scenes" / "Untitled.json");
    const auto card = std::find_if(saved.sources.begin(), saved.sources.end(),
                                   [](const SourceDescription& s) { return s.name == "Card"; });
    REQUIRE(card != saved.sources.end());
    REQUIRE(card->filters.size() == 1);
    CHECK(card->filters[0].type == "color_correction");
}
