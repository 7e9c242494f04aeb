// The colour key on real pixels (GPU, llvmpipe): the key colour goes, everything else stays.
#include "tests/plugins/filters/filter_test_support.hpp"

using namespace lm;
using namespace lm::test;

TEST_CASE("colour key makes the key colour transparent and leaves other colours untouched",
          "[filters][gpu]") {
    GpuRig rig;
    // Four bands: the key colour, a near colour, a darker shade of it and something else.
    const Rgba8 bands[] = {{255, 0, 255}, {255, 0, 200}, {128, 0, 128}, {30, 160, 90}};
    auto source =
        std::make_shared<PictureSource>(40, 10, [&](int x, int) { return bands[x / 10]; });
    const Picture keyed = rig.draw(filtered(source, "color_key", {{"key_color", 0xFFFF00FFu}}));
    check_pixel(keyed, 5, 5, {0, 0, 0, 0}, 0);  // the key colour: fully transparent
    for (int band = 1; band < 4; ++band) {
        INFO("band " << band);
        check_pixel(keyed, band * 10 + 5, 5, bands[band], 0);  // untouched, opaque
    }

    // A wider similarity takes the near colour too (distance 55/255), but not the shade.
    const Picture wide =
        rig.draw(filtered(source, "color_key", {{"key_color", 0xFFFF00FFu}, {"similarity", 300}}));
    check_pixel(wide, 15, 5, {0, 0, 0, 0}, 0);
    check_pixel(wide, 25, 5, bands[2], 0);

    // Unlike the chroma key, which keys the shade with the colour (same chroma).
    const Picture chroma = rig.draw(filtered(source, "chroma_key", {{"key_color", 0xFFFF00FFu}}));
    CHECK(int(chroma.at(25, 5).a) == 0);
}
