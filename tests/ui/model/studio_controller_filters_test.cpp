// The controller's filter edits: the chain is kept in the collection, the source under it is
// not made again, a refused chain changes nothing, and each filter's status is reachable.
#include <catch2/catch.hpp>

#include <QSignalSpy>

#include <memory>

#include "core/plugin/plugin_registry.hpp"
#include "test_sources.hpp"
#include "ui/model/studio_controller.hpp"

using namespace lm;
using lm::ui::StudioController;

namespace {

/// Halves the picture's size; reports an error when its "broken" setting is true.
class HalvingFilter final : public VideoFilter {
public:
    explicit HalvingFilter(bool broken) : broken_(broken) {}
    void render(VideoFilterContext&) override {}
    PictureSize output_size(PictureSize input) const override {
        return {input.width / 2, input.height / 2};
    }
    SourceStatus status() const override {
        if (!broken_)
            return {};
        return {SourceStatus::Level::error, "half: broken on purpose"};
    }

private:
    bool broken_;
};

struct Registry {
    Registry() {
        SourceType sized = lm::ui::test::sized_source_type(320);
        auto make = sized.create;
        sized.create = [this, make](const nlohmann::json& settings) {
            ++sources_made;
            return make(settings);
        };
        registry.add(sized);
        FilterType half;
        half.id = "half";
        half.display_name = "Half";
        Property broken;
        broken.key = "broken";
        broken.type = PropertyType::boolean;
        broken.default_value = false;
        half.properties = {broken};
        half.create_video = [](const nlohmann::json& settings) {
            return std::make_unique<HalvingFilter>(settings["broken"].get<bool>());
        };
        registry.add(half);
    }
    PluginRegistry registry;
    int sources_made = 0;
};

}  // namespace

TEST_CASE("a source's filters are replaced live, over the same source", "[ui][model]") {
    Registry types;
    StudioController controller(types.registry);
    const int id = controller.add_source("sized", "Card", nlohmann::json::object());
    REQUIRE(types.sources_made == 1);
    CHECK(controller.item(id)->width == 320);
    CHECK(controller.filter_types().size() == 1);

    QSignalSpy modified(&controller, &StudioController::modified);
    const FilterDescription half{"Half", "half", true, {{"broken", false}}};
    controller.set_source_filters(id, {half});
    CHECK(modified.count() == 1);
    CHECK(controller.item(id)->width == 160);  // the chain's size is the source's
    CHECK(controller.source_filters(id) == std::vector<FilterDescription>{half});
    CHECK(controller.description().sources[0].filters == std::vector<FilterDescription>{half});
    CHECK(types.sources_made == 1);  // wrapped again, not made again

    // Twice: the chain replaces the last one, it does not wrap it.
    const FilterDescription quarter{"Half 2", "half", true, {{"broken", true}}};
    controller.set_source_filters(id, {half, quarter});
    CHECK(controller.item(id)->width == 80);
    CHECK(controller.filter_status(id, "Half").ok());
    CHECK(controller.filter_status(id, "Half 2").message == "half: broken on purpose");
    CHECK(controller.source_status(id).message == "half: broken on purpose");
    CHECK(controller.filter_status(id, "no such filter").ok());

    // A disabled filter stays in the collection and does nothing.
    FilterDescription off = half;
    off.enabled = false;
    controller.set_source_filters(id, {off});
    CHECK(controller.item(id)->width == 320);
    CHECK(controller.source_filters(id)[0].enabled == false);
    CHECK(controller.filter_status(id, "Half").ok());

    // A chain the registry refuses changes nothing.
    const FilterDescription unknown{"Blur", "blur", true, nlohmann::json::object()};
    CHECK_THROWS_AS(controller.set_source_filters(id, {half, unknown}), std::invalid_argument);
    CHECK(controller.source_filters(id) == std::vector<FilterDescription>{off});
    CHECK(controller.item(id)->width == 320);
    CHECK(types.sources_made == 1);

    // Changing the source's settings keeps its filters.
    controller.set_source_filters(id, {half});
    controller.set_source_settings(id, {{"width", 200}, {"height", 100}});
    CHECK(controller.item(id)->width == 100);
    CHECK(controller.source_filters(id) == std::vector<FilterDescription>{half});
}
