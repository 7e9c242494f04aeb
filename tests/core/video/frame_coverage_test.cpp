#include "core/video/frame_coverage.hpp"

#include <catch2/catch.hpp>
#include <vector>

namespace lm {
namespace {

struct Picture {
    int width;
    int height;
    std::vector<uint8_t> rgba;

    Picture(int w, int h) : width(w), height(h), rgba(size_t(w) * h * 4, 0) {}
    void fill(int x0, int y0, int x1, int y1, uint8_t alpha) {
        for (int y = y0; y < y1; ++y)
            for (int x = x0; x < x1; ++x)
                rgba[(size_t(y) * width + x) * 4 + 3] = alpha;
    }
    std::vector<CoverageRect> coverage(CoverageOptions options = {}) const {
        return compute_coverage(rgba.data(), width, height, width * 4, options);
    }
};

}  // namespace

TEST_CASE("coverage: a transparent picture has none, an opaque one is one opaque rectangle",
          "[coverage]") {
    Picture picture(300, 200);
    CHECK(picture.coverage().empty());
    picture.fill(0, 0, 300, 200, 255);
    CHECK(picture.coverage() == std::vector<CoverageRect>{{0, 0, 300, 200, true}});
    picture.fill(0, 0, 300, 200, 128);
    CHECK(picture.coverage() == std::vector<CoverageRect>{{0, 0, 300, 200, false}});
}

TEST_CASE("coverage: a lower third and a logo on a transparent canvas", "[coverage]") {
    // The benchmark's overlay: a half-transparent bar across the bottom and an opaque box.
    Picture picture(1280, 720);
    picture.fill(0, 576, 1280, 704, 179);    // tile rows 9 and 10 exactly
    picture.fill(1088, 64, 1216, 128, 255);  // tile columns 17-18 of row 1
    const auto rects = picture.coverage({64, 0});
    REQUIRE(rects.size() == 2);
    CHECK(rects[0] == CoverageRect{1088, 64, 1216, 128, true});
    CHECK(rects[1] == CoverageRect{0, 576, 1280, 704, false});

    // Only a fraction of the canvas is drawn.
    long covered = 0;
    for (const CoverageRect& r : rects)
        covered += long(r.x1 - r.x0) * (r.y1 - r.y0);
    CHECK(covered * 5 < 1280L * 720);
}

TEST_CASE("coverage: the margin keeps what bilinear sampling can reach", "[coverage]") {
    // An opaque block ending exactly on a tile edge: with a margin, the tiles beside it are
    // drawn (mixed: part see-through), and its own tiles are no longer opaque at their border.
    Picture picture(256, 64);
    picture.fill(0, 0, 64, 64, 255);
    CHECK(picture.coverage({64, 0}) == std::vector<CoverageRect>{{0, 0, 64, 64, true}});
    CHECK(picture.coverage({64, 2}) == std::vector<CoverageRect>{{0, 0, 128, 64, false}});

    // One visible pixel anywhere in a tile makes the tile drawn.
    Picture dot(256, 64);
    dot.fill(200, 10, 201, 11, 1);
    CHECK(dot.coverage({64, 0}) == std::vector<CoverageRect>{{192, 0, 256, 64, false}});
}

TEST_CASE("coverage: equal row runs merge downwards, different ones stay apart", "[coverage]") {
    Picture picture(128, 192);
    picture.fill(0, 0, 64, 128, 255);     // opaque left column over two tile rows
    picture.fill(64, 128, 128, 192, 90);  // a mixed tile bottom right
    const auto rects = picture.coverage({64, 0});
    REQUIRE(rects.size() == 2);
    CHECK(rects[0] == CoverageRect{0, 0, 64, 128, true});
    CHECK(rects[1] == CoverageRect{64, 128, 128, 192, false});
}

TEST_CASE("coverage: sizes that are not a multiple of the tile, and rows with padding",
          "[coverage]") {
    // 100x70 with a stride of 512 bytes: the padding holds alpha 255 that must not count.
    const int width = 100, height = 70, stride = 512;
    std::vector<uint8_t> rgba(size_t(stride) * height, 255);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            rgba[size_t(y) * stride + x * 4 + 3] = 0;
    rgba[size_t(69) * stride + 99 * 4 + 3] = 255;  // the last pixel
    const auto rects = compute_coverage(rgba.data(), width, height, stride, {64, 0});
    CHECK(rects == std::vector<CoverageRect>{{64, 64, 100, 70, false}});
}

}  // namespace lm
