// The image mask/blend filter on real pixels (GPU, llvmpipe), with a picture file read by the
// image plugin's decoder.
#include "tests/plugins/filters/filter_test_support.hpp"

using namespace lm;
using namespace lm::test;

namespace {

/// Four 10-pixel bands, 40x10: transparent white, white, black, grey 128 (opaque).
constexpr Rgba8 kBands[] = {
    {255, 255, 255, 0}, {255, 255, 255, 255}, {0, 0, 0, 255}, {128, 128, 128, 255}};

/// Writes the bands as a PAM file (RGB_ALPHA), which keeps straight alpha exactly.
void write_mask(const std::filesystem::path& path) {
    std::string data = "P7\nWIDTH 40\nHEIGHT 10\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n";
    for (int y = 0; y < 10; ++y) {
        for (int x = 0; x < 40; ++x) {
            const Rgba8 c = kBands[x / 10];
            data += {char(c.r), char(c.g), char(c.b), char(c.a)};
        }
    }
    write_file(path, data);
}

std::shared_ptr<Source> masked(const std::filesystem::path& mask, const char* mode,
                               Rgba8 colour = {200, 100, 50, 255}) {
    return filtered(solid(40, 10, colour), "mask_blend",
                    {{"image", mask.string()}, {"mode", mode}});
}

}  // namespace

TEST_CASE("an image's alpha or luminance masks the source", "[filters][gpu]") {
    TempDir dir;
    write_mask(dir / "mask.pam");
    GpuRig rig;
    const Picture alpha = rig.draw(masked(dir / "mask.pam", "alpha_mask", {255, 0, 0, 255}));
    check_pixel(alpha, 5, 5, {0, 0, 0, 0}, 0);  // the mask's transparent band hides it
    check_pixel(alpha, 15, 5, {255, 0, 0, 255}, 0);
    check_pixel(alpha, 25, 5, {255, 0, 0, 255}, 0);  // black but opaque: kept
    CHECK(masked(dir / "mask.pam", "alpha_mask")->status().ok());

    const Picture luma = rig.draw(masked(dir / "mask.pam", "luminance_mask", {255, 0, 0, 255}));
    check_pixel(luma, 15, 5, {255, 0, 0, 255}, 0);  // white: kept
    check_pixel(luma, 25, 5, {0, 0, 0, 0}, 0);      // black: gone
    check_pixel(luma, 35, 5, {128, 0, 0, 128});     // grey: half (premultiplied)
}

TEST_CASE("an image blends over the source by multiply, add or subtract", "[filters][gpu]") {
    TempDir dir;
    write_mask(dir / "mask.pam");
    GpuRig rig;
    // Source (200, 100, 50). The transparent band changes nothing in any mode.
    const Picture multiply = rig.draw(masked(dir / "mask.pam", "multiply"));
    check_pixel(multiply, 5, 5, {200, 100, 50, 255});
    check_pixel(multiply, 15, 5, {200, 100, 50, 255});
    check_pixel(multiply, 25, 5, {0, 0, 0, 255});  // black: black, still opaque
    check_pixel(multiply, 35, 5, {100, 50, 25, 255});

    const Picture add = rig.draw(masked(dir / "mask.pam", "add"));
    check_pixel(add, 5, 5, {200, 100, 50, 255});
    check_pixel(add, 15, 5, {255, 255, 255, 255});
    check_pixel(add, 25, 5, {200, 100, 50, 255});
    check_pixel(add, 35, 5, {255, 228, 178, 255});

    const Picture subtract = rig.draw(masked(dir / "mask.pam", "subtract"));
    check_pixel(subtract, 15, 5, {0, 0, 0, 255});
    check_pixel(subtract, 25, 5, {200, 100, 50, 255});
    check_pixel(subtract, 35, 5, {72, 0, 0, 255});
}

TEST_CASE("a missing mask image is the source's status and the picture passes unchanged",
          "[filters][gpu]") {
    TempDir dir;
    GpuRig rig;
    auto source = masked(dir / "gone.pam", "alpha_mask", {255, 0, 0, 255});
    const SourceStatus status = source->status();
    CHECK(status.level == SourceStatus::Level::error);
    CHECK_THAT(status.message, Catch::StartsWith("mask image: '") && Catch::Contains("gone.pam") &&
                                   Catch::Contains("not found"));
    check_pixel(rig.draw(source), 5, 5, {255, 0, 0, 255}, 0);  // the show goes on

    // The file appears: the mask is read and applied without touching the filter.
    write_mask(dir / "gone.pam.new");
    std::filesystem::rename(dir / "gone.pam.new", dir / "gone.pam");
    REQUIRE(eventually([&] { return source->status().ok(); }));
    check_pixel(rig.draw(source), 5, 5, {0, 0, 0, 0}, 0);
    check_pixel(rig.draw(source), 15, 5, {255, 0, 0, 255}, 0);

    auto unset = filtered(solid(40, 10, {255, 0, 0, 255}), "mask_blend", nlohmann::json::object());
    CHECK_THAT(unset->status().message, Catch::Contains("no file chosen"));
}
