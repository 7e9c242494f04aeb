// The chain the Filters dialog edits: unique names, moves at the ends, which types fit.
#include "ui/filters/filter_chain.hpp"

#include <catch2/catch.hpp>

#include "core/plugin/plugin_registry.hpp"
#include "filters_fixture.hpp"

using namespace lm;
using namespace lm::ui;

TEST_CASE("a chain names added filters uniquely and moves them within bounds", "[ui][filters]") {
    const PluginRegistry registry = testing::filter_test_registry();
    FilterChain chain;
    CHECK(chain.add(*registry.filter("gain")) == 0);
    CHECK(chain.add(*registry.filter("gain")) == 1);
    CHECK(chain.at(0).name == "Gain");
    CHECK(chain.at(1).name == "Gain 2");
    CHECK(chain.at(0).enabled);
    CHECK(chain.at(0).settings["gain_db"] == 0.0);  // the type's defaults

    CHECK(chain.move(0, -1) == 0);  // already first
    CHECK(chain.move(1, +1) == 1);  // already last
    CHECK(chain.move(1, -1) == 0);
    CHECK(chain.at(0).name == "Gain 2");

    CHECK_FALSE(chain.rename(0, "Gain"));  // taken
    CHECK_FALSE(chain.rename(0, ""));
    CHECK(chain.rename(0, "Boost"));
    CHECK(chain.unique_name("Gain") == "Gain 2");
    chain.remove(7);  // out of range: nothing
    chain.remove(1);
    CHECK(chain.size() == 1);
    CHECK(chain.unique_name("Gain") == "Gain");
}

TEST_CASE("picture filters fit sources with video, sound filters sources with audio",
          "[ui][filters]") {
    const PluginRegistry registry = testing::filter_test_registry();
    const auto ids = [&](unsigned capabilities) {
        std::vector<std::string> found;
        for (const FilterType* type : fitting_filter_types(registry.filters(), capabilities))
            found.push_back(type->id);
        return found;
    };
    const auto has = [](const std::vector<std::string>& list, const std::string& id) {
        return std::find(list.begin(), list.end(), id) != list.end();
    };
    const auto video = ids(Source::kVideo);
    const auto audio = ids(Source::kAudio);
    const auto both = ids(Source::kVideo | Source::kAudio);
    CHECK(has(video, "color_correction"));
    CHECK_FALSE(has(video, "gain"));
    CHECK(has(audio, "gain"));
    CHECK_FALSE(has(audio, "lut"));
    CHECK(both.size() == registry.filters().size());
    CHECK(ids(0).empty());
}
