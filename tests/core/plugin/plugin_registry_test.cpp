#include "core/plugin/plugin_registry.hpp"

#include <catch2/catch.hpp>

using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

// A solid rectangle whose size comes from its settings: enough to see what create received.
class SizedSource final : public lm::Source {
public:
    explicit SizedSource(const json& settings)
        : width_(settings.at("width").get<int>()), height_(settings.at("height").get<int>()) {}
    unsigned capabilities() const override { return kVideo; }
    int width() const override { return width_; }
    int height() const override { return height_; }

private:
    int width_;
    int height_;
};

lm::SourceType sized_type(const std::string& id) {
    lm::SourceType type;
    type.id = id;
    type.display_name = "Sized";
    type.capabilities = lm::Source::kVideo;
    type.properties = {
        {"width", "Width", lm::PropertyType::integer, 1280, 1, 8192, {}, "", false, {}},
        {"height", "Height", lm::PropertyType::integer, 720, 1, 8192, {}, "", false, {}},
    };
    type.create = [](const json& settings) -> std::shared_ptr<lm::Source> {
        if (settings.at("width").get<int>() % 2 != 0) {
            throw std::invalid_argument("width must be even");  // not expressible in a schema
        }
        return std::make_shared<SizedSource>(settings);
    };
    return type;
}

std::string error_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const std::invalid_argument& error) {
        return error.what();
    }
    return "(no error)";
}

}  // namespace

TEST_CASE("the registry finds registered types by id and lists sources sorted", "[plugin]") {
    lm::PluginRegistry registry;
    registry.add(sized_type("zebra"));
    registry.add(sized_type("alpha"));

    REQUIRE(registry.source("alpha") != nullptr);
    CHECK(registry.source("alpha")->display_name == "Sized");
    CHECK(registry.source("missing") == nullptr);
    CHECK(registry.video_encoder("alpha") == nullptr);  // ids are per kind
    CHECK(registry.output("alpha") == nullptr);
    const auto sources = registry.sources();
    REQUIRE(sources.size() == 2);
    CHECK(sources[0]->id == "alpha");
    CHECK(sources[1]->id == "zebra");
}

TEST_CASE("the registry refuses a duplicate or empty id", "[plugin]") {
    lm::PluginRegistry registry;
    registry.add(sized_type("color_source"));
    CHECK(error_of([&] { registry.add(sized_type("color_source")); }) ==
          "source type 'color_source' is already registered");
    CHECK(error_of([&] { registry.add(sized_type("")); }) == "a source type needs a non-empty id");
    lm::SourceType no_factory = sized_type("lazy");
    no_factory.create = nullptr;
    CHECK(error_of([&] { registry.add(no_factory); }) ==
          "source type 'lazy' has no create function");
    // The first registration is untouched by the refused one.
    CHECK(registry.sources().size() == 1);

    lm::OutputType output;
    output.id = "rtmp";
    output.create = [](const json&) { return std::unique_ptr<lm::Output>(); };
    registry.add(output);
    CHECK(error_of([&] { registry.add(output); }) == "output type 'rtmp' is already registered");
    CHECK(registry.output("rtmp") != nullptr);
}

TEST_CASE("create_source fills defaults and validates settings", "[plugin]") {
    lm::PluginRegistry registry;
    registry.add(sized_type("sized"));

    const auto by_default = registry.create_source("sized", json::object());
    REQUIRE(by_default != nullptr);
    CHECK(by_default->width() == 1280);
    CHECK(by_default->height() == 720);

    const auto custom = registry.create_source("sized", {{"width", 640}, {"height", 480}});
    CHECK(custom->width() == 640);
    CHECK(custom->height() == 480);

    CHECK(error_of([&] {
              registry.create_source("sized", {{"width", 0}});
          }) == "source type 'sized': setting 'width' is 0; allowed: an integer from 1 to 8192");
    CHECK(error_of([&] {
              registry.create_source("sized", {{"height", "tall"}});
          }) ==
          "source type 'sized': setting 'height' is \"tall\"; allowed: an integer from 1 to 8192");
    // The factory's own checks still run after the schema's.
    CHECK(error_of([&] {
              registry.create_source("sized", {{"width", 641}});
          }) == "width must be even");
}

TEST_CASE("create_source names an unknown type and lists the known ones", "[plugin]") {
    lm::PluginRegistry registry;
    CHECK(error_of([&] { registry.create_source("camera", {}); }) ==
          "unknown source type 'camera'; known types: none");
    registry.add(sized_type("test_pattern"));
    registry.add(sized_type("color_source"));
    CHECK(error_of([&] { registry.create_source("camera", {}); }) ==
          "unknown source type 'camera'; known types: color_source, test_pattern");
}
