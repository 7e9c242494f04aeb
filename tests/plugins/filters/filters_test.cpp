// Filters on real pictures through the real GPU mixer (llvmpipe), and on real samples.
#include <catch2/catch.hpp>

#include <cmath>
#include <future>

#include "core/gpu/gpu_test_support.hpp"
#include "core/media/clock.hpp"
#include "core/plugin/plugin_registry.hpp"
#include "core/scene/filtered_source.hpp"
#include "core/scene/scene_collection.hpp"
#include "core/video/frame_painter.hpp"
#include "core/video/video_mixer.hpp"
#include "plugins/filters/filters_types.hpp"
#include "tests/plugins/filters/filter_test_support.hpp"

using namespace lm;

namespace {

/// A picture of one colour (straight alpha), and optionally a sine.
class SolidSource : public Source {
public:
    SolidSource(uint8_t r, uint8_t g, uint8_t b, uint8_t a = 255) {
        auto frame = std::make_shared<VideoFrame>(PixelFormat::rgba, 320, 180);
        for (int i = 0; i < 320 * 180; ++i) {
            uint8_t* p = frame->data(0) + i * 4;
            p[0] = r;
            p[1] = g;
            p[2] = b;
            p[3] = a;
        }
        frame_ = frame;
    }
    unsigned capabilities() const override { return kVideo; }
    int width() const override { return 320; }
    int height() const override { return 180; }
    void render_video(VideoRenderContext& context) override { painter_.draw(context, frame_); }
    void release_gpu() override { painter_.release(); }

private:
    VideoFramePtr frame_;
    FramePainter painter_;
};

class SineSource : public Source {
public:
    explicit SineSource(double amplitude) : amplitude_(amplitude) {}
    unsigned capabilities() const override { return kAudio; }
    void render_audio(AudioRenderContext& context) override {
        for (int c = 0; c < context.out.channels; ++c) {
            auto channel = context.out.channel(c);
            for (int i = 0; i < context.out.frames; ++i) {
                const double t = double(context.start_sample + i) / kAudioSampleRate;
                channel[i] = float(amplitude_ * std::sin(2 * M_PI * 440 * t));
            }
        }
    }

private:
    double amplitude_;
};

struct Registry {
    Registry() { register_filter_types(registry); }
    PluginRegistry registry;
};

std::shared_ptr<Source> filtered(std::shared_ptr<Source> source, const std::string& type,
                                 const nlohmann::json& settings) {
    static Registry filters;
    return with_filters(std::move(source), {{"f", type, true, settings}}, filters.registry);
}

/// The centre of the last of a few frames of a 320x180 canvas showing `items` bottom first.
test::YCbCr centre_of(std::vector<std::shared_ptr<Source>> items) {
    auto scene = std::make_shared<Scene>();
    int id = 1;
    for (auto& source : items) {
        SceneItem item;
        item.id = id++;
        item.source = std::move(source);
        scene->items.push_back(item);
    }
    auto queue = std::make_shared<VideoFrameQueue>(8);
    VideoMixer mixer({320, 180, {30, 1}});
    mixer.add_consumer(queue, 0, 3);
    mixer.set_scene(scene);
    std::promise<int64_t> start;
    mixer.start(start.get_future().share());
    start.set_value(clock::now_ns());
    VideoFramePtr last;
    while (auto frame = queue->pop())
        last = *frame;
    mixer.stop();
    const uint8_t* chroma = last->data(1) + 45 * last->stride(1) + 80 * 2;
    return {double(last->data(0)[90 * last->stride(0) + 160]), double(chroma[0]),
            double(chroma[1])};
}

void check_colour(const test::YCbCr& got, test::Rgb8 expected, double margin = 3) {
    const test::YCbCr want = test::bt709_limited(expected);
    INFO("got Y " << got.y << " Cb " << got.cb << " Cr " << got.cr << ", want Y " << want.y
                  << " Cb " << want.cb << " Cr " << want.cr);
    CHECK(std::abs(got.y - want.y) <= margin);
    CHECK(std::abs(got.cb - want.cb) <= margin);
    CHECK(std::abs(got.cr - want.cr) <= margin);
}

double peak_of(Source& source, int ticks, int skip_ticks = 0) {
    AudioBlock block(2, kAudioTickFrames);
    double peak = 0;
    for (int tick = 0; tick < ticks; ++tick) {
        std::fill(block.samples.begin(), block.samples.end(), 0.0f);
        AudioRenderContext context{int64_t(tick) * kAudioTickFrames, block};
        source.render_audio(context);
        if (tick < skip_ticks)
            continue;
        for (float s : block.samples)
            peak = std::max(peak, double(std::abs(s)));
    }
    return peak;
}

}  // namespace

TEST_CASE("colour correction brightens, desaturates and fades the picture", "[filters][gpu]") {
    check_colour(centre_of({filtered(std::make_shared<SolidSource>(128, 128, 128),
                                     "color_correction", {{"brightness", 0.25}})}),
                 {192, 192, 192});
    // Saturation -1: red becomes the grey of its own luma (0.2126 of white).
    check_colour(centre_of({filtered(std::make_shared<SolidSource>(255, 0, 0), "color_correction",
                                     {{"saturation", -1}})}),
                 {54, 54, 54});
    // Opacity 50 %: red at half over the black canvas.
    check_colour(centre_of({filtered(std::make_shared<SolidSource>(255, 0, 0), "color_correction",
                                     {{"opacity", 50}})}),
                 {128, 0, 0});
    // Unfiltered, the same source is plain red: the filter did the work.
    check_colour(centre_of({std::make_shared<SolidSource>(255, 0, 0)}), {255, 0, 0});
}

TEST_CASE("chroma key makes the key colour transparent and leaves skin tones alone",
          "[filters][gpu]") {
    auto blue_background = std::make_shared<SolidSource>(0, 0, 255);
    check_colour(centre_of({blue_background, filtered(std::make_shared<SolidSource>(0, 255, 0),
                                                      "chroma_key", nlohmann::json::object())}),
                 {0, 0, 255});
    // A darker green (a shadow on the screen) keys out too: the key is on chroma.
    check_colour(centre_of({blue_background, filtered(std::make_shared<SolidSource>(0, 140, 0),
                                                      "chroma_key", nlohmann::json::object())}),
                 {0, 0, 255});
    check_colour(centre_of({blue_background, filtered(std::make_shared<SolidSource>(224, 172, 105),
                                                      "chroma_key", nlohmann::json::object())}),
                 {224, 172, 105}, 4);
}

TEST_CASE("in the running mixer, a LUT grades the picture and a bad one changes nothing",
          "[filters][gpu]") {
    test::TempDir dir;
    test::write_file(dir / "invert.cube",
                     "LUT_3D_SIZE 2\n1 1 1\n0 1 1\n1 0 1\n0 0 1\n1 1 0\n0 1 0\n1 0 0\n0 0 0\n");
    test::write_file(dir / "bad.cube", "LUT_3D_SIZE 2\n1 1 1\n");
    check_colour(centre_of({filtered(std::make_shared<SolidSource>(255, 0, 0), "lut",
                                     {{"file", (dir / "invert.cube").string()}})}),
                 {0, 255, 255});
    auto bad = filtered(std::make_shared<SolidSource>(255, 0, 0), "lut",
                        {{"file", (dir / "bad.cube").string()}});
    CHECK_THAT(bad->status().message, Catch::Contains("1 entries where LUT_3D_SIZE 2 needs 8"));
    check_colour(centre_of({bad}), {255, 0, 0});  // the show goes on, ungraded
}

TEST_CASE("gain, noise gate and limiter change the level as set", "[filters]") {
    auto louder = filtered(std::make_shared<SineSource>(0.25), "gain", {{"gain_db", 6}});
    CHECK(peak_of(*louder, 4) == Approx(0.25 * std::pow(10, 6 / 20.0)).epsilon(0.01));

    // -50 dBFS is below the gate's -32 dB close threshold: silence once it has released.
    auto hiss = filtered(std::make_shared<SineSource>(std::pow(10, -50 / 20.0)), "noise_gate",
                         nlohmann::json::object());
    CHECK(peak_of(*hiss, 40, 20) == 0.0);
    // -10 dBFS opens it: after the 25 ms attack the sound passes untouched.
    auto voice = filtered(std::make_shared<SineSource>(std::pow(10, -10 / 20.0)), "noise_gate",
                          nlohmann::json::object());
    CHECK(peak_of(*voice, 20, 5) == Approx(std::pow(10, -10 / 20.0)).epsilon(0.01));

    // Full scale through a -6 dB limiter: no peak above the threshold.
    auto limited = filtered(std::make_shared<SineSource>(1.0), "limiter", {{"threshold_db", -6}});
    CHECK(peak_of(*limited, 20) <= std::pow(10, -6 / 20.0) + 1e-4);
    CHECK(peak_of(*limited, 20) > 0.45);
}

TEST_CASE("filters are saved in the collection and applied when it is loaded", "[filters]") {
    Registry filters;
    const std::string text = R"({
  "format": "livemachine-scene-collection", "version": 1, "name": "F",
  "sources": [{"name": "Mic", "type": "tone_source", "settings": {},
               "filters": [{"name": "Gate", "type": "noise_gate", "settings": {"hold_ms": 100}},
                           {"name": "Off", "type": "gain", "enabled": false}]}],
  "scenes": [{"name": "S", "items": [{"source": "Mic"}]}]
})";
    const SceneCollectionDescription description = parse_scene_collection(text, "f.json");
    REQUIRE(description.sources[0].filters.size() == 2);
    CHECK(description.sources[0].filters[0].type == "noise_gate");
    CHECK(description.sources[0].filters[0].settings["hold_ms"] == 100);
    CHECK_FALSE(description.sources[0].filters[1].enabled);
    // Written and read back, the same.
    CHECK(parse_scene_collection(serialize(description), "again.json") == description);

    // A disabled filter costs nothing: no wrapper for it.
    auto plain = std::make_shared<SineSource>(0.5);
    CHECK(with_filters(plain, {{"Off", "gain", false, {}}}, filters.registry) == plain);
    // An unknown filter type is named with the filter and what exists.
    try {
        with_filters(plain, {{"Echo", "reverb", true, {}}}, filters.registry);
        FAIL("an unknown filter type was accepted");
    } catch (const std::invalid_argument& error) {
        CHECK_THAT(error.what(), Catch::Contains("filter 'Echo' has unknown type 'reverb'"));
        CHECK_THAT(error.what(), Catch::Contains("noise_gate"));
    }
}
