// The stinger transition through the whole engine: a clip made by ffmpeg (a magenta band over
// transparency, with a 440 Hz tone) plays over a change from a red scene to a blue one while
// the studio records; the recording is decoded and looked at frame by frame.
#include <catch2/catch.hpp>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libswscale/swscale.h>
}

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <thread>
#include <vector>

#include "core/studio.hpp"
#include "plugins/aac/aac_types.hpp"
#include "plugins/basic/basic_types.hpp"
#include "plugins/media/media_types.hpp"
#include "plugins/record/record_types.hpp"
#include "plugins/x264/x264_types.hpp"
#include "tests/plugins/media/media_test_support.hpp"
#include "tests/studio/studio_test_support.hpp"

using namespace lm;
using lm::test::wait_for_state;
using namespace std::chrono_literals;

namespace {

enum class Shade { red, blue, magenta, other };

Shade shade_of(const uint8_t* rgb) {
    const int r = rgb[0], g = rgb[1], b = rgb[2];
    if (g > 90)
        return Shade::other;
    if (r > 170 && b > 170)
        return Shade::magenta;
    if (r > 170 && b < 90)
        return Shade::red;
    if (b > 170 && r < 90)
        return Shade::blue;
    return Shade::other;
}

/// What each recorded frame shows above the band's rows and inside them, and the sound.
struct Recording {
    std::vector<Shade> top;     ///< at (160, 20): outside the stinger's band
    std::vector<Shade> middle;  ///< at (160, 90): inside the band
    std::vector<float> left;    ///< the left channel at 48 kHz
};

void read_video_frame(AVFrame* frame, SwsContext*& scaler, Recording& out) {
    scaler = sws_getCachedContext(scaler, frame->width, frame->height, AVPixelFormat(frame->format),
                                  frame->width, frame->height, AV_PIX_FMT_RGB24, SWS_POINT, nullptr,
                                  nullptr, nullptr);
    std::vector<uint8_t> rgb(size_t(frame->width) * frame->height * 3);
    uint8_t* planes[1] = {rgb.data()};
    const int strides[1] = {frame->width * 3};
    sws_scale(scaler, frame->data, frame->linesize, 0, frame->height, planes, strides);
    auto at = [&](int x, int y) { return rgb.data() + (size_t(y) * frame->width + x) * 3; };
    out.top.push_back(shade_of(at(frame->width / 2, frame->height / 9)));
    out.middle.push_back(shade_of(at(frame->width / 2, frame->height / 2)));
}

void read_audio_frame(const AVFrame* frame, Recording& out) {
    REQUIRE(frame->format == AV_SAMPLE_FMT_FLTP);
    const auto* samples = reinterpret_cast<const float*>(frame->data[0]);
    out.left.insert(out.left.end(), samples, samples + frame->nb_samples);
}

/// Decodes the recording's picture and sound.
Recording decode(const std::filesystem::path& file) {
    Recording out;
    AVFormatContext* format = nullptr;
    REQUIRE(avformat_open_input(&format, file.c_str(), nullptr, nullptr) == 0);
    REQUIRE(avformat_find_stream_info(format, nullptr) >= 0);
    std::vector<AVCodecContext*> decoders(format->nb_streams, nullptr);
    for (unsigned i = 0; i < format->nb_streams; ++i) {
        const AVCodec* codec = avcodec_find_decoder(format->streams[i]->codecpar->codec_id);
        REQUIRE(codec != nullptr);
        decoders[i] = avcodec_alloc_context3(codec);
        avcodec_parameters_to_context(decoders[i], format->streams[i]->codecpar);
        REQUIRE(avcodec_open2(decoders[i], codec, nullptr) == 0);
    }
    AVPacket* packet = av_packet_alloc();
    AVFrame* frame = av_frame_alloc();
    SwsContext* scaler = nullptr;
    auto drain = [&](AVCodecContext* decoder) {
        while (avcodec_receive_frame(decoder, frame) == 0) {
            if (decoder->codec_type == AVMEDIA_TYPE_VIDEO)
                read_video_frame(frame, scaler, out);
            else
                read_audio_frame(frame, out);
        }
    };
    while (av_read_frame(format, packet) >= 0) {
        AVCodecContext* decoder = decoders[packet->stream_index];
        avcodec_send_packet(decoder, packet);
        av_packet_unref(packet);
        drain(decoder);
    }
    for (AVCodecContext* decoder : decoders) {
        avcodec_send_packet(decoder, nullptr);
        drain(decoder);
        avcodec_free_context(&decoder);
    }
    sws_freeContext(scaler);
    av_frame_free(&frame);
    av_packet_free(&packet);
    avformat_close_input(&format);
    return out;
}

/// The level of `frequency` Hz in samples [from, to) of `samples` (a Goertzel filter): the
/// amplitude of a sine at that frequency.
double tone_level(const std::vector<float>& samples, size_t from, size_t to, double frequency) {
    to = std::min(to, samples.size());
    if (from >= to)
        return 0;
    const double w = 2 * M_PI * frequency / kAudioSampleRate;
    double s1 = 0, s2 = 0;
    for (size_t i = from; i < to; ++i) {
        const double s0 = samples[i] + 2 * std::cos(w) * s1 - s2;
        s2 = s1;
        s1 = s0;
    }
    const double power = s1 * s1 + s2 * s2 - 2 * std::cos(w) * s1 * s2;
    return 2 * std::sqrt(power) / double(to - from);
}

std::shared_ptr<const Scene> color_scene(const PluginRegistry& registry, uint32_t argb) {
    auto scene = std::make_shared<Scene>();
    SceneItem item;
    item.id = 1;
    item.source =
        registry.create_source("color_source", {{"color", argb}, {"width", 320}, {"height", 180}});
    scene->items.push_back(item);
    return scene;
}

/// 1 s at 30 fps, 320x180: a full-width magenta band over rows 60..119, transparent
/// elsewhere (QuickTime Animation keeps the alpha); a 440 Hz tone at -6 dBFS.
std::filesystem::path make_stinger_clip(const std::filesystem::path& dir) {
    const auto path = dir / "stinger.mov";
    test::run_ffmpeg(
        "-f lavfi -i \"color=c=magenta:s=320x180:r=30:d=1,format=rgba,"
        "geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='if(between(Y,60,119),255,0)'\" "
        "-f lavfi -i \"aevalsrc=exprs='0.5*sin(2*PI*440*t)':c=stereo:s=48000:d=1\" "
        "-c:v qtrle -c:a pcm_s16le " +
        path.string());
    return path;
}

}  // namespace

TEST_CASE("a stinger plays over the change and switches the scenes at its transition point",
          "[studio][gpu][stinger]") {
    test::TempDir dir;
    PluginRegistry registry;
    register_basic_types(registry);
    register_x264_types(registry);
    register_aac_types(registry);
    register_record_types(registry);
    register_media_types(registry);

    Transition stinger;
    stinger.kind = Transition::Kind::stinger;
    stinger.stinger_file = make_stinger_clip(dir.path).string();
    stinger.stinger_point_ms = 500;
    REQUIRE(registry.transition("stinger") != nullptr);
    auto overlay = registry.transition("stinger")->create(stinger);
    // The length is known once a player waits with the file open.
    for (int i = 0; i < 1000 && overlay->duration_ns() == 0; ++i)
        std::this_thread::sleep_for(10ms);
    CHECK(overlay->duration_ns() == 1'000'000'000);
    CHECK(overlay->status().ok());
    stinger.stinger = overlay;

    StudioSettings settings;
    settings.video = {320, 180, {30, 1}};
    settings.video_encoder_settings = {{"preset", "ultrafast"}, {"bitrate_kbps", 1500}};
    Studio studio(registry, settings);
    const auto red = color_scene(registry, 0xFFFF0000);
    const auto blue = color_scene(registry, 0xFF0000FF);
    studio.set_scene(red);
    studio.start_mixing();
    const auto file = dir.path / "show.mkv";
    studio.start_group("record", {{"record", {{"path", file.string()}}}});
    REQUIRE(wait_for_state(studio, "record", GroupState::running));
    std::this_thread::sleep_for(1s);
    studio.transition_to(blue, stinger);
    std::this_thread::sleep_for(2s);
    // Run again: it starts over from the first frame (its band is there from frame 0 on).
    studio.transition_to(red, stinger);
    std::this_thread::sleep_for(1500ms);
    studio.stop_group("record");
    REQUIRE(wait_for_state(studio, "record", GroupState::finished));

    const Recording recording = decode(file);
    const auto& top = recording.top;
    const auto& middle = recording.middle;
    REQUIRE(top.size() > 120);
    // The stinger's first frame: where the band first shows.
    const auto first_band = std::find(middle.begin(), middle.end(), Shade::magenta);
    REQUIRE(first_band != middle.end());
    const int start = int(first_band - middle.begin());
    INFO("the stinger starts at recorded frame " << start << " of " << top.size());
    REQUIRE(start >= 15);
    REQUIRE(start + 60 < int(top.size()));
    for (int i = 0; i < start; ++i) {
        INFO("frame " << i);
        CHECK(top[i] == Shade::red);
        CHECK(middle[i] == Shade::red);
    }
    // During the stinger: the band over the whole run, the scenes around it (its alpha),
    // red until the transition point (frame 15 of the run at 30 fps), blue after.
    int switch_frame = -1;
    for (int i = start; i < start + 29; ++i) {
        INFO("frame " << i << " (stinger frame " << i - start << ")");
        CHECK(middle[i] == Shade::magenta);
        CHECK((top[i] == Shade::red || top[i] == Shade::blue));
        if (switch_frame < 0 && top[i] == Shade::blue)
            switch_frame = i - start;
        if (switch_frame >= 0)
            CHECK(top[i] == Shade::blue);
    }
    CHECK(switch_frame >= 14);
    CHECK(switch_frame <= 16);
    // After it: blue, the band gone.
    for (int i = start + 31; i < start + 60; ++i) {
        INFO("frame " << i);
        CHECK(top[i] == Shade::blue);
        CHECK(middle[i] == Shade::blue);
    }
    // The second run shows the band again from its first frame, over blue then red.
    const auto second_band = std::find(middle.begin() + start + 31, middle.end(), Shade::magenta);
    REQUIRE(second_band != middle.end());
    const int second = int(second_band - middle.begin());
    REQUIRE(second + 31 < int(top.size()));
    CHECK(top[second] == Shade::blue);
    CHECK(top[second + 25] == Shade::red);
    CHECK(middle[second + 25] == Shade::magenta);
    CHECK(middle[second + 31] == Shade::red);

    // The tone sounds during the stinger and not before it (the scenes are silent).
    const auto& sound = recording.left;
    const size_t start_sample = size_t(start) * kAudioSampleRate / 30;
    REQUIRE(sound.size() > start_sample + kAudioSampleRate);
    const double before = tone_level(sound, start_sample - 24000, start_sample - 2400, 440);
    const double during =
        tone_level(sound, start_sample + 4800, start_sample + kAudioSampleRate - 4800, 440);
    const double after = tone_level(sound, start_sample + 52800, start_sample + 67200, 440);
    INFO("440 Hz level before " << before << ", during " << during << ", after " << after);
    CHECK(before < 0.01);
    CHECK(during > 0.4);  // the clip's tone is at -6 dBFS (0.5), mixed at full level
    CHECK(after < 0.01);  // and ends with the stinger
}

TEST_CASE("a stinger whose video does not play says why", "[studio][stinger]") {
    test::TempDir dir;
    PluginRegistry registry;
    register_media_types(registry);
    Transition stinger;
    stinger.kind = Transition::Kind::stinger;
    stinger.stinger_file = (dir.path / "missing.mov").string();
    auto failed = [](const std::shared_ptr<TransitionOverlay>& overlay) {
        for (int i = 0; i < 500 && overlay->status().ok(); ++i)
            std::this_thread::sleep_for(10ms);
        return overlay->status().level == SourceStatus::Level::error;
    };
    auto overlay = registry.transition("stinger")->create(stinger);
    REQUIRE(failed(overlay));
    CHECK(overlay->duration_ns() == 0);
    CHECK(overlay->status().message.find("missing.mov' not found") != std::string::npos);

    std::ofstream(dir.path / "text.mov") << "not a video";
    stinger.stinger_file = (dir.path / "text.mov").string();
    overlay = registry.transition("stinger")->create(stinger);
    REQUIRE(failed(overlay));
    CHECK(overlay->duration_ns() == 0);
}
