// The stinger's video as the media plugin decodes it: transparency kept for the formats that
// carry it (QuickTime Animation, WebM VP9 with alpha), every run from the first frame.
#include <catch2/catch.hpp>

#include <algorithm>
#include <future>
#include <thread>

#include "plugins/media/media_player.hpp"
#include "plugins/media/media_types.hpp"
#include "plugins/media/stinger_overlay.hpp"
#include "tests/plugins/media/media_test_support.hpp"

using namespace lm;

namespace {

/// 320x180, 11 frames (367 ms): a magenta band over rows 60..119, transparent elsewhere.
std::filesystem::path make_band_clip(const std::filesystem::path& dir, const std::string& name,
                                     const std::string& codec) {
    const auto path = dir / name;
    test::run_ffmpeg(
        "-f lavfi -i \"color=c=magenta:s=320x180:r=30:d=0.34,format=rgba,"
        "geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='if(between(Y,60,119),255,0)'\" " +
        codec + " " + path.string());
    return path;
}

/// The alpha of the first decoded frame at (160, y).
int first_frame_alpha(const std::filesystem::path& file, int y) {
    MediaPlayerOptions options;
    options.loop = false;
    options.hardware_decode = false;
    MediaPlayer player(file.string(), options);
    for (int i = 0; i < 500 && player.frames().front_time() < 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    const VideoFramePtr frame = player.frames().take_due(0);
    REQUIRE(frame);
    return frame->data(0)[y * frame->stride(0) + 160 * 4 + 3];
}

}  // namespace

TEST_CASE("a stinger's transparency survives decoding", "[media][stinger]") {
    test::TempDir dir;
    SECTION("QuickTime Animation (.mov)") {
        const auto clip = make_band_clip(dir.path, "band.mov", "-c:v qtrle");
        CHECK(first_frame_alpha(clip, 20) == 0);
        CHECK(first_frame_alpha(clip, 90) == 255);
    }
    SECTION("WebM VP9 with alpha, which FFmpeg's own VP9 decoder would make opaque") {
        const auto clip =
            make_band_clip(dir.path, "band.webm", "-c:v libvpx-vp9 -pix_fmt yuva420p");
        CHECK(first_frame_alpha(clip, 20) < 10);
        CHECK(first_frame_alpha(clip, 90) > 245);
    }
}

TEST_CASE("the stinger type checks the file before it is chosen", "[media][stinger]") {
    test::TempDir dir;
    PluginRegistry registry;
    register_media_types(registry);
    const TransitionType* type = registry.transition("stinger");
    REQUIRE(type);
    Transition stinger;
    stinger.kind = Transition::Kind::stinger;
    CHECK(type->check(stinger) == "Choose the stinger's video file.");
    stinger.stinger_file = (dir.path / "none.mov").string();
    CHECK(type->check(stinger) == "'" + stinger.stinger_file + "' not found.");
    stinger.stinger_file = make_band_clip(dir.path, "band.mov", "-c:v qtrle").string();
    stinger.stinger_point_ms = 200;
    CHECK(type->check(stinger).empty());
    stinger.stinger_point_ms = 900;
    CHECK(type->check(stinger) ==
          "The transition point (900 ms) is after the video ends (367 ms).");
}

TEST_CASE("each run starts from the first frame, through the real video mixer",
          "[media][stinger][gpu]") {
    test::TempDir dir;
    // Opaque: red for its first 0.2 s, blue for the rest of its second.
    const auto clip = dir.path / "red_then_blue.mov";
    test::run_ffmpeg(
        "-f lavfi -i color=red:s=320x180:r=30:d=0.2 -f lavfi -i color=blue:s=320x180:r=30:d=0.8 "
        "-filter_complex \"[0:v][1:v]concat=n=2:v=1:a=0[v]\" -map \"[v]\" -c:v qtrle " +
        clip.string());
    auto overlay = std::make_shared<StingerOverlay>(clip.string());
    REQUIRE(overlay->wait_ready(10'000));
    Transition stinger;
    stinger.kind = Transition::Kind::stinger;
    stinger.duration_ms = 1000;
    stinger.stinger_point_ms = 500;
    stinger.stinger = overlay;

    const VideoFormat format{320, 180, {30, 1}};
    const int frames = 120;
    auto queue = std::make_shared<VideoFrameQueue>(frames + 4);
    VideoMixer mixer(format);
    mixer.add_consumer(queue, 0, frames);
    const auto empty_a = test::scene_showing(nullptr);
    const auto empty_b = test::scene_showing(nullptr);
    mixer.set_scene(empty_a);
    std::promise<int64_t> start;
    mixer.start(start.get_future().share());
    start.set_value(clock::now_ns());
    std::vector<test::Shade> shades;
    while (auto frame = queue->pop()) {
        shades.push_back(test::shade_at_centre(**frame));
        if ((*frame)->index == 5 || (*frame)->index == 60) {
            REQUIRE(overlay->wait_ready(5000));  // the next run was prepared meanwhile
            overlay->begin_run();
            mixer.transition_to((*frame)->index == 5 ? empty_b : empty_a, stinger);
        }
    }
    REQUIRE(shades.size() == size_t(frames));
    for (const int asked_at : {5, 60}) {
        INFO("run asked for after frame " << asked_at);
        const auto first = std::find_if(shades.begin() + asked_at, shades.end(),
                                        [](test::Shade s) { return s != test::Shade::black; });
        REQUIRE(first != shades.end());
        const int run_start = int(first - shades.begin());
        CHECK(run_start - asked_at <= 6);  // frames already in flight when it was asked
        // The clip's first frames (red), then the rest (blue), then the scene again.
        CHECK(shades[run_start] == test::Shade::red);
        CHECK(shades[run_start + 4] == test::Shade::red);
        CHECK(shades[run_start + 8] == test::Shade::blue);
        CHECK(shades[run_start + 28] == test::Shade::blue);
        if (run_start + 32 < frames)
            CHECK(shades[run_start + 32] == test::Shade::black);
    }
}
