// 3D LUTs from .cube files applied on the GPU (llvmpipe).
#include "tests/plugins/filters/filter_test_support.hpp"

#include <fmt/format.h>

using namespace lm;
using namespace lm::test;

namespace {

/// A .cube of `size` entries per side whose output is `map(r, g, b)` (0..1 each).
std::string cube(int size,
                 const std::function<std::array<double, 3>(double, double, double)>& map) {
    std::string text = fmt::format("# generated\nTITLE \"test\"\nLUT_3D_SIZE {}\n\n", size);
    for (int b = 0; b < size; ++b) {
        for (int g = 0; g < size; ++g) {
            for (int r = 0; r < size; ++r) {
                const double n = size - 1;
                const auto out = map(r / n, g / n, b / n);
                text += fmt::format("{:.6f} {:.6f} {:.6f}\n", out[0], out[1], out[2]);
            }
        }
    }
    return text;
}

}  // namespace

TEST_CASE("a .cube LUT inverts colours or swaps channels, by the amount set", "[filters][gpu]") {
    TempDir dir;
    write_file(dir / "invert.cube", cube(2, [](double r, double g, double b) {
                   return std::array{1 - r, 1 - g, 1 - b};
               }));
    // 17 entries: the look-ups between them are interpolated (red <- blue <- green <- red).
    write_file(dir / "swap.cube", cube(17, [](double r, double g, double b) {
                   return std::array{b, r, g};
               }));
    GpuRig rig;
    const Rgba8 colour{200, 100, 40, 255};
    auto source = [&] { return solid(8, 8, colour); };

    auto invert = filtered(source(), "lut", {{"file", (dir / "invert.cube").string()}});
    CHECK(invert->status().ok());
    check_pixel(rig.draw(invert), 4, 4, {55, 155, 215, 255});

    check_pixel(rig.draw(filtered(source(), "lut", {{"file", (dir / "swap.cube").string()}})), 4, 4,
                {40, 200, 100, 255});

    // Half the amount: halfway between the colour and its inverse is mid grey.
    check_pixel(rig.draw(filtered(source(), "lut",
                                  {{"file", (dir / "invert.cube").string()}, {"amount", 50}})),
                4, 4, {128, 128, 128, 255});
    // Transparent stays transparent; half-transparent keeps its alpha.
    check_pixel(rig.draw(filtered(solid(8, 8, {200, 100, 40, 128}), "lut",
                                  {{"file", (dir / "invert.cube").string()}})),
                4, 4, {28, 78, 108, 128}, 2);
}

TEST_CASE("a malformed LUT file is the source's status and the picture passes unchanged",
          "[filters][gpu]") {
    TempDir dir;
    write_file(dir / "short.cube", "LUT_3D_SIZE 2\n0 0 0\n1 0 0\n0 1 0\n1 1 zero\n");
    GpuRig rig;
    auto source = filtered(solid(8, 8, {200, 100, 40, 255}), "lut",
                           {{"file", (dir / "short.cube").string()}});
    const SourceStatus status = source->status();
    CHECK(status.level == SourceStatus::Level::error);
    CHECK(status.message ==
          "LUT 'short.cube': line 5: expected a number, found 'zero'; fix the file or pick "
          "another");
    check_pixel(rig.draw(source), 4, 4, {200, 100, 40, 255}, 0);

    auto missing =
        filtered(solid(8, 8, {200, 100, 40, 255}), "lut", {{"file", (dir / "none.cube").string()}});
    CHECK_THAT(missing->status().message,
               Catch::Contains("none.cube") && Catch::Contains("file not found"));
}

TEST_CASE("a LUT file fixed while the show runs is read again and applied", "[filters][gpu]") {
    TempDir dir;
    write_file(dir / "look.cube", "LUT_3D_SIZE 2\n");
    GpuRig rig;
    auto source =
        filtered(solid(8, 8, {200, 100, 40, 255}), "lut", {{"file", (dir / "look.cube").string()}});
    CHECK_FALSE(source->status().ok());
    check_pixel(rig.draw(source), 4, 4, {200, 100, 40, 255}, 0);
    // Replaced as an editor saves: a new file renamed over the old one.
    write_file(dir / "look.cube.new", cube(2, [](double r, double g, double b) {
                   return std::array{1 - r, 1 - g, 1 - b};
               }));
    std::filesystem::rename(dir / "look.cube.new", dir / "look.cube");
    REQUIRE(eventually([&] { return source->status().ok(); }));
    check_pixel(rig.draw(source), 4, 4, {55, 155, 215, 255});
}
