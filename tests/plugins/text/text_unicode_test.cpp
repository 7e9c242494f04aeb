// Scripts beyond Latin: right-to-left Hebrew and Arabic, CJK and colour emoji all come out as
// real glyphs (font fallback and shaping by Pango), not as boxes.
#include <catch2/catch.hpp>

#include "plugins/text/text_source.hpp"
#include "tests/plugins/text/text_test_support.hpp"

using namespace lm;
using namespace lm::test;

namespace {

TextSettings text_settings(std::string text) {
    TextSettings settings;
    settings.text = std::move(text);
    settings.style.size_px = 64;
    return settings;
}

/// Renders `text` and checks it has ink and every character found a glyph.
VideoFramePtr render_glyphs(const std::string& text) {
    TextSource source(text_settings(text));
    INFO(text << ": " << source.status().message);
    CHECK(source.unknown_glyphs() == 0);
    CHECK(source.status().ok());
    VideoFramePtr frame = source.rendered();
    REQUIRE(frame);
    CHECK(count_pixels(*frame, is_ink) > 300);
    return frame;
}

bool is_colourful(Rgba p) {
    return p.a > 200 && std::max({p.r, p.g, p.b}) - std::min({p.r, p.g, p.b}) > 80;
}

/// The share of pixels whose alpha is within 64 of each other in two same-sized crops.
double alpha_match(const VideoFrame& a, int ax, const VideoFrame& b, int bx, int width) {
    int same = 0;
    int total = 0;
    for (int y = 0; y < std::min(a.height(), b.height()); ++y) {
        for (int x = 0; x < width; ++x) {
            const int pa = pixel(a, ax + x, y).a;
            const int pb = pixel(b, bx + x, y).a;
            if (pa < 64 && pb < 64)
                continue;  // both background: says nothing
            ++total;
            same += std::abs(pa - pb) <= 64 ? 1 : 0;
        }
    }
    return total ? double(same) / total : 0.0;
}

}  // namespace

TEST_CASE("Hebrew, Arabic and Japanese render as glyphs", "[text][unicode]") {
    render_glyphs("שלום");
    render_glyphs("مرحبا");
    render_glyphs("日本語");
    render_glyphs("Live Machine · ライブ · שידור חי");
}

TEST_CASE("Hebrew reads right to left: the first letter is drawn rightmost", "[text][unicode]") {
    const VideoFramePtr shin = render_glyphs("ש");
    const VideoFramePtr word = render_glyphs("שלום");
    REQUIRE(word->width() > 2 * shin->width());
    const int w = shin->width();
    const double right = alpha_match(*shin, 0, *word, word->width() - w, w);
    const double left = alpha_match(*shin, 0, *word, 0, w);
    INFO("shin matches the word's right end " << right << ", its left end " << left);
    CHECK(right > 0.9);
    CHECK(left < 0.6);
}

TEST_CASE("an emoji comes out in colour", "[text][unicode]") {
    // The movie camera is a dark grey body with a red and a green light: drawn in its own
    // colours, not in the (white) text colour.
    const VideoFramePtr camera = render_glyphs("🎥");
    CHECK(count_pixels(*camera, is_colourful) >= 4);
    CHECK(count_pixels(*camera, [](Rgba p) {
              return p.a > 200 && std::max({p.r, p.g, p.b}) < 100;
          }) > 300);
    const VideoFramePtr apple = render_glyphs("🍎");
    CHECK(count_pixels(*apple, [](Rgba p) { return p.a > 200 && p.r > 180 && p.g < 90; }) > 500);
    // Latin text in white has no colour at all: the check can tell them apart.
    const VideoFramePtr latin = render_glyphs("Cam");
    CHECK(count_pixels(*latin, is_colourful) == 0);
}

TEST_CASE("a character no font has is counted and reported", "[text][unicode]") {
    // U+10FFFD: private use, in no installed font.
    TextSource source(text_settings("A \U0010FFFD B"));
    CHECK(source.unknown_glyphs() == 1);
    CHECK(source.status().level == SourceStatus::Level::warning);
    CHECK_THAT(source.status().message, Catch::Contains("1 character(s) are in no installed font"));
    CHECK(source.rendered());
}
