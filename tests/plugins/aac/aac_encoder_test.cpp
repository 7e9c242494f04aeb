// Tests plugins/aac: a real AAC encode, decoded back with libavcodec's AAC decoder.
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <vector>

extern "C" {
#include <libavcodec/avcodec.h>
}

#include "core/plugin/plugin_registry.hpp"
#include "core/scene/properties.hpp"
#include "plugins/aac/aac_encoder.hpp"
#include "plugins/aac/aac_types.hpp"

using namespace lm;
using Catch::Matchers::Contains;

namespace {

constexpr double kLeftHz = 1000.0;
constexpr double kRightHz = 440.0;
constexpr double kAmplitude = 0.5;

/// Block `n` of a tone: 1 kHz on the left (or mono), 440 Hz on the right, starting at `first`.
AudioBlockPtr tone_block(int channels, int n, int64_t first_sample) {
    auto block = std::make_shared<AudioBlock>(channels, kAudioTickFrames);
    block->start_sample = first_sample + static_cast<int64_t>(n) * kAudioTickFrames;
    for (int c = 0; c < channels; ++c) {
        const double hz = c == 0 ? kLeftHz : kRightHz;
        auto samples = block->channel(c);
        for (int i = 0; i < kAudioTickFrames; ++i) {
            const double t = static_cast<double>(n * kAudioTickFrames + i) /
                             static_cast<double>(kAudioSampleRate);
            samples[i] = static_cast<float>(kAmplitude * std::sin(2 * std::numbers::pi * hz * t));
        }
    }
    return block;
}

std::vector<PacketPtr> encode(AacEncoder& encoder, int blocks, int64_t first_sample) {
    std::vector<PacketPtr> packets;
    PacketPtr packet;
    for (int n = 0; n < blocks; ++n) {
        auto block = tone_block(encoder.stream_info().channels, n, first_sample);
        encoder.send(block, block->start_sample);
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

struct DecodedAudio {
    int sample_rate = 0;
    int channels = 0;
    std::vector<std::vector<float>> samples;  // per channel
};

DecodedAudio decode_aac(const StreamInfo& info, const std::vector<PacketPtr>& packets) {
    const AVCodec* codec = avcodec_find_decoder(AV_CODEC_ID_AAC);
    REQUIRE(codec != nullptr);
    AVCodecContext* context = avcodec_alloc_context3(codec);
    context->extradata =
        static_cast<uint8_t*>(av_mallocz(info.extradata.size() + AV_INPUT_BUFFER_PADDING_SIZE));
    std::copy(info.extradata.begin(), info.extradata.end(), context->extradata);
    context->extradata_size = static_cast<int>(info.extradata.size());
    REQUIRE(avcodec_open2(context, codec, nullptr) == 0);
    AVPacket* av_packet = av_packet_alloc();
    AVFrame* frame = av_frame_alloc();
    DecodedAudio decoded;
    auto drain = [&] {
        while (avcodec_receive_frame(context, frame) == 0) {
            REQUIRE(frame->format == AV_SAMPLE_FMT_FLTP);
            decoded.sample_rate = frame->sample_rate;
            decoded.channels = frame->ch_layout.nb_channels;
            decoded.samples.resize(decoded.channels);
            for (int c = 0; c < decoded.channels; ++c) {
                const auto* data = reinterpret_cast<const float*>(frame->extended_data[c]);
                decoded.samples[c].insert(decoded.samples[c].end(), data, data + frame->nb_samples);
            }
            av_frame_unref(frame);
        }
    };
    for (const PacketPtr& packet : packets) {
        REQUIRE(av_new_packet(av_packet, static_cast<int>(packet->data.size())) == 0);
        std::copy(packet->data.begin(), packet->data.end(), av_packet->data);
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

/// Frequency from upward zero crossings over `samples` (away from the start and the end).
double frequency_hz(const std::vector<float>& samples, size_t from, size_t to) {
    int crossings = 0;
    size_t first = 0;
    size_t last = 0;
    for (size_t i = from + 1; i < to; ++i) {
        if (samples[i - 1] < 0 && samples[i] >= 0) {
            if (crossings == 0)
                first = i;
            last = i;
            ++crossings;
        }
    }
    if (crossings < 2)
        return 0;
    return (crossings - 1) * static_cast<double>(kAudioSampleRate) /
           static_cast<double>(last - first);
}

double rms(const std::vector<float>& samples, size_t from, size_t to) {
    double sum = 0;
    for (size_t i = from; i < to; ++i)
        sum += static_cast<double>(samples[i]) * samples[i];
    return std::sqrt(sum / static_cast<double>(to - from));
}

}  // namespace

TEST_CASE("2 s of a stereo tone decode back at 48 kHz with pitch and level intact", "[aac]") {
    AacEncoder encoder(2, nlohmann::json{{"bitrate_kbps", 160}});
    const StreamInfo info = encoder.stream_info();
    CHECK(info.codec == "aac");
    CHECK(info.sample_rate == 48000);
    CHECK(info.channels == 2);
    CHECK(info.frame_size == 1024);
    CHECK(info.time_base == Rational{1, 48000});
    REQUIRE(info.extradata.size() >= 2);
    CHECK((info.extradata[0] >> 3) == 2);  // AudioSpecificConfig object type 2: AAC-LC

    const int blocks = 2 * kAudioSampleRate / kAudioTickFrames + 1;  // a little over 2 s
    const auto packets = encode(encoder, blocks, 0);
    CHECK(packets.size() >= static_cast<size_t>(blocks));
    const DecodedAudio decoded = decode_aac(info, packets);
    CHECK(decoded.sample_rate == 48000);
    REQUIRE(decoded.channels == 2);
    // All the audio came back (plus the encoder's priming and padding).
    CHECK(decoded.samples[0].size() >= static_cast<size_t>(blocks) * kAudioTickFrames);

    const size_t from = kAudioSampleRate / 4;  // skip the priming and the onset
    const size_t to = from + kAudioSampleRate;
    CHECK(frequency_hz(decoded.samples[0], from, to) == Approx(kLeftHz).epsilon(0.01));
    CHECK(frequency_hz(decoded.samples[1], from, to) == Approx(kRightHz).epsilon(0.01));
    const double expected_rms = kAmplitude / std::sqrt(2.0);
    CHECK(rms(decoded.samples[0], from, to) == Approx(expected_rms).epsilon(0.05));
    CHECK(rms(decoded.samples[1], from, to) == Approx(expected_rms).epsilon(0.05));
}

TEST_CASE("packets carry the blocks' timeline and the audio drop priority", "[aac]") {
    AacEncoder encoder(1, nlohmann::json::object());
    // An output that started earlier: timestamps follow start_sample, not a fresh counter.
    constexpr int64_t kFirstSample = 10 * kAudioSampleRate;
    const auto packets = encode(encoder, 20, kFirstSample);
    REQUIRE(packets.size() >= 20);
    // The encoder delays by its priming frames, so the first packet starts a little earlier.
    CHECK(packets[0]->pts <= kFirstSample);
    CHECK(packets[0]->pts >= kFirstSample - 2 * kAudioTickFrames);
    for (size_t i = 0; i < packets.size(); ++i) {
        CHECK(packets[i]->kind == MediaKind::audio);
        CHECK(packets[i]->keyframe);
        CHECK(packets[i]->time_base == Rational{1, 48000});
        CHECK(packets[i]->pts == packets[0]->pts + static_cast<int64_t>(i) * kAudioTickFrames);
        CHECK(packets[i]->priority > 4);  // above every video frame (x264 uses 1..4)
    }
}

TEST_CASE("bitrate setting changes the size of the stream", "[aac]") {
    const int blocks = 2 * kAudioSampleRate / kAudioTickFrames;
    auto total_bytes = [&](int kbps) {
        AacEncoder encoder(2, nlohmann::json{{"bitrate_kbps", kbps}});
        size_t bytes = 0;
        for (const PacketPtr& packet : encode(encoder, blocks, 0))
            bytes += packet->data.size();
        return bytes;
    };
    CHECK(total_bytes(64) * 2 < total_bytes(256));
}

TEST_CASE("wrong channel counts, block sizes and settings are refused", "[aac]") {
    CHECK_THROWS_WITH(AacEncoder(6, nlohmann::json::object()), Contains("use 1 or 2"));
    CHECK_THROWS_WITH(AacEncoder(2, nlohmann::json{{"bitrate_kbps", 8}}),
                      Contains("'bitrate_kbps' is 8") && Contains("32..512"));
    AacEncoder encoder(2, nlohmann::json::object());
    CHECK_THROWS_WITH(encoder.send(std::make_shared<AudioBlock>(1, kAudioTickFrames), 0),
                      Contains("1 ch x 1024 frames, expected 2 x 1024"));
    CHECK_THROWS_WITH(encoder.send(std::make_shared<AudioBlock>(2, 480), 0),
                      Contains("2 ch x 480 frames"));
}

TEST_CASE("the registered type's schema defaults make a working encoder", "[aac]") {
    PluginRegistry registry;
    register_aac_types(registry);
    const AudioEncoderType* type = registry.audio_encoder("aac");
    REQUIRE(type != nullptr);
    const nlohmann::json settings = apply_schema(type->properties, nlohmann::json::object());
    CHECK(settings.at("bitrate_kbps") == 160);
    auto encoder = type->create(2, settings);
    CHECK(encoder->stream_info().bitrate_kbps == 160);
    CHECK(encoder->stream_info().channels == 2);
}
