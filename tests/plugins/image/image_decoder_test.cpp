// Decoding picture files made by the ffmpeg CLI into RGBA frames, on the CPU.
#include "plugins/image/image_decoder.hpp"

#include <catch2/catch.hpp>

#include "tests/plugins/image/image_test_support.hpp"

using namespace lm;
using namespace lm::test;

namespace {

// The RGBA of pixel (x, y) of frame `index`.
std::array<int, 4> rgba_at(const DecodedImage& image, size_t index, int x, int y) {
    const VideoFrame& frame = *image.frames.at(index);
    const uint8_t* p = frame.data(0) + y * frame.stride(0) + x * 4;
    return {p[0], p[1], p[2], p[3]};
}

bool near(std::array<int, 4> got, std::array<int, 4> want, int tolerance) {
    for (size_t i = 0; i < 4; ++i) {
        if (std::abs(got[i] - want[i]) > tolerance)
            return false;
    }
    return true;
}

std::string text(std::array<int, 4> c) {
    return std::to_string(c[0]) + "," + std::to_string(c[1]) + "," + std::to_string(c[2]) + "," +
           std::to_string(c[3]);
}

constexpr const char* kTwoColourSvg = R"(<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="64" height="48">
  <rect x="0" y="0" width="32" height="48" fill="#ff0000"/>
  <rect x="32" y="0" width="32" height="48" fill="#0000ff"/>
</svg>
)";

}  // namespace

TEST_CASE("every picture format decodes to its size with its colours in place", "[image]") {
    TempDir dir;
    struct Case {
        std::string file;
        std::string codec;
        int tolerance;
    };
    const std::vector<Case> cases = {
        {"two.png", "", 0},
        {"two.bmp", "", 0},
        {"two.tiff", "", 0},
        {"two.gif", "", 3},
        {"two.jpg", "-q:v 2", 6},
        {"two.webp", "-c:v libwebp -quality 95", 8},
        {"lossless.webp", "-c:v libwebp -lossless 1", 0},
    };
    for (const Case& c : cases) {
        SECTION(c.file) {
            make_two_colour_picture(dir / c.file, "red", "blue", c.codec);
            const ImageDecodeResult result = decode_image_file(dir / c.file);
            INFO(result.error);
            REQUIRE(result.image);
            CHECK(result.error.empty());
            const DecodedImage& image = *result.image;
            CHECK(image.width() == 64);
            CHECK(image.height() == 48);
            CHECK_FALSE(image.animated());
            CHECK(image.alpha == FramePainter::Alpha::straight);
            INFO("left " << text(rgba_at(image, 0, 10, 24)) << " right "
                         << text(rgba_at(image, 0, 54, 24)));
            CHECK(near(rgba_at(image, 0, 10, 24), {255, 0, 0, 255}, c.tolerance));
            CHECK(near(rgba_at(image, 0, 54, 24), {0, 0, 255, 255}, c.tolerance));
        }
    }
    SECTION("svg") {
        write_file(dir / "two.svg", kTwoColourSvg);
        const ImageDecodeResult result = decode_image_file(dir / "two.svg");
        INFO(result.error);
        REQUIRE(result.image);
        CHECK(result.image->width() == 64);
        CHECK(result.image->height() == 48);
        CHECK(result.image->alpha == FramePainter::Alpha::premultiplied);
        CHECK(near(rgba_at(*result.image, 0, 10, 24), {255, 0, 0, 255}, 0));
        CHECK(near(rgba_at(*result.image, 0, 54, 24), {0, 0, 255, 255}, 0));
    }
}

TEST_CASE("a file name with a colon, a percent sign or spaces is just a name", "[image]") {
    TempDir dir;
    // FFmpeg would otherwise take "http:"-like prefixes for protocols and %d for a sequence.
    const auto path = dir / "logo v2:final 100%d.png";
    make_two_colour_picture(dir / "plain.png", "red", "blue");
    std::filesystem::rename(dir / "plain.png", path);
    const auto result = decode_image_file(path);
    INFO(result.error);
    REQUIRE(result.image);
    CHECK(result.image->width() == 64);
    CHECK(near(rgba_at(*result.image, 0, 10, 24), {255, 0, 0, 255}, 0));
}

TEST_CASE("transparency survives decoding: straight for PNG and WebP, premultiplied for SVG",
          "[image]") {
    TempDir dir;
    // Left half opaque red, right half red at alpha 128.
    const std::string half_transparent =
        "-f lavfi -i \"color=red:s=64x48,format=rgba,geq=r=255:g=0:b=0:a='if(lt(X,32),255,128)'\" "
        "-frames:v 1";
    SECTION("png") {
        make_with_ffmpeg(half_transparent, dir / "alpha.png");
        const auto result = decode_image_file(dir / "alpha.png");
        REQUIRE(result.image);
        CHECK(near(rgba_at(*result.image, 0, 10, 10), {255, 0, 0, 255}, 0));
        CHECK(near(rgba_at(*result.image, 0, 50, 10), {255, 0, 0, 128}, 0));
    }
    SECTION("palette png with a transparent entry") {
        // A palette with a reserved transparent entry, as GIF-style PNG exporters write.
        make_with_ffmpeg(
            "-f lavfi -i \"color=red:s=64x48:d=0.04,format=rgba,"
            "geq=r=255:g=0:b=0:a='if(lt(X,32),255,0)',split[a][b];"
            "[a]palettegen=reserve_transparent=1[p];[b][p]paletteuse=alpha_threshold=128\" "
            "-frames:v 1",
            dir / "palette.png");
        const auto result = decode_image_file(dir / "palette.png");
        REQUIRE(result.image);
        CHECK(near(rgba_at(*result.image, 0, 10, 10), {255, 0, 0, 255}, 0));
        CHECK(rgba_at(*result.image, 0, 50, 10)[3] == 0);
    }
    SECTION("webp") {
        make_with_ffmpeg(half_transparent + " -c:v libwebp -lossless 1", dir / "alpha.webp");
        const auto result = decode_image_file(dir / "alpha.webp");
        REQUIRE(result.image);
        CHECK(near(rgba_at(*result.image, 0, 10, 10), {255, 0, 0, 255}, 1));
        CHECK(near(rgba_at(*result.image, 0, 50, 10), {255, 0, 0, 128}, 1));
    }
    SECTION("svg") {
        write_file(dir / "alpha.svg", R"(<svg xmlns="http://www.w3.org/2000/svg" width="64"
            height="48"><rect x="0" y="0" width="32" height="48" fill="#ff0000"/>
            <rect x="32" y="0" width="32" height="48" fill="#ff0000" fill-opacity="0.5"/></svg>)");
        const auto result = decode_image_file(dir / "alpha.svg");
        REQUIRE(result.image);
        CHECK(near(rgba_at(*result.image, 0, 10, 10), {255, 0, 0, 255}, 0));
        CHECK(near(rgba_at(*result.image, 0, 50, 10), {128, 0, 0, 128}, 1));
    }
}

TEST_CASE("an animated GIF keeps every frame with its own duration", "[image]") {
    TempDir dir;
    make_animated_gif(dir / "anim.gif");
    const auto result = decode_image_file(dir / "anim.gif");
    INFO(result.error);
    REQUIRE(result.image);
    const DecodedImage& image = *result.image;
    REQUIRE(image.frames.size() == 3);
    CHECK(image.animated());
    CHECK(image.frame_start_ns == std::vector<int64_t>{0, 300'000'000, 900'000'000});
    CHECK(image.duration_ns == 1'200'000'000);
    CHECK(near(rgba_at(image, 0, 32, 24), {255, 0, 0, 255}, 3));
    CHECK(near(rgba_at(image, 1, 32, 24), {0, 255, 0, 255}, 3));
    CHECK(near(rgba_at(image, 2, 32, 24), {0, 0, 255, 255}, 3));
}

TEST_CASE("an animated PNG keeps every frame with its own duration", "[image]") {
    TempDir dir;
    make_with_ffmpeg(std::string("-filter_complex \"") + kThreeColourGraph +
                         ",format=rgba\" -fps_mode passthrough -enc_time_base 1:100 -plays 0 "
                         "-final_delay 0.3 -f apng",
                     dir / "anim.png");
    const auto result = decode_image_file(dir / "anim.png");
    INFO(result.error);
    REQUIRE(result.image);
    const DecodedImage& image = *result.image;
    REQUIRE(image.frames.size() == 3);
    CHECK(image.frame_start_ns == std::vector<int64_t>{0, 300'000'000, 900'000'000});
    CHECK(image.duration_ns == 1'200'000'000);
    CHECK(near(rgba_at(image, 0, 32, 24), {255, 0, 0, 255}, 0));
    CHECK(near(rgba_at(image, 1, 32, 24), {0, 255, 0, 255}, 0));
    CHECK(near(rgba_at(image, 2, 32, 24), {0, 0, 255, 255}, 0));
}

TEST_CASE("files that are not pictures are refused with a message naming the file and why",
          "[image]") {
    TempDir dir;
    SECTION("missing") {
        const auto path = dir / "nowhere.png";
        const auto result = decode_image_file(path);
        CHECK_FALSE(result.image);
        CHECK(result.error == "image: '" + path.string() + "' not found; choose another file");
    }
    SECTION("a folder") {
        const auto result = decode_image_file(dir / ".");
        CHECK_FALSE(result.image);
        CHECK_THAT(result.error, Catch::Contains("is a folder; choose a picture file"));
    }
    SECTION("a text file named .png") {
        const auto path = dir / "notes.png";
        write_file(path, "shopping list: eggs, milk\n");
        const auto result = decode_image_file(path);
        CHECK_FALSE(result.image);
        CHECK_THAT(result.error, Catch::StartsWith("image: cannot decode '" + path.string() +
                                                   "' (png): Invalid data found"));
    }
    SECTION("a text file with its own name") {
        const auto path = dir / "notes.txt";
        write_file(path, "shopping list: eggs, milk\n");
        const auto result = decode_image_file(path);
        CHECK_FALSE(result.image);
        CHECK_THAT(result.error, Catch::StartsWith("image: cannot open '" + path.string() +
                                                   "' as a picture: Invalid data found"));
    }
    SECTION("a truncated PNG") {
        make_png(dir / "whole.png", "red");
        const std::string whole = read_file(dir / "whole.png");
        const auto path = dir / "cut.png";
        write_file(path, whole.substr(0, whole.size() / 2));
        const auto result = decode_image_file(path);
        CHECK_FALSE(result.image);
        CHECK_THAT(result.error,
                   Catch::StartsWith("image: cannot decode '" + path.string() + "' (png): "));
        CHECK_THAT(result.error, Catch::Contains("damaged or incomplete"));
    }
    SECTION("a truncated JPEG") {
        make_with_ffmpeg("-f lavfi -i testsrc=s=320x240 -frames:v 1", dir / "whole.jpg");
        const std::string whole = read_file(dir / "whole.jpg");
        const auto path = dir / "cut.jpg";
        write_file(path, whole.substr(0, whole.size() * 2 / 3));
        const auto result = decode_image_file(path);
        CHECK_FALSE(result.image);
        CHECK_THAT(result.error, Catch::StartsWith("image: cannot decode '" + path.string() +
                                                   "' (mjpeg): Invalid data found"));
    }
    SECTION("an animated WebP, which FFmpeg 5 cannot decode") {
        const auto path = dir / "anim.webp";
        make_with_ffmpeg(std::string("-filter_complex \"") + kThreeColourGraph +
                             "\" -fps_mode passthrough -enc_time_base 1:1000 -c:v libwebp_anim "
                             "-loop 0",
                         path);
        const auto result = decode_image_file(path);
        if (result.image) {
            WARN("this FFmpeg decodes animated WebP: " << result.image->frames.size() << " frames");
            CHECK(result.image->frames.size() == 3);
        } else {
            CHECK_THAT(result.error, Catch::StartsWith("image: '" + path.string() +
                                                       "' is an animated WebP, which this FFmpeg"));
            CHECK_THAT(result.error, Catch::EndsWith("convert it to GIF or APNG"));
        }
    }
    SECTION("a video") {
        const auto path = dir / "clip.mp4";
        make_with_ffmpeg("-f lavfi -i testsrc=s=64x48:d=1 -c:v mpeg4", path);
        const auto result = decode_image_file(path);
        CHECK_FALSE(result.image);
        CHECK_THAT(result.error, Catch::StartsWith("image: '" + path.string() +
                                                   "' is not a picture (FFmpeg reads it as 'mov"));
    }
    SECTION("an animation over the memory limit") {
        make_animated_gif(dir / "anim.gif");
        ImageDecodeLimits limits;
        limits.max_decoded_bytes = 2 * 64 * 48 * 4;  // two of its three frames
        const auto result = decode_image_file(dir / "anim.gif", limits);
        CHECK_FALSE(result.image);
        CHECK_THAT(result.error, Catch::Contains("is too large: more than"));
        CHECK_THAT(result.error, Catch::Contains("3 frames of 64x48"));
    }
    SECTION("a single picture over the memory limit") {
        make_png(dir / "big.png", "red");
        ImageDecodeLimits limits;
        limits.max_decoded_bytes = 64 * 47 * 4;  // a row short: FFmpeg refuses to decode it
        const auto result = decode_image_file(dir / "big.png", limits);
        CHECK_FALSE(result.image);
        CHECK_THAT(result.error, Catch::Contains("(png): Invalid argument (or over the limit of"));
    }
    SECTION("a picture wider than a texture can be") {
        make_png(dir / "wide.png", "red");
        ImageDecodeLimits limits;
        limits.max_side_px = 32;
        const auto result = decode_image_file(dir / "wide.png", limits);
        CHECK_FALSE(result.image);
        CHECK_THAT(result.error, Catch::Contains("is 64x48; the largest picture shown is 32x32"));
    }
}
