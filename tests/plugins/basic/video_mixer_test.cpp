// The video mixer on the real GPU path (llvmpipe in CI) with the basic sources.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <numeric>
#include <thread>
#include <tuple>

#include "core/media/clock.hpp"
#include "core/video/video_mixer.hpp"
#include "plugins/basic/color_source.hpp"
#include "plugins/basic/test_pattern_source.hpp"

using namespace lm;

namespace {

std::shared_ptr<Scene> scene_of(std::shared_ptr<Source> source, ItemTransform transform = {}) {
    auto scene = std::make_shared<Scene>();
    SceneItem item;
    item.id = 1;
    item.source = std::move(source);
    item.transform = transform;
    scene->items.push_back(item);
    return scene;
}

std::vector<VideoFramePtr> run_mixer(std::shared_ptr<const Scene> scene, VideoFormat format,
                                     int frames) {
    auto queue = std::make_shared<VideoFrameQueue>(frames + 4);
    VideoMixer mixer(format);
    mixer.add_consumer(queue, 0, frames);
    mixer.set_scene(std::move(scene));
    std::promise<int64_t> start;
    mixer.start(start.get_future().share());
    start.set_value(clock::now_ns());
    std::vector<VideoFramePtr> out;
    while (auto frame = queue->pop())
        out.push_back(*frame);
    return out;
}

double mean_luma(const VideoFrame& frame) {
    const uint8_t* y = frame.data(0);
    const size_t n = size_t(frame.width()) * frame.height();
    return double(std::accumulate(y, y + n, uint64_t{0})) / double(n);
}

}  // namespace

TEST_CASE("the mixer outputs every frame, in order, stamped index / fps", "[basic][gpu]") {
    const VideoFormat format{320, 180, {30, 1}};
    auto frames =
        run_mixer(scene_of(std::make_shared<ColorSource>(0xFFFF0000, 320, 180)), format, 12);
    REQUIRE(frames.size() == 12);
    for (size_t i = 0; i < frames.size(); ++i) {
        CHECK(frames[i]->index == int64_t(i));
        CHECK(frames[i]->pts_ns == rescale(int64_t(i), {1, 30}, kNanoseconds));
        CHECK(frames[i]->format() == PixelFormat::nv12);
    }
    // Pure red in BT.709 limited range: Y 63, Cb 102, Cr 240.
    const VideoFrame& frame = *frames.back();
    CHECK(std::abs(int(frame.data(0)[160 + 90 * 320]) - 63) <= 2);
    const uint8_t* chroma = frame.data(1) + 45 * frame.stride(1) + 80 * 2;
    CHECK(std::abs(int(chroma[0]) - 102) <= 2);
    CHECK(std::abs(int(chroma[1]) - 240) <= 2);
}

TEST_CASE("an item is drawn where its transform puts it, over a black canvas", "[basic][gpu]") {
    ItemTransform transform;
    transform.position = {100, 50};
    transform.scale = {0.5, 0.5};
    const VideoFormat format{320, 180, {30, 1}};
    auto frames = run_mixer(scene_of(std::make_shared<ColorSource>(0xFFFFFFFF, 100, 60), transform),
                            format, 2);
    REQUIRE(frames.size() == 2);
    const VideoFrame& frame = *frames.back();
    auto luma = [&](int x, int y) { return int(frame.data(0)[y * frame.stride(0) + x]); };
    CHECK(luma(125, 65) >= 233);  // inside the 50x30 white box at (100,50)
    CHECK(luma(99, 65) <= 18);    // just left of it
    CHECK(luma(151, 65) <= 18);   // just right of it
    CHECK(luma(125, 81) <= 18);   // just below it
}

TEST_CASE("the test pattern flashes white on frame 0 and 30 only", "[basic][gpu]") {
    const VideoFormat format{320, 180, {30, 1}};
    TestPatternSettings settings;
    settings.width = 320;
    settings.height = 180;
    auto frames = run_mixer(scene_of(std::make_shared<TestPatternSource>(settings)), format, 32);
    REQUIRE(frames.size() == 32);
    for (const auto& frame : frames) {
        const bool flash = frame->index % 30 == 0;
        INFO("frame " << frame->index << " mean luma " << mean_luma(*frame));
        if (flash) {
            CHECK(mean_luma(*frame) > 230);
        } else {
            CHECK(mean_luma(*frame) < 150);
        }
    }
    // The bars move: consecutive frames differ.
    CHECK(std::memcmp(frames[5]->data(0), frames[6]->data(0), 320 * 180) != 0);
}

namespace {

/// A colour source that takes `delay_ms` to draw frame `slow_frame` (a stalled source).
class SlowSource final : public Source {
public:
    SlowSource(int64_t slow_frame, int delay_ms)
        : colour_(0xFF0000FF, 320, 180), slow_frame_(slow_frame), delay_ms_(delay_ms) {}
    unsigned capabilities() const override { return kVideo; }
    int width() const override { return 320; }
    int height() const override { return 180; }
    void render_video(VideoRenderContext& context) override {
        if (context.frame_index == slow_frame_) {
            std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms_));
        }
        colour_.render_video(context);
    }
    void release_gpu() override { colour_.release_gpu(); }

private:
    ColorSource colour_;
    int64_t slow_frame_;
    int delay_ms_;
};

}  // namespace

TEST_CASE("frames that cannot be rendered in time are counted missed and repeated",
          "[basic][gpu]") {
    const VideoFormat format{320, 180, {30, 1}};
    auto queue = std::make_shared<VideoFrameQueue>(64);
    VideoMixer mixer(format);
    mixer.add_consumer(queue, 0, 30);
    mixer.set_scene(scene_of(std::make_shared<SlowSource>(5, 200)));
    std::promise<int64_t> start;
    mixer.start(start.get_future().share());
    start.set_value(clock::now_ns());
    std::vector<VideoFramePtr> frames;
    while (auto frame = queue->pop())
        frames.push_back(*frame);
    mixer.stop();

    // 200 ms is six frame intervals: at least five deadlines pass while frame 5 renders (more
    // if the machine is busy, which is why there is no upper bound).
    const VideoMixerCounters counters = mixer.counters();
    CHECK(counters.frames_missed >= 4);
    CHECK(counters.frames_rendered + counters.frames_missed >= 30);
    CHECK(counters.frames_output == counters.frames_rendered + counters.frames_missed);
    // The output keeps its constant rate: every index once, in order, stamped index / fps.
    REQUIRE(frames.size() == 30);
    for (size_t i = 0; i < frames.size(); ++i) {
        CHECK(frames[i]->index == int64_t(i));
        CHECK(frames[i]->pts_ns == rescale(int64_t(i), {1, 30}, kNanoseconds));
    }
}

TEST_CASE("a fade blends the outgoing and incoming scenes frame by frame", "[basic][gpu]") {
    const VideoFormat format{320, 180, {30, 1}};
    auto queue = std::make_shared<VideoFrameQueue>(128);
    VideoMixer mixer(format);
    mixer.add_consumer(queue, 0, 90);
    mixer.set_scene(scene_of(std::make_shared<ColorSource>(0xFFFF0000, 320, 180)));  // red
    std::promise<int64_t> start;
    mixer.start(start.get_future().share());
    start.set_value(clock::now_ns());
    std::vector<VideoFramePtr> frames;
    while (auto frame = queue->pop()) {
        frames.push_back(*frame);
        if (frames.size() == 10) {  // a one-second fade to blue, requested at frame ~10
            mixer.transition_to(scene_of(std::make_shared<ColorSource>(0xFF0000FF, 320, 180)),
                                Transition{Transition::Kind::fade, 1000});
        }
    }
    mixer.stop();
    REQUIRE(frames.size() == 90);
    // BT.709 limited-range luma: red 63, blue 32, and a linear crossfade in between.
    std::vector<double> luma;
    for (const auto& frame : frames)
        luma.push_back(mean_luma(*frame));
    const auto first_mixed =
        std::find_if(luma.begin(), luma.end(), [](double y) { return y < 61; }) - luma.begin();
    INFO("the fade starts at frame " << first_mixed);
    REQUIRE(first_mixed >= 10);
    REQUIRE(first_mixed + 32 < 90);
    CHECK(luma[first_mixed - 1] == Approx(63).margin(2));
    CHECK(luma[first_mixed + 14] == Approx(47.5).margin(3));  // half way
    CHECK(luma[first_mixed + 31] == Approx(32).margin(2));    // done after 30 frames
    for (long i = first_mixed; i < first_mixed + 29; ++i)
        CHECK(luma[i + 1] <= luma[i] + 0.5);  // steadily towards blue
}

TEST_CASE("studio mode renders the preview scene beside program", "[basic][gpu]") {
    const VideoFormat format{320, 180, {30, 1}};
    VideoMixer mixer(format);
    mixer.set_scene(scene_of(std::make_shared<ColorSource>(0xFFFF0000, 320, 180)));
    mixer.set_studio_preview(scene_of(std::make_shared<ColorSource>(0xFF00FF00, 320, 180)));
    mixer.set_preview_size(160, 90);
    std::promise<int64_t> start;
    mixer.start(start.get_future().share());
    start.set_value(clock::now_ns());
    std::shared_ptr<const VideoFrame> program;
    std::shared_ptr<const VideoFrame> preview;
    for (int i = 0; i < 200 && !(program && preview); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        program = mixer.preview();
        preview = mixer.studio_preview();
    }
    mixer.stop();
    REQUIRE(program);
    REQUIRE(preview);
    CHECK(program->format() == PixelFormat::rgba);
    CHECK(program->width() == 160);
    const uint8_t* red = program->data(0) + 45 * program->stride(0) + 80 * 4;
    const uint8_t* green = preview->data(0) + 45 * preview->stride(0) + 80 * 4;
    CHECK((red[0] > 240 && red[1] < 16 && red[2] < 16));
    CHECK((green[0] < 16 && green[1] > 240 && green[2] < 16));
}

namespace {

/// Red left half and green right half, then `transition` (one second) to full blue, asked for
/// at frame 10 of 60. Returns the luma rows through the middle of each frame.
std::vector<std::vector<int>> run_transition(Transition transition) {
    auto halves = std::make_shared<Scene>();
    for (const auto& [id, colour, x] : {std::tuple{1, 0xFFFF0000u, 0.0}, {2, 0xFF00FF00u, 160.0}}) {
        SceneItem item;
        item.id = id;
        item.source = std::make_shared<ColorSource>(colour, 160, 180);
        item.transform.position = {x, 0};
        halves->items.push_back(item);
    }
    const VideoFormat format{320, 180, {30, 1}};
    auto queue = std::make_shared<VideoFrameQueue>(128);
    VideoMixer mixer(format);
    mixer.add_consumer(queue, 0, 60);
    mixer.set_scene(halves);
    std::promise<int64_t> start;
    mixer.start(start.get_future().share());
    start.set_value(clock::now_ns());
    std::vector<std::vector<int>> rows;
    int received = 0;
    while (auto frame = queue->pop()) {
        std::vector<int> row((*frame)->width());
        for (int x = 0; x < (*frame)->width(); ++x)
            row[x] = (*frame)->data(0)[90 * (*frame)->stride(0) + x];
        rows.push_back(row);
        if (++received == 10) {
            transition.duration_ms = 1000;
            mixer.transition_to(scene_of(std::make_shared<ColorSource>(0xFF0000FF, 320, 180)),
                                transition);
        }
    }
    mixer.stop();
    return rows;
}

// BT.709 limited-range luma of the test colours.
constexpr int kRed = 63;
constexpr int kGreen = 173;
constexpr int kBlue = 32;
constexpr int kBlack = 16;

bool near(int luma, int expected) {
    return std::abs(luma - expected) <= 4;
}

}  // namespace

TEST_CASE("slide and swipe move the pictures, sampled a quarter of the way", "[basic][gpu]") {
    for (const auto kind : {Transition::Kind::slide, Transition::Kind::swipe}) {
        Transition transition;
        transition.kind = kind;
        transition.direction = Transition::Direction::left;
        const auto rows = run_transition(transition);
        REQUIRE(rows.size() == 60);
        // The new scene enters at the right edge (moving left).
        const auto entered = std::find_if(rows.begin(), rows.end(),
                                          [](const auto& row) { return near(row[318], kBlue); }) -
                             rows.begin();
        INFO("kind " << int(kind) << ", the new scene enters at frame " << entered);
        REQUIRE(entered >= 10);
        REQUIRE(entered + 32 < 60);
        const auto& quarter = rows[entered + 7];  // about 27 % of the way
        CHECK(near(quarter[280], kBlue));         // the new scene covers the right quarter
        CHECK(near(quarter[200], kGreen));        // the old green half, still in view
        // At x=100 the old scene's left half stays put under a swipe, but a slide has pushed
        // its green half there.
        CHECK(near(quarter[100], kind == Transition::Kind::slide ? kGreen : kRed));
        CHECK(near(rows[entered + 31][10], kBlue));  // done after a second
    }
}

TEST_CASE("fade to colour goes through the colour half way", "[basic][gpu]") {
    Transition transition;
    transition.kind = Transition::Kind::fade_to_color;
    transition.color = 0xFF000000;
    const auto rows = run_transition(transition);
    REQUIRE(rows.size() == 60);
    const auto started =
        std::find_if(rows.begin(), rows.end(), [](const auto& row) { return row[80] < kRed - 3; }) -
        rows.begin();
    INFO("the fade starts darkening at frame " << started);
    REQUIRE(started >= 10);
    REQUIRE(started + 32 < 60);
    // A quarter of the way: the red half at half strength over black.
    CHECK(std::abs(rows[started + 7][80] - (kBlack + (kRed - kBlack) / 2)) <= 5);
    CHECK(near(rows[started + 14][80], kBlack));  // half way: all black
    CHECK(near(rows[started + 14][240], kBlack));
    CHECK(near(rows[started + 31][80], kBlue));  // then the new scene
}
