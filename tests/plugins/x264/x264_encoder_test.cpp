// Tests plugins/x264: a real libx264 encode, decoded back with libavcodec's h264 decoder.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

extern "C" {
#include <libavcodec/avcodec.h>
}

#include "core/plugin/plugin_registry.hpp"
#include "core/scene/properties.hpp"
#include "plugins/x264/x264_encoder.hpp"
#include "plugins/x264/x264_types.hpp"

using namespace lm;
using Catch::Matchers::Contains;

namespace {

constexpr int kWidth = 1280;
constexpr int kHeight = 720;

/// A gradient with a bright box sliding across it: real motion, cheap to encode.
VideoFramePtr moving_pattern(int64_t index) {
    auto frame = std::make_shared<VideoFrame>(PixelFormat::nv12, kWidth, kHeight);
    const int box_x = static_cast<int>((index * 16) % (kWidth - 200));
    for (int y = 0; y < kHeight; ++y) {
        uint8_t* row = frame->data(0) + y * frame->stride(0);
        int value = static_cast<int>((y + index * 4) % 200);
        for (int x = 0; x < kWidth; ++x) {
            row[x] = static_cast<uint8_t>(16 + value);
            value = value == 199 ? 0 : value + 1;
        }
        if (y >= 260 && y < 460)
            std::fill_n(row + box_x, 200, uint8_t{235});
    }
    for (int y = 0; y < kHeight / 2; ++y) {
        uint8_t* row = frame->data(1) + y * frame->stride(1);
        for (int x = 0; x < kWidth; x += 2) {
            row[x] = static_cast<uint8_t>(64 + (x / 8) % 128);
            row[x + 1] = static_cast<uint8_t>(64 + (y / 4) % 128);
        }
    }
    frame->index = index;
    return frame;
}

/// Uniform noise: as hard to compress as a picture gets, so the bitrate cap must act. Each
/// frame is a window at a random offset into one pool of random bytes (generating fresh noise
/// per pixel is what made this test slow).
VideoFramePtr noise(int64_t index, std::minstd_rand& random) {
    static const std::vector<uint8_t> pool = [] {
        std::minstd_rand pool_random(1);
        std::vector<uint8_t> bytes(4 * kWidth * kHeight);
        for (uint8_t& b : bytes)
            b = static_cast<uint8_t>(16 + pool_random() % 220);
        return bytes;
    }();
    auto frame = std::make_shared<VideoFrame>(PixelFormat::nv12, kWidth, kHeight);
    const size_t frame_bytes = static_cast<size_t>(kWidth) * kHeight * 3 / 2;
    const size_t offset = random() % (pool.size() - frame_bytes);
    // NV12 planes are contiguous in a VideoFrame: one copy fills both.
    std::copy_n(pool.begin() + static_cast<std::ptrdiff_t>(offset), frame_bytes, frame->data(0));
    frame->index = index;
    return frame;
}

VideoFramePtr flat_grey(int64_t index) {
    auto frame = std::make_shared<VideoFrame>(PixelFormat::nv12, kWidth, kHeight);
    std::fill_n(frame->data(0), frame->stride(0) * kHeight, uint8_t{128});
    std::fill_n(frame->data(1), frame->stride(1) * kHeight / 2, uint8_t{128});
    frame->index = index;
    return frame;
}

/// Sends every frame, drains after each send as the encode worker does, then flushes.
template <typename MakeFrame>
std::vector<PacketPtr> encode(X264Encoder& encoder, int frame_count, MakeFrame make_frame) {
    std::vector<PacketPtr> packets;
    PacketPtr packet;
    for (int i = 0; i < frame_count; ++i) {
        encoder.send(make_frame(i), i);
        while (encoder.receive(packet) == ReceiveResult::packet)
            packets.push_back(packet);
    }
    encoder.send(nullptr, 0);
    ReceiveResult result;
    while ((result = encoder.receive(packet)) == ReceiveResult::packet)
        packets.push_back(packet);
    REQUIRE(result == ReceiveResult::end);
    return packets;
}

/// NAL unit types found after Annex B start codes.
std::vector<int> nal_types(const std::vector<uint8_t>& data) {
    std::vector<int> types;
    for (size_t i = 0; i + 3 < data.size(); ++i) {
        if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
            types.push_back(data[i + 3] & 0x1f);
            i += 3;
        }
    }
    return types;
}

struct Decoded {
    int frames = 0;
    int width = 0;
    int height = 0;
};

Decoded decode_h264(const StreamInfo& info, const std::vector<PacketPtr>& packets) {
    const AVCodec* codec = avcodec_find_decoder(AV_CODEC_ID_H264);
    REQUIRE(codec != nullptr);
    AVCodecContext* context = avcodec_alloc_context3(codec);
    context->extradata =
        static_cast<uint8_t*>(av_mallocz(info.extradata.size() + AV_INPUT_BUFFER_PADDING_SIZE));
    std::copy(info.extradata.begin(), info.extradata.end(), context->extradata);
    context->extradata_size = static_cast<int>(info.extradata.size());
    REQUIRE(avcodec_open2(context, codec, nullptr) == 0);
    AVPacket* av_packet = av_packet_alloc();
    AVFrame* frame = av_frame_alloc();
    Decoded decoded;
    auto drain = [&] {
        while (avcodec_receive_frame(context, frame) == 0) {
            ++decoded.frames;
            decoded.width = frame->width;
            decoded.height = frame->height;
            av_frame_unref(frame);
        }
    };
    for (const PacketPtr& packet : packets) {
        REQUIRE(av_new_packet(av_packet, static_cast<int>(packet->data.size())) == 0);
        std::copy(packet->data.begin(), packet->data.end(), av_packet->data);
        av_packet->pts = packet->pts;
        av_packet->dts = packet->dts;
        REQUIRE(avcodec_send_packet(context, av_packet) == 0);
        av_packet_unref(av_packet);
        drain();
    }
    avcodec_send_packet(context, nullptr);
    drain();
    av_frame_free(&frame);
    av_packet_free(&av_packet);
    avcodec_free_context(&context);
    return decoded;
}

double bitrate_kbps(const std::vector<PacketPtr>& packets, double seconds) {
    size_t bytes = 0;
    for (const PacketPtr& packet : packets)
        bytes += packet->data.size();
    return static_cast<double>(bytes) * 8.0 / 1000.0 / seconds;
}

}  // namespace

TEST_CASE("90 frames at 30 fps with keyint 2 s have keyframes at exactly 0 and 60", "[x264]") {
    X264Encoder encoder(VideoFormat{kWidth, kHeight, {30, 1}}, nlohmann::json{{"keyint_s", 2}});
    const auto packets = encode(encoder, 90, moving_pattern);

    REQUIRE(packets.size() == 90);  // the flush returned every frame
    std::vector<int64_t> keyframes;
    std::vector<int64_t> pts;
    for (const PacketPtr& packet : packets) {
        CHECK(packet->kind == MediaKind::video);
        CHECK(packet->time_base == Rational{1, 30});
        if (packet->keyframe)
            keyframes.push_back(packet->pts);
        pts.push_back(packet->pts);
    }
    CHECK(keyframes == std::vector<int64_t>{0, 60});
    std::sort(pts.begin(), pts.end());
    for (int i = 0; i < 90; ++i)
        CHECK(pts[i] == i);
}

TEST_CASE("a hard scene cut does not move the 2 s keyframe grid", "[x264]") {
    // Platforms segment at keyframes and expect them every keyint_s; an extra IDR at a cut
    // would restart the count and shift every later keyframe.
    X264Encoder encoder(VideoFormat{kWidth, kHeight, {30, 1}}, nlohmann::json{{"keyint_s", 2}});
    std::minstd_rand random(7);
    const auto packets = encode(encoder, 150, [&](int i) {
        return i < 45 || i >= 100 ? moving_pattern(i) : noise(i, random);  // cuts at 45 and 100
    });
    std::vector<int64_t> keyframes;
    for (const PacketPtr& packet : packets) {
        if (packet->keyframe)
            keyframes.push_back(packet->pts);
    }
    std::sort(keyframes.begin(), keyframes.end());
    CHECK(keyframes == std::vector<int64_t>{0, 60, 120});
}

TEST_CASE("packets come in decode order that a muxer accepts", "[x264]") {
    X264Encoder encoder(VideoFormat{kWidth, kHeight, {30, 1}}, nlohmann::json::object());
    const auto packets = encode(encoder, 45, moving_pattern);
    REQUIRE(packets.size() == 45);
    bool reordered = false;
    for (size_t i = 0; i < packets.size(); ++i) {
        CHECK(packets[i]->pts >= packets[i]->dts);
        if (i > 0)
            CHECK(packets[i]->dts > packets[i - 1]->dts);
        reordered = reordered || packets[i]->pts != packets[i]->dts;
    }
    CHECK(reordered);  // veryfast uses B-frames by default, so this exercised the reordering
}

TEST_CASE("profile and tune settings reach the encoder", "[x264]") {
    SECTION("baseline has no B-frames, so nothing is reordered") {
        X264Encoder encoder(VideoFormat{640, 360, {30, 1}},
                            nlohmann::json{{"profile", "baseline"}});
        for (const PacketPtr& packet : encode(encoder, 30, [](int i) {
                 auto frame = std::make_shared<VideoFrame>(PixelFormat::nv12, 640, 360);
                 std::fill_n(frame->data(0), 640 * 360, static_cast<uint8_t>(16 + i * 5));
                 frame->index = i;
                 return frame;
             })) {
            CHECK(packet->pts == packet->dts);
        }
    }
    SECTION("zerolatency returns each frame's packet right after it is sent") {
        X264Encoder encoder(VideoFormat{640, 360, {30, 1}},
                            nlohmann::json{{"tune", "zerolatency"}});
        auto frame = std::make_shared<VideoFrame>(PixelFormat::nv12, 640, 360);
        encoder.send(frame, 0);
        PacketPtr packet;
        CHECK(encoder.receive(packet) == ReceiveResult::packet);
        CHECK(packet->keyframe);
    }
}

TEST_CASE("each packet carries its frame's render time, through B-frame reordering", "[x264]") {
    // The default settings have B frames and a lookahead: packets come out late and reordered.
    X264Encoder encoder(VideoFormat{kWidth, kHeight, {30, 1}}, nlohmann::json::object());
    const auto packets = encode(encoder, 40, [](int64_t index) {
        auto frame = std::make_shared<VideoFrame>(*moving_pattern(index));
        frame->rendered_at_ns = 1'000'000'000 + index * 33'000'000;
        return VideoFramePtr(std::move(frame));
    });
    REQUIRE(packets.size() == 40);
    bool reordered = false;
    for (const PacketPtr& packet : packets) {
        CHECK(packet->rendered_at_ns == 1'000'000'000 + packet->pts * 33'000'000);
        reordered = reordered || packet->pts != packet->dts;
    }
    CHECK(reordered);
}

TEST_CASE("keyframes outrank every other frame when packets must be dropped", "[x264]") {
    X264Encoder encoder(VideoFormat{kWidth, kHeight, {30, 1}}, nlohmann::json::object());
    const auto packets = encode(encoder, 40, moving_pattern);
    int key_priority = 0;
    int other_max = 0;
    for (const PacketPtr& packet : packets) {
        if (packet->keyframe)
            key_priority = packet->priority;
        else
            other_max = std::max(other_max, packet->priority);
    }
    CHECK(key_priority > other_max);
    CHECK(other_max > 0);
}

TEST_CASE("extradata is Annex B SPS and PPS, and the stream decodes at the canvas size", "[x264]") {
    X264Encoder encoder(VideoFormat{kWidth, kHeight, {30, 1}}, nlohmann::json::object());
    const StreamInfo info = encoder.stream_info();
    CHECK(info.codec == "h264");
    CHECK(info.width == kWidth);
    CHECK(info.height == kHeight);
    CHECK(info.time_base == Rational{1, 30});
    CHECK(info.frame_rate == Rational{30, 1});
    REQUIRE(info.extradata.size() > 8);
    const bool start_code =
        (info.extradata[0] == 0 && info.extradata[1] == 0 && info.extradata[2] == 0 &&
         info.extradata[3] == 1) ||
        (info.extradata[0] == 0 && info.extradata[1] == 0 && info.extradata[2] == 1);
    CHECK(start_code);
    const auto types = nal_types(info.extradata);
    CHECK(std::count(types.begin(), types.end(), 7) == 1);  // SPS
    CHECK(std::count(types.begin(), types.end(), 8) == 1);  // PPS

    const auto packets = encode(encoder, 90, moving_pattern);
    for (const PacketPtr& packet : packets) {
        // Headers live in the extradata only (containers carry them once).
        const auto packet_types = nal_types(packet->data);
        CHECK(std::count(packet_types.begin(), packet_types.end(), 7) == 0);
    }
    const Decoded decoded = decode_h264(info, packets);
    CHECK(decoded.frames == 90);
    CHECK(decoded.width == kWidth);
    CHECK(decoded.height == kHeight);
}

TEST_CASE("CBR holds 2500 kbps for noise and for a still picture", "[x264]") {
    constexpr int kFrames = 150;  // 5 s at 30 fps
    const double seconds = kFrames / 30.0;
    const nlohmann::json settings{{"rate_control", "cbr"}, {"bitrate_kbps", 2500}};

    SECTION("noise cannot push it far above the target") {
        X264Encoder encoder(VideoFormat{kWidth, kHeight, {30, 1}}, settings);
        std::minstd_rand random(42);
        const auto packets = encode(encoder, kFrames, [&](int i) { return noise(i, random); });
        const double kbps = bitrate_kbps(packets, seconds);
        INFO("noise: " << kbps << " kbps");
        CHECK(kbps > 2500 * 0.85);
        CHECK(kbps < 2500 * 1.15);
    }
    SECTION("a still picture is padded up to it (constant means constant)") {
        X264Encoder encoder(VideoFormat{kWidth, kHeight, {30, 1}}, settings);
        const auto packets = encode(encoder, kFrames, flat_grey);
        const double kbps = bitrate_kbps(packets, seconds);
        INFO("still: " << kbps << " kbps");
        CHECK(kbps > 2500 * 0.85);
        CHECK(kbps < 2500 * 1.15);
    }
    SECTION("CRF, by contrast, spends almost nothing on a still picture") {
        X264Encoder encoder(VideoFormat{kWidth, kHeight, {30, 1}},
                            nlohmann::json{{"rate_control", "crf"}, {"crf", 23}});
        const auto packets = encode(encoder, kFrames, flat_grey);
        CHECK(bitrate_kbps(packets, seconds) < 250);
    }
}

TEST_CASE("invalid settings are refused with a message naming the problem", "[x264]") {
    const VideoFormat format{kWidth, kHeight, {30, 1}};
    CHECK_THROWS_MATCHES(X264Encoder(format, nlohmann::json{{"preset", "ultrafst"}}), EncoderError,
                         Catch::Matchers::Message(
                             "x264: unknown preset 'ultrafst' (use one of ultrafast, superfast, "
                             "veryfast, faster, fast, medium, slow, slower, veryslow, placebo)"));
    CHECK_THROWS_WITH(X264Encoder(format, nlohmann::json{{"rate_control", "abr"}}),
                      Contains("rate_control 'abr'") && Contains("cbr, vbr, crf"));
    CHECK_THROWS_WITH(X264Encoder(format, nlohmann::json{{"tune", "fast"}}),
                      Contains("tune 'fast'"));
    CHECK_THROWS_WITH(X264Encoder(format, nlohmann::json{{"profile", "high444"}}),
                      Contains("profile 'high444'"));
    CHECK_THROWS_WITH(X264Encoder(format, nlohmann::json{{"keyint_s", 0}}),
                      Contains("'keyint_s'") && Contains("1..20"));
    CHECK_THROWS_WITH(X264Encoder(format, nlohmann::json{{"bitrate_kbps", "fast"}}),
                      Contains("'bitrate_kbps' must be a whole number"));
    CHECK_THROWS_WITH(
        X264Encoder(format, nlohmann::json{{"rate_control", "vbr"}, {"max_bitrate_kbps", 1000}}),
        Contains("max_bitrate_kbps (1000) must be at least bitrate_kbps (2500)"));
    CHECK_THROWS_AS(X264Encoder(VideoFormat{1281, 720, {30, 1}}, nlohmann::json::object()),
                    EncoderError);
}

TEST_CASE("a frame of the wrong size or format is refused", "[x264]") {
    X264Encoder encoder(VideoFormat{640, 360, {30, 1}}, nlohmann::json::object());
    CHECK_THROWS_WITH(encoder.send(moving_pattern(0), 0),
                      Contains("1280x720 frame") && Contains("640x360"));
    CHECK_THROWS_WITH(encoder.send(std::make_shared<VideoFrame>(PixelFormat::i420, 640, 360), 0),
                      Contains("NV12"));
}

TEST_CASE("the registered type's schema defaults make a working encoder", "[x264]") {
    PluginRegistry registry;
    register_x264_types(registry);
    const VideoEncoderType* type = registry.video_encoder("x264");
    REQUIRE(type != nullptr);
    const nlohmann::json settings = apply_schema(type->properties, nlohmann::json::object());
    CHECK(settings.at("rate_control") == "cbr");
    CHECK(settings.at("bitrate_kbps") == 2500);
    CHECK(settings.at("preset") == "veryfast");
    CHECK(settings.at("keyint_s") == 2);
    auto encoder = type->create(VideoFormat{640, 360, {60, 1}}, settings);
    const StreamInfo info = encoder->stream_info();
    CHECK(info.bitrate_kbps == 2500);
    CHECK(info.time_base == Rational{1, 60});
}
