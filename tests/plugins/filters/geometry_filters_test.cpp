// Crop/pad and scroll on real pixels (GPU, llvmpipe).
#include "tests/plugins/filters/filter_test_support.hpp"

using namespace lm;
using namespace lm::test;

namespace {

/// Every pixel different: red = 4x, green = 4y.
Rgba8 gradient(int x, int y) {
    return {uint8_t(4 * x), uint8_t(4 * y), 77, 255};
}

}  // namespace

TEST_CASE("crop/pad cuts the edges off, adds a coloured border and changes the size",
          "[filters][gpu]") {
    GpuRig rig;
    auto source = std::make_shared<PictureSource>(40, 30, gradient);
    const nlohmann::json settings = {
        {"crop_left", 5}, {"crop_top", 3}, {"crop_right", 7}, {"crop_bottom", 2},
        {"pad_left", 2},  {"pad_top", 1},  {"pad_bottom", 4}, {"pad_color", 0xFF0000FFu}};
    auto cropped = filtered(source, "crop_pad", settings);
    // 40 - 5 - 7 + 2 wide, 30 - 3 - 2 + 1 + 4 high.
    CHECK(cropped->width() == 30);
    CHECK(cropped->height() == 30);
    const Picture picture = rig.draw(cropped);
    int mismatches = 0;
    for (int y = 0; y < 30; ++y) {
        for (int x = 0; x < 30; ++x) {
            const bool kept = x >= 2 && y >= 1 && y < 26;
            const Rgba8 want = kept ? gradient(x - 2 + 5, y - 1 + 3) : Rgba8{0, 0, 255, 255};
            const Rgba8 got = picture.at(x, y);
            if (got.r != want.r || got.g != want.g || got.b != want.b || got.a != want.a)
                ++mismatches;
        }
    }
    CHECK(mismatches == 0);
    check_pixel(picture, 2, 1, gradient(5, 3), 0);      // the first kept pixel
    check_pixel(picture, 29, 25, gradient(32, 27), 0);  // the last
    check_pixel(picture, 0, 10, {0, 0, 255, 255}, 0);   // the left border

    // The default border is transparent.
    const Picture clear = rig.draw(filtered(source, "crop_pad", {{"pad_top", 4}}));
    CHECK(clear.height == 34);
    check_pixel(clear, 10, 2, {0, 0, 0, 0}, 0);
    check_pixel(clear, 10, 4, gradient(10, 0), 0);

    // Cropped away entirely: a source of no size, which draws nothing.
    CHECK(filtered(source, "crop_pad", {{"crop_left", 20}, {"crop_right", 20}})->width() == 0);
}

TEST_CASE("scroll moves the picture at the set speed and wraps it around", "[filters][gpu]") {
    GpuRig rig;
    // A white column at x = 5 and a white row at y = 2 on black.
    auto source = std::make_shared<PictureSource>(40, 20, [](int x, int y) {
        return x == 5 || y == 2 ? Rgba8{255, 255, 255, 255} : Rgba8{0, 0, 0, 255};
    });
    const auto white_columns = [](const Picture& p) {
        std::vector<int> columns;
        for (int x = 0; x < p.width; ++x) {
            if (p.at(x, 10).r > 128)
                columns.push_back(x);
        }
        return columns;
    };
    const auto white_rows = [](const Picture& p) {
        std::vector<int> rows;
        for (int y = 0; y < p.height; ++y) {
            if (p.at(20, y).r > 128)
                rows.push_back(y);
        }
        return rows;
    };
    const int64_t start = 7'000'000'000;  // time counts from the first frame drawn
    auto right = filtered(source, "scroll", {{"speed_x", 100}});
    CHECK(white_columns(rig.draw(right, start)) == std::vector<int>{5});
    CHECK(white_columns(rig.draw(right, start + 100'000'000)) == std::vector<int>{15});
    // 38 px: past the right edge, back in from the left.
    CHECK(white_columns(rig.draw(right, start + 380'000'000)) == std::vector<int>{3});
    // Half a pixel: shared between two columns, nothing lost at the seam either.
    const Picture half = rig.draw(right, start + 345'000'000);  // 34.5 px: x 39.5
    check_pixel(half, 39, 10, {128, 128, 128, 255}, 2);
    check_pixel(half, 0, 10, {128, 128, 128, 255}, 2);

    auto up = filtered(source, "scroll", {{"speed_y", -50}});
    CHECK(white_rows(rig.draw(up, 0)) == std::vector<int>{2});
    CHECK(white_rows(rig.draw(up, 200'000'000)) == std::vector<int>{12});    // 2 - 10, wrapped
    CHECK(white_columns(rig.draw(up, 200'000'000)) == std::vector<int>{5});  // x stays
}
