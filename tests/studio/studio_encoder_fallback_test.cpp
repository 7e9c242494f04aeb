// A video encoder that fails in the middle of a recording (as a GPU encoder does when its
// driver resets or its session is taken) gives way to the fallback: the recording goes on
// from the frames the failed encoder had not given back, plays through the change, and the
// outputs say what happened. The failure is forced: a "flaky" encoder type wraps the real
// x264 encoder and throws at a chosen frame, the rest is the real Studio, x264, AAC and
// Matroska recording, read back and decoded with FFmpeg.
#include <fmt/format.h>
#include <catch2/catch.hpp>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
}

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "core/studio.hpp"
#include "plugins/aac/aac_types.hpp"
#include "plugins/basic/basic_types.hpp"
#include "plugins/record/record_types.hpp"
#include "plugins/x264/x264_types.hpp"
#include "tests/studio/studio_test_support.hpp"

using namespace lm;
using lm::test::wait_for_state;
using namespace std::chrono_literals;

namespace {

/// The real x264 encoder, until the `fail_at`-th frame: that send throws, as NVENC's does
/// when the device goes away.
class FlakyEncoder final : public VideoEncoder {
public:
    FlakyEncoder(std::unique_ptr<VideoEncoder> inner, int fail_at)
        : inner_(std::move(inner)), fail_at_(fail_at) {}
    StreamInfo stream_info() const override { return inner_->stream_info(); }
    void send(const VideoFramePtr& frame, int64_t pts) override {
        if (frame && sent_++ == fail_at_)
            throw EncoderError("flaky: the device was reset");
        inner_->send(frame, pts);
    }
    ReceiveResult receive(PacketPtr& packet) override { return inner_->receive(packet); }
    bool set_bitrate(int kbps) override { return inner_->set_bitrate(kbps); }

private:
    std::unique_ptr<VideoEncoder> inner_;
    const int fail_at_;
    int sent_ = 0;
};

PluginRegistry registry_with_flaky_encoder(int fail_at) {
    PluginRegistry registry;
    register_basic_types(registry);
    register_x264_types(registry);
    register_aac_types(registry);
    register_record_types(registry);
    const VideoEncoderType* x264 = registry.video_encoder("x264");
    REQUIRE(x264 != nullptr);
    VideoEncoderType flaky = *x264;
    flaky.id = "flaky";
    flaky.display_name = "x264 that fails";
    flaky.create = [x264, fail_at](const VideoFormat& format, const nlohmann::json& settings) {
        return std::make_unique<FlakyEncoder>(x264->create(format, settings), fail_at);
    };
    registry.add(std::move(flaky));
    return registry;
}

struct DecodedVideo {
    int packets = 0;
    int frames = 0;                     ///< pictures the decoder gave back
    int decode_errors = 0;              ///< packets the decoder refused
    int64_t gaps = 0;                   ///< frame times missing between consecutive pictures
    std::vector<int64_t> keyframe_pts;  ///< in frames
};

/// Decodes every video packet of a recording and checks the pictures follow each other.
DecodedVideo decode_video(const std::filesystem::path& file, double fps) {
    DecodedVideo result;
    AVFormatContext* format = nullptr;
    REQUIRE(avformat_open_input(&format, file.c_str(), nullptr, nullptr) == 0);
    REQUIRE(avformat_find_stream_info(format, nullptr) >= 0);
    const int index = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    REQUIRE(index >= 0);
    const AVStream* stream = format->streams[index];
    const AVCodec* codec = avcodec_find_decoder(stream->codecpar->codec_id);
    AVCodecContext* decoder = avcodec_alloc_context3(codec);
    avcodec_parameters_to_context(decoder, stream->codecpar);
    decoder->err_recognition = AV_EF_EXPLODE;  // strict: a damaged stream is an error
    REQUIRE(avcodec_open2(decoder, codec, nullptr) == 0);
    AVPacket* packet = av_packet_alloc();
    AVFrame* frame = av_frame_alloc();
    int64_t previous = -1;
    auto take_frames = [&] {
        while (avcodec_receive_frame(decoder, frame) == 0) {
            ++result.frames;
            const int64_t at = std::llround(double(frame->best_effort_timestamp) *
                                            av_q2d(stream->time_base) * fps);
            if (previous >= 0 && at > previous + 1)
                result.gaps += at - previous - 1;
            previous = at;
        }
    };
    while (av_read_frame(format, packet) >= 0) {
        if (packet->stream_index == index) {
            ++result.packets;
            if (packet->flags & AV_PKT_FLAG_KEY) {
                result.keyframe_pts.push_back(
                    std::llround(double(packet->pts) * av_q2d(stream->time_base) * fps));
            }
            if (avcodec_send_packet(decoder, packet) < 0)
                ++result.decode_errors;
            take_frames();
        }
        av_packet_unref(packet);
    }
    avcodec_send_packet(decoder, nullptr);
    take_frames();
    av_frame_free(&frame);
    av_packet_free(&packet);
    avcodec_free_context(&decoder);
    avformat_close_input(&format);
    return result;
}

/// Records `frames` frames of the test pattern (320x180 at 30 fps) into `file`; the studio's
/// final stats.
StatsSnapshot record_pattern(const PluginRegistry& registry, const StudioSettings& settings,
                             const std::filesystem::path& file, int frames) {
    Studio studio(registry, settings);
    auto scene = std::make_shared<Scene>();
    SceneItem item;
    item.id = 1;
    item.source = registry.create_source("test_pattern", {{"width", 320}, {"height", 180}});
    scene->items.push_back(item);
    studio.set_scene(scene);
    studio.start_mixing();
    studio.start_group("rec", {{"record", {{"path", file.string()}}}}, frames / 30.0);
    REQUIRE(wait_for_state(studio, "rec", GroupState::finished, 30s));
    return studio.stats();
}

}  // namespace

TEST_CASE("a video encoder failing mid-recording gives way to the fallback and the file plays",
          "[studio][gpu][fallback]") {
    constexpr int kFailAt = 90;  // 3 s into a 6 s recording
    constexpr int kFrames = 180;
    test::StudioTempDir dir;
    const PluginRegistry registry = registry_with_flaky_encoder(kFailAt);
    StudioSettings settings;
    settings.video = {320, 180, {30, 1}};
    settings.video_encoder = "flaky";
    settings.video_encoder_fallback = "x264";
    const auto file = dir.path / "take.mkv";

    SECTION("an encoder without B-frames: not a frame is lost") {
        // As NVENC's low-latency presets: every frame it took came back or is re-encoded.
        settings.video_encoder_settings = {
            {"preset", "ultrafast"}, {"bitrate_kbps", 500}, {"bframes", 0}};
        const StatsSnapshot stats = record_pattern(registry, settings, file, kFrames);
        REQUIRE(stats.outputs.size() == 1);
        const std::string warning = stats.outputs[0].counters.warning;
        INFO("warning: " << warning);
        CHECK(stats.outputs[0].counters.error.empty());
        CHECK(warning.find("flaky: the device was reset") != std::string::npos);
        CHECK(warning.find("encoding with 'x264'") != std::string::npos);
        CHECK(warning.find("lost") == std::string::npos);

        const DecodedVideo video = decode_video(file, 30);
        CHECK(video.packets == kFrames);
        CHECK(video.frames == kFrames);
        CHECK(video.decode_errors == 0);
        CHECK(video.gaps == 0);
        // The fallback starts on a keyframe, where the failed encoder stopped giving packets
        // back (at the failing frame, or the few before it the encoder still held); the
        // regular ones are every 2 s, at 0, 60, 120.
        const bool switch_keyframe =
            std::any_of(video.keyframe_pts.begin(), video.keyframe_pts.end(),
                        [](int64_t pts) { return pts > kFailAt - 8 && pts <= kFailAt; });
        CHECK(switch_keyframe);
    }

    SECTION("an encoder with B-frames: the few it held out of order are lost, and said so") {
        settings.video_encoder_settings = {
            {"preset", "veryfast"}, {"bitrate_kbps", 500}, {"bframes", 3}};
        const std::string warning =
            record_pattern(registry, settings, file, kFrames).outputs.at(0).counters.warning;
        INFO("warning: " << warning);
        CHECK(warning.find("encoding with 'x264'") != std::string::npos);

        const DecodedVideo video = decode_video(file, 30);
        CHECK(video.decode_errors == 0);
        CHECK(video.frames == video.packets);
        // At most the B-frames in flight (3) are lost; the rest plays in order.
        CHECK(video.frames >= kFrames - 3);
        CHECK(video.gaps == kFrames - video.frames);
        if (video.gaps > 0)
            CHECK(warning.find(fmt::format("({} frames lost)", video.gaps)) != std::string::npos);
    }
}
