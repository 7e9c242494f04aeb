// The font setting: families by any name fontconfig knows, and a missing one falls back with
// a warning while the text keeps showing.
#include <catch2/catch.hpp>

#include "core/plugin/plugin_registry.hpp"
#include "plugins/text/text_source.hpp"
#include "plugins/text/text_types.hpp"
#include "tests/plugins/text/text_test_support.hpp"

using namespace lm;
using namespace lm::test;

namespace {

TextSettings with_font(std::string family) {
    TextSettings settings;
    settings.text = "Fonts";
    settings.style.font_family = std::move(family);
    return settings;
}

}  // namespace

TEST_CASE("a font that is not installed warns and renders with DejaVu Sans", "[text]") {
    TextSource missing(with_font("No Such Font Family"));
    const SourceStatus status = missing.status();
    CHECK(status.level == SourceStatus::Level::warning);
    CHECK(status.message ==
          "text: font 'No Such Font Family' is not installed; using 'DejaVu Sans' instead");
    const VideoFramePtr shown = missing.rendered();
    REQUIRE(shown);
    CHECK(count_pixels(*shown, is_ink) > 300);

    TextSource dejavu(with_font("DejaVu Sans"));
    CHECK(dejavu.status().ok());
    REQUIRE(dejavu.rendered());
    CHECK(shown->width() == dejavu.rendered()->width());
    CHECK(shown->height() == dejavu.rendered()->height());
}

TEST_CASE("installed families are found by any of their names and generic names", "[text]") {
    for (const char* family : {"DejaVu Serif", "dejavu sans mono", "Sans", "monospace",
                               "WenQuanYi Micro Hei", "文泉驿微米黑", "Missing Font, Serif"}) {
        TextSource source(with_font(family));
        INFO(family << ": " << source.status().message);
        CHECK(source.status().ok());
        CHECK(source.rendered());
    }
}

TEST_CASE("a different family draws different glyphs", "[text]") {
    TextSource sans(with_font("DejaVu Sans"));
    TextSource serif(with_font("DejaVu Serif"));
    CHECK(sans.width() != serif.width());
}

TEST_CASE("the registered type fills defaults and refuses impossible settings", "[text]") {
    PluginRegistry registry;
    register_text_types(registry);
    const SourceType* type = registry.source("text_source");
    REQUIRE(type);
    CHECK(type->display_name == "Text");
    CHECK(type->capabilities == Source::kVideo);

    const auto source = std::dynamic_pointer_cast<TextSource>(
        registry.create_source("text_source", nlohmann::json::object()));
    REQUIRE(source);
    CHECK(source->status().ok());
    REQUIRE(source->rendered());
    CHECK(source->width() > 300);  // "Live Machine" at 64 px
    CHECK(source->height() >= 64);

    CHECK_THROWS_AS(registry.create_source("text_source", {{"size", 7}}), std::invalid_argument);
    CHECK_THROWS_AS(registry.create_source("text_source", {{"align", "middle"}}),
                    std::invalid_argument);
    CHECK_THROWS_AS(registry.create_source("text_source", {{"color", "red"}}),
                    std::invalid_argument);
    TextSettings code_built;
    code_built.style.outline_width_px = 0;
    CHECK_THROWS_AS(TextSource(code_built), std::invalid_argument);

    const auto styled = registry.create_source("text_source", {{"text", "Hi"},
                                                               {"color", 0xFFFF0000u},
                                                               {"align", "right"},
                                                               {"wrap", true},
                                                               {"wrap_width", 400},
                                                               {"padding", 8},
                                                               {"bold", true}});
    CHECK(styled->width() == 400);
}
