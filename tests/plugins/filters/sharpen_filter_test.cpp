// Sharpen on real pixels (GPU, llvmpipe).
#include "tests/plugins/filters/filter_test_support.hpp"

using namespace lm;
using namespace lm::test;

TEST_CASE("sharpen increases an edge's contrast and leaves flat areas alone", "[filters][gpu]") {
    GpuRig rig;
    // Grey 100 left of x = 20, grey 150 from it.
    auto source = std::make_shared<PictureSource>(40, 20, [](int x, int) {
        const auto v = uint8_t(x < 20 ? 100 : 150);
        return Rgba8{v, v, v, 255};
    });
    const Picture sharp = rig.draw(filtered(source, "sharpen", {{"amount", 100}}));
    // Each side of the edge moves away from the other by a third of the step (the 3x3
    // average holds a third of the other side): 100 -> 83.3, 150 -> 166.7.
    check_pixel(sharp, 19, 10, {83, 83, 83, 255});
    check_pixel(sharp, 20, 10, {167, 167, 167, 255});
    CHECK(int(sharp.at(20, 10).g) - int(sharp.at(19, 10).g) > 80);  // was 50
    // Away from the edge, exactly as before.
    check_pixel(sharp, 5, 10, {100, 100, 100, 255}, 0);
    check_pixel(sharp, 35, 10, {150, 150, 150, 255}, 0);
    check_pixel(sharp, 17, 0, {100, 100, 100, 255}, 0);  // the picture's edge is not an edge

    // Half the amount, half the overshoot; none at all, the picture as it was.
    const Picture gentle = rig.draw(filtered(source, "sharpen", {{"amount", 50}}));
    check_pixel(gentle, 19, 10, {92, 92, 92, 255});
    const Picture none = rig.draw(filtered(source, "sharpen", {{"amount", 0}}));
    check_pixel(none, 19, 10, {100, 100, 100, 255}, 0);
    check_pixel(none, 20, 10, {150, 150, 150, 255}, 0);
}
