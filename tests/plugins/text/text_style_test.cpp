// How the text looks: colour, size, outline, shadow, background, padding, alignment and
// wrapping, read from the source's rendered picture.
#include <catch2/catch.hpp>

#include "plugins/text/text_source.hpp"
#include "tests/plugins/text/text_test_support.hpp"

using namespace lm;
using namespace lm::test;

namespace {

TextSettings text_settings(std::string text, int size_px = 48) {
    TextSettings settings;
    settings.text = std::move(text);
    settings.style.size_px = size_px;
    return settings;
}

VideoFramePtr render(const TextSettings& settings) {
    TextSource source(settings);
    REQUIRE(source.status().ok());
    VideoFramePtr frame = source.rendered();
    REQUIRE(frame);
    CHECK(source.width() == frame->width());
    CHECK(source.height() == frame->height());
    return frame;
}

bool is_white(Rgba p) {
    return p.a > 240 && p.r > 240 && p.g > 240 && p.b > 240;
}

}  // namespace

TEST_CASE("white text is white glyphs on a transparent picture", "[text]") {
    const VideoFramePtr frame = render(text_settings("Live Machine"));
    CHECK(frame->format() == PixelFormat::rgba);
    const int white = count_pixels(*frame, is_white);
    const int area = frame->width() * frame->height();
    INFO("white " << white << " of " << area);
    CHECK(white > area / 20);  // strokes of a dozen letters
    CHECK(white < area / 2);   // and gaps between them
    CHECK(count_pixels(*frame, [](Rgba p) { return p.a == 0; }) > area / 3);
    // Premultiplied: no colour channel exceeds alpha.
    CHECK(count_pixels(*frame, [](Rgba p) { return p.r > p.a || p.g > p.a || p.b > p.a; }) == 0);
}

TEST_CASE("the picture grows with longer text and with the font size", "[text]") {
    const VideoFramePtr short_text = render(text_settings("Hi"));
    const VideoFramePtr long_text = render(text_settings("Hi there, everyone"));
    CHECK(long_text->width() > 4 * short_text->width());
    CHECK(long_text->height() == short_text->height());

    const VideoFramePtr big = render(text_settings("Hi", 96));
    const double ratio_w = double(big->width()) / short_text->width();
    const double ratio_h = double(big->height()) / short_text->height();
    CHECK(ratio_w == Approx(2.0).margin(0.2));
    CHECK(ratio_h == Approx(2.0).margin(0.2));
}

TEST_CASE("red text has red glyph pixels and nothing else", "[text]") {
    TextSettings settings = text_settings("Red");
    settings.style.color = 0xFFFF0000;
    const VideoFramePtr frame = render(settings);
    const int red =
        count_pixels(*frame, [](Rgba p) { return p.a > 240 && p.r > 240 && p.g < 16 && p.b < 16; });
    CHECK(red > 200);
    CHECK(count_pixels(*frame, [](Rgba p) { return p.g > 16 || p.b > 16; }) == 0);
}

TEST_CASE("an outline surrounds the glyphs in its colour and grows the picture", "[text]") {
    TextSettings settings = text_settings("I");
    const VideoFramePtr plain = render(settings);
    settings.style.outline = true;
    settings.style.outline_color = 0xFF00FF00;
    settings.style.outline_width_px = 5;
    const VideoFramePtr outlined = render(settings);
    CHECK(outlined->width() == plain->width() + 10);
    CHECK(outlined->height() == plain->height() + 10);

    const PixelBox glyph = box_of(*outlined, is_white);
    REQUIRE(!glyph.empty());
    auto green = [](Rgba p) { return p.a > 240 && p.g > 240 && p.r < 16 && p.b < 16; };
    const int mid_y = (glyph.y0 + glyph.y1) / 2;
    // Three pixels out from the bar's left and right edges, and above its top: outline.
    CHECK(green(pixel(*outlined, glyph.x0 - 3, mid_y)));
    CHECK(green(pixel(*outlined, glyph.x1 + 3, mid_y)));
    CHECK(green(pixel(*outlined, (glyph.x0 + glyph.x1) / 2, glyph.y0 - 3)));
    // Eight pixels out is past the 5 px outline.
    CHECK(pixel(*outlined, glyph.x0 - 8, mid_y).a == 0);
}

TEST_CASE("a shadow puts its colour at the offset, under the text", "[text]") {
    TextSettings settings = text_settings("I");
    const VideoFramePtr plain = render(settings);
    settings.style.shadow = true;
    settings.style.shadow_color = 0xFF0000FF;
    settings.style.shadow_offset_px = 6;
    const VideoFramePtr shadowed = render(settings);
    CHECK(shadowed->width() == plain->width() + 6);
    CHECK(shadowed->height() == plain->height() + 6);

    const PixelBox glyph = box_of(*shadowed, is_white);
    REQUIRE(!glyph.empty());
    auto blue = [](Rgba p) { return p.a > 240 && p.b > 240 && p.r < 16 && p.g < 16; };
    // The bar's bottom-right corner, moved by the offset, is shadow; so is the strip right of
    // the bar; the top-left, where the shadow does not reach, stays clear.
    CHECK(blue(pixel(*shadowed, glyph.x1 + 6, glyph.y1 + 6)));
    CHECK(blue(pixel(*shadowed, glyph.x1 + 3, (glyph.y0 + glyph.y1) / 2)));
    CHECK(pixel(*shadowed, glyph.x0 - 1, glyph.y0 - 1).a == 0);
    // The shadow is under the text: the glyph itself stays white.
    CHECK(is_white(pixel(*shadowed, glyph.x1 - 1, glyph.y1 - 1)));

    settings.style.shadow_offset_px = -6;  // up and to the left
    const VideoFramePtr up_left = render(settings);
    const PixelBox moved = box_of(*up_left, is_white);
    CHECK(blue(pixel(*up_left, moved.x0 - 6, moved.y0 - 6)));
}

TEST_CASE("a background fills the whole picture, padding included", "[text]") {
    TextSettings settings = text_settings("Hi");
    const VideoFramePtr plain = render(settings);
    settings.style.background_color = 0xFF00FF00;
    settings.style.padding_px = 10;
    const VideoFramePtr boxed = render(settings);
    CHECK(boxed->width() == plain->width() + 20);
    CHECK(boxed->height() == plain->height() + 20);
    auto green = [](Rgba p) { return p.a == 255 && p.g == 255 && p.r == 0 && p.b == 0; };
    CHECK(green(pixel(*boxed, 0, 0)));
    CHECK(green(pixel(*boxed, boxed->width() - 1, boxed->height() - 1)));
    CHECK(green(pixel(*boxed, 5, boxed->height() / 2)));
    // Opaque everywhere, the text white on it.
    CHECK(count_pixels(*boxed, [](Rgba p) { return p.a != 255; }) == 0);
    CHECK(count_pixels(*boxed, is_white) > 100);
}

TEST_CASE("a half-transparent colour is stored premultiplied", "[text]") {
    TextSettings settings = text_settings("Hi");
    settings.style.background_color = 0x80FF0000;
    const VideoFramePtr frame = render(settings);
    const Rgba corner = pixel(*frame, 0, 0);
    CHECK(corner.a == 128);
    CHECK(std::abs(corner.r - 128) <= 1);
    CHECK(corner.g == 0);
    CHECK(corner.b == 0);
}

TEST_CASE("alignment moves the ink left, centre or right within the wrap width", "[text]") {
    TextSettings settings = text_settings("Hi");
    settings.style.wrap = true;
    settings.style.wrap_width_px = 600;
    double centre[3] = {};
    const TextAlign aligns[3] = {TextAlign::left, TextAlign::center, TextAlign::right};
    for (int i = 0; i < 3; ++i) {
        settings.style.align = aligns[i];
        const VideoFramePtr frame = render(settings);
        CHECK(frame->width() == 600);
        const PixelBox ink = box_of(*frame, is_ink);
        REQUIRE(!ink.empty());
        centre[i] = ink.centre_x();
    }
    INFO("ink centres " << centre[0] << " " << centre[1] << " " << centre[2]);
    CHECK(centre[0] < 100);
    CHECK(centre[1] == Approx(300).margin(10));
    CHECK(centre[2] > 500);
}

TEST_CASE("wrapping breaks text into lines no wider than the wrap width", "[text]") {
    TextSettings settings = text_settings("one two three four five six seven eight");
    const VideoFramePtr line = render(settings);
    settings.style.wrap = true;
    settings.style.wrap_width_px = 250;
    const VideoFramePtr page = render(settings);
    CHECK(page->width() == 250);
    CHECK(page->height() >= 3 * line->height());
    const PixelBox ink = box_of(*page, is_ink);
    CHECK(ink.x1 < 250);
}

TEST_CASE("bold text has more ink than regular text", "[text]") {
    TextSettings settings = text_settings("Bold words");
    const int regular = count_pixels(*render(settings), is_ink);
    settings.style.bold = true;
    const int bold = count_pixels(*render(settings), is_ink);
    CHECK(bold > regular * 6 / 5);
}

TEST_CASE("empty text draws nothing and has no size", "[text]") {
    TextSource source(text_settings(""));
    CHECK(source.status().ok());
    CHECK(!source.rendered());
    CHECK(source.width() == 0);
    CHECK(source.height() == 0);
}
