// Every filter type through the registry, and chains of filters of different sizes.
#include "tests/plugins/filters/filter_test_support.hpp"

#include <set>

using namespace lm;
using namespace lm::test;

TEST_CASE("every filter type is registered and made from its defaults", "[filters][gpu]") {
    std::set<std::string> ids;
    for (const FilterType* type : filter_registry().filters())
        ids.insert(type->id);
    CHECK(ids == std::set<std::string>{"color_correction", "chroma_key", "color_key", "crop_pad",
                                       "sharpen", "scroll", "mask_blend", "lut", "gain",
                                       "noise_gate", "limiter", "compressor", "noise_suppression",
                                       "sync_offset"});
    GpuRig rig;
    for (const FilterType* type : filter_registry().filters()) {
        INFO(type->id);
        auto source =
            filtered(solid(16, 16, {10, 200, 30, 255}), type->id, nlohmann::json::object());
        REQUIRE(source != nullptr);
        if (type->create_video) {
            // Defaults with no file (mask, LUT) say so; the rest are fine.
            const bool needs_file = type->id == "mask_blend" || type->id == "lut";
            CHECK(source->status().ok() != needs_file);
            CHECK(rig.draw(source).width == 16);
        }
    }
}

TEST_CASE("filters that change the size chain with the others", "[filters][gpu]") {
    GpuRig rig;
    // Left half red, right half blue, 40x20.
    auto source = std::make_shared<PictureSource>(40, 20, [](int x, int) {
        return x < 20 ? Rgba8{255, 0, 0, 255} : Rgba8{0, 0, 255, 255};
    });
    const std::vector<FilterDescription> chain = {
        {"Cut", "crop_pad", true, {{"crop_right", 20}}},                             // red, 20x20
        {"Darker", "color_correction", true, {{"brightness", -0.5}}},                // dark red
        {"Frame", "crop_pad", true, {{"pad_left", 4}, {"pad_color", 0xFFFFFFFFu}}},  // 24x20
        {"Key", "color_key", true, {{"key_color", 0xFFFFFFFFu}}},  // frame keyed out
    };
    auto filtered_source = with_filters(source, chain, filter_registry());
    CHECK(filtered_source->width() == 24);
    CHECK(filtered_source->height() == 20);
    for (int frame = 0; frame < 2; ++frame) {  // and again, from the same targets
        const Picture picture = rig.draw(filtered_source);
        check_pixel(picture, 1, 10, {0, 0, 0, 0}, 0);
        check_pixel(picture, 10, 10, {128, 0, 0, 255});
        check_pixel(picture, 23, 10, {128, 0, 0, 255});  // no blue: it was cropped
    }
}

TEST_CASE("a filter's problem shows on the source only while the source itself is fine",
          "[filters]") {
    class Broken : public PictureSource {
    public:
        Broken() : PictureSource(4, 4, [](int, int) { return Rgba8{}; }) {}
        SourceStatus status() const override {
            return {SourceStatus::Level::warning, "camera: device busy"};
        }
    };
    auto bad_lut = nlohmann::json{{"file", "/nonexistent/look.cube"}};
    CHECK(filtered(std::make_shared<Broken>(), "lut", bad_lut)->status().message ==
          "camera: device busy");
    CHECK_THAT(filtered(solid(4, 4, {}), "lut", bad_lut)->status().message,
               Catch::StartsWith("LUT '/nonexistent/look.cube': file not found"));
}
