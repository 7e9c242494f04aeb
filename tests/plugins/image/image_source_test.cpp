// The Image source through the real video mixer (llvmpipe in CI): pictures land where their
// item is, transparency shows what is under it, animations keep their timing, changed files
// reload, bad files say what is wrong while the show goes on.
#include "plugins/image/image_source.hpp"

#include <catch2/catch.hpp>

#include "core/plugin/plugin_registry.hpp"
#include "plugins/image/image_types.hpp"
#include "tests/plugins/image/image_test_support.hpp"

using namespace lm;
using namespace lm::test;

namespace {

std::shared_ptr<ImageSource> image_of(const std::filesystem::path& path, bool loop = true,
                                      double speed_percent = 100) {
    ImageSourceSettings settings;
    settings.file = path.string();
    settings.loop = loop;
    settings.speed_percent = speed_percent;
    return std::make_shared<ImageSource>(std::move(settings));
}

// A full-canvas blue picture to put under the item being tested.
std::shared_ptr<ImageSource> blue_background(const TempDir& dir) {
    make_with_ffmpeg("-f lavfi -i color=blue:s=320x180 -frames:v 1", dir / "background.png");
    return image_of(dir / "background.png");
}

// Pops frames until `ready` holds for one (true) or `max_frames` went by (false).
template <typename Predicate>
bool wait_for_frame(MixerRun& run, int max_frames, Predicate ready) {
    for (int i = 0; i < max_frames; ++i) {
        if (ready(*run.next()))
            return true;
    }
    return false;
}

constexpr int kTwoSecondsOfFrames = 60;  // at MixerRun's 30 fps

}  // namespace

TEST_CASE("every picture format shows through the mixer at its item's place", "[image][gpu]") {
    TempDir dir;
    std::filesystem::path file;
    double tolerance = 4;
    SECTION("png") {
        file = dir / "two.png";
        make_two_colour_picture(file, "red", "blue");
    }
    SECTION("jpeg") {
        file = dir / "two.jpg";
        make_two_colour_picture(file, "red", "blue", "-q:v 2");
        tolerance = 8;
    }
    SECTION("webp") {
        file = dir / "two.webp";
        make_two_colour_picture(file, "red", "blue", "-c:v libwebp -quality 95");
        tolerance = 8;
    }
    SECTION("gif") {
        file = dir / "two.gif";
        make_two_colour_picture(file, "red", "blue");
    }
    SECTION("bmp") {
        file = dir / "two.bmp";
        make_two_colour_picture(file, "red", "blue");
    }
    SECTION("tiff") {
        file = dir / "two.tiff";
        make_two_colour_picture(file, "red", "blue");
    }
    SECTION("svg") {
        file = dir / "two.svg";
        write_file(file, R"(<svg xmlns="http://www.w3.org/2000/svg" width="64" height="48">
            <rect x="0" y="0" width="32" height="48" fill="#ff0000"/>
            <rect x="32" y="0" width="32" height="48" fill="#0000ff"/></svg>)");
    }
    auto image = image_of(file);
    INFO(file.filename() << ": " << image->status().message);
    REQUIRE(image->status().ok());
    CHECK(image->width() == 64);
    CHECK(image->height() == 48);

    // At (100, 40), twice its size: red over x 100..163, blue over x 164..227, y 40..135.
    const auto frames = mix_frames(scene_of({item_at(1, image, 100, 40, 2)}), 3);
    const VideoFrame& frame = *frames.back();
    INFO(describe_pixel(frame, 130, 88) << " / " << describe_pixel(frame, 196, 88));
    CHECK(shows(frame, 130, 88, kRed, tolerance));
    CHECK(shows(frame, 196, 88, kBlue, tolerance));
    CHECK(shows(frame, 104, 44, kRed, tolerance));    // near the top-left corner
    CHECK(shows(frame, 222, 130, kBlue, tolerance));  // near the bottom-right corner
    CHECK(shows(frame, 96, 88, kBlack));              // left of the item
    CHECK(shows(frame, 232, 88, kBlack));             // right of it
    CHECK(shows(frame, 130, 36, kBlack));             // above it
    CHECK(shows(frame, 130, 140, kBlack));            // below it
}

TEST_CASE("transparent parts of a picture show the item beneath", "[image][gpu]") {
    TempDir dir;
    auto background = blue_background(dir);
    std::filesystem::path file;
    SECTION("png") {
        // Left half opaque red, top right transparent, bottom right red at alpha 128.
        file = dir / "alpha.png";
        make_with_ffmpeg(
            "-f lavfi -i \"color=red:s=64x48,format=rgba,"
            "geq=r=255:g=0:b=0:a='if(lt(X,32),255,if(lt(Y,24),0,128))'\" -frames:v 1",
            file);
    }
    SECTION("webp") {
        file = dir / "alpha.webp";
        make_with_ffmpeg(
            "-f lavfi -i \"color=red:s=64x48,format=rgba,"
            "geq=r=255:g=0:b=0:a='if(lt(X,32),255,if(lt(Y,24),0,128))'\" -frames:v 1 "
            "-c:v libwebp -lossless 1",
            file);
    }
    SECTION("svg") {
        file = dir / "alpha.svg";
        write_file(file, R"(<svg xmlns="http://www.w3.org/2000/svg" width="64" height="48">
            <rect x="0" y="0" width="32" height="48" fill="#ff0000"/>
            <rect x="32" y="24" width="32" height="24" fill="#ff0000" fill-opacity="0.502"/>
            </svg>)");
    }
    auto image = image_of(file);
    INFO(file.filename() << ": " << image->status().message);
    REQUIRE(image->status().ok());

    const auto frames =
        mix_frames(scene_of({item_at(1, background, 0, 0), item_at(2, image, 100, 40, 2)}), 3);
    const VideoFrame& frame = *frames.back();
    INFO(describe_pixel(frame, 130, 88)
         << " / " << describe_pixel(frame, 196, 60) << " / " << describe_pixel(frame, 196, 116));
    CHECK(shows(frame, 130, 88, kRed));               // opaque
    CHECK(shows(frame, 196, 60, kBlue));              // fully transparent: the background
    CHECK(shows(frame, 20, 20, kBlue));               // the background outside the picture
    CHECK(shows(frame, 196, 116, {128, 0, 127}, 5));  // half red over blue
}

TEST_CASE("an animated GIF changes frames at the file's frame durations at any frame rate",
          "[image][gpu]") {
    TempDir dir;
    make_animated_gif(dir / "anim.gif");  // red 300 ms, lime 600 ms, blue 300 ms, looping
    auto image = image_of(dir / "anim.gif");
    REQUIRE(image->status().ok());
    int fps = 30;
    SECTION("30 fps") {}
    SECTION("60 fps") {
        fps = 60;
    }

    MixerRun run(scene_of({item_at(1, image, 0, 0, 2)}), VideoFormat{320, 180, {fps, 1}});
    std::vector<VideoFramePtr> frames;
    for (int i = 0; i < fps * 8 / 5; ++i)  // 1.6 s: one pass and a third
        frames.push_back(run.next());
    run.stop();
    const VideoMixerCounters counters = run.counters();

    // Frame n is stamped n / fps and the animation starts at frame 0, so what shows depends
    // on that time only: red 0-300 ms, lime 300-900 ms, blue 900-1200 ms, then again.
    auto expected = [fps](int64_t index) {
        const int64_t in_pass_ms = index * 1000 / fps % 1200;
        return in_pass_ms < 300 ? kRed : in_pass_ms < 900 ? kLime : kBlue;
    };
    // Mid-segment frames are far from any change: right even if the machine was too busy for
    // a frame or two (the mixer then repeats the previous picture).
    for (int ms : {150, 600, 1050, 1350}) {
        const VideoFrame& frame = *frames[size_t(ms * fps / 1000)];
        INFO(ms << " ms: " << describe_pixel(frame, 64, 48));
        CHECK(shows(frame, 64, 48, expected(frame.index)));
    }
    // With every frame rendered on time, every frame is exactly on the file's timing.
    if (counters.frames_missed == 0) {
        for (const auto& frame : frames) {
            INFO(describe_pixel(*frame, 64, 48));
            CHECK(shows(*frame, 64, 48, expected(frame->index)));
        }
    } else {
        WARN(counters.frames_missed << " frames missed: only mid-segment frames checked");
    }
}

TEST_CASE("speed and loop settings change how an animation plays", "[image][gpu]") {
    TempDir dir;
    make_animated_gif(dir / "anim.gif");
    // Twice as fast, once: red 0-150 ms (frames 0-4), lime to 450 ms (5-13), blue from 450 ms
    // (frame 14) on, and it stays blue.
    auto image = image_of(dir / "anim.gif", false, 200);
    const auto frames = mix_frames(scene_of({item_at(1, image, 0, 0, 2)}), 45);
    for (int index : {2, 9, 18, 30, 44}) {
        const Rgb8 want = index < 5 ? kRed : index < 14 ? kLime : kBlue;
        INFO(describe_pixel(*frames[index], 64, 48));
        CHECK(shows(*frames[index], 64, 48, want));
    }
}

TEST_CASE("overwriting the picture file shows the new picture within two seconds", "[image][gpu]") {
    TempDir dir;
    const auto path = dir / "logo.png";
    make_png(path, "red");
    auto image = image_of(path);
    MixerRun run(scene_of({item_at(1, image, 0, 0)}));
    REQUIRE(shows(*run.next(), 32, 24, kRed));

    SECTION("written in place") {
        make_png(path, "lime");  // ffmpeg truncates and rewrites the same file
        CHECK(wait_for_frame(run, kTwoSecondsOfFrames,
                             [](const VideoFrame& f) { return shows(f, 32, 24, kLime); }));
    }
    SECTION("replaced by a rename, as editors save") {
        make_png(dir / "new.png", "lime");
        replace_file(dir / "new.png", path);
        CHECK(wait_for_frame(run, kTwoSecondsOfFrames,
                             [](const VideoFrame& f) { return shows(f, 32, 24, kLime); }));
    }
    CHECK(image->status().ok());
}

TEST_CASE("bad files draw nothing and say why, the show goes on, and fixing the file recovers",
          "[image][gpu]") {
    TempDir dir;
    auto background = blue_background(dir);
    const auto path = dir / "logo.png";
    std::string expected_start;
    SECTION("missing") {
        expected_start = "image: '" + path.string() + "' not found; choose another file";
    }
    SECTION("corrupt: a truncated PNG") {
        make_png(dir / "whole.png", "red");
        const std::string whole = read_file(dir / "whole.png");
        write_file(path, whole.substr(0, whole.size() / 2));
        expected_start = "image: cannot decode '" + path.string() + "' (png): ";
    }
    SECTION("not an image: a text file named .png") {
        write_file(path, "this is not a picture\n");
        expected_start = "image: cannot decode '" + path.string() + "' (png): Invalid data found";
    }
    auto image = image_of(path);
    const SourceStatus status = image->status();
    CHECK(status.level == SourceStatus::Level::error);
    CHECK_THAT(status.message, Catch::StartsWith(expected_start));
    CHECK(image->width() == 0);

    MixerRun run(scene_of({item_at(1, background, 0, 0), item_at(2, image, 0, 0)}));
    for (int i = 0; i < 10; ++i) {  // the mixer keeps going; nothing but the background
        const VideoFramePtr frame = run.next();
        CHECK(frame->index == i);
        CHECK(shows(*frame, 32, 24, kBlue));
    }
    make_png(dir / "fixed.png", "red");
    replace_file(dir / "fixed.png", path);
    CHECK(wait_for_frame(run, kTwoSecondsOfFrames,
                         [](const VideoFrame& f) { return shows(f, 32, 24, kRed); }));
    CHECK(image->status().ok());
    CHECK(image->width() == 64);
}

TEST_CASE("a failed reload keeps the last good picture on screen and reports the error",
          "[image][gpu]") {
    TempDir dir;
    const auto path = dir / "logo.png";
    make_png(path, "red");
    auto image = image_of(path);
    MixerRun run(scene_of({item_at(1, image, 0, 0)}));
    REQUIRE(shows(*run.next(), 32, 24, kRed));

    write_file(dir / "broken.png", "not a picture any more");
    replace_file(dir / "broken.png", path);
    for (int i = 0; i < kTwoSecondsOfFrames && image->status().ok(); ++i)
        CHECK(shows(*run.next(), 32, 24, kRed));
    CHECK_THAT(image->status().message, Catch::StartsWith("image: cannot decode '"));
    for (int i = 0; i < 5; ++i)
        CHECK(shows(*run.next(), 32, 24, kRed));  // still the last good picture

    std::filesystem::remove(path);
    for (int i = 0;
         i < kTwoSecondsOfFrames && image->status().message.find("not found") == std::string::npos;
         ++i) {
        run.next();
    }
    CHECK_THAT(image->status().message, Catch::EndsWith("not found; choose another file"));
    CHECK(shows(*run.next(), 32, 24, kRed));

    make_png(dir / "fixed.png", "lime");
    replace_file(dir / "fixed.png", path);
    CHECK(wait_for_frame(run, kTwoSecondsOfFrames,
                         [](const VideoFrame& f) { return shows(f, 32, 24, kLime); }));
    CHECK(image->status().ok());
}

TEST_CASE("the Image source type is registered with file, loop and speed settings", "[image]") {
    PluginRegistry registry;
    register_image_types(registry);
    const SourceType* type = registry.source("image_source");
    REQUIRE(type);
    CHECK(type->display_name == "Image");
    CHECK(type->capabilities == Source::kVideo);

    SECTION("no file chosen is a warning, not an error") {
        auto source = registry.create_source("image_source", nlohmann::json::object());
        CHECK(source->status() ==
              SourceStatus{SourceStatus::Level::warning, "image: no file chosen"});
        CHECK(source->width() == 0);
    }
    SECTION("a picture file") {
        TempDir dir;
        make_png(dir / "red.png", "red");
        auto source = registry.create_source(
            "image_source", {{"file", (dir / "red.png").string()}, {"speed_percent", 250}});
        CHECK(source->status().ok());
        CHECK(source->width() == 64);
        CHECK(source->height() == 48);
    }
    SECTION("speeds outside 10 to 1000 percent are refused") {
        CHECK_THROWS_WITH(registry.create_source("image_source", {{"speed_percent", 5}}),
                          Catch::Contains("'speed_percent'"));
        CHECK_THROWS_WITH(registry.create_source("image_source", {{"speed_percent", 1001}}),
                          Catch::Contains("'speed_percent'"));
        ImageSourceSettings zero_speed;
        zero_speed.speed_percent = 0;
        CHECK_THROWS_AS(ImageSource(zero_speed), std::invalid_argument);
    }
}
