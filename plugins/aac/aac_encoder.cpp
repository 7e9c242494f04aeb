#include "plugins/aac/aac_encoder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/channel_layout.h>
#include <libavutil/error.h>
}

namespace lm {
namespace {

// Audio outranks every video frame when the network drops packets (see Packet::priority;
// x264 uses 1..4): losing audio is noticed far sooner than a dropped frame.
constexpr int kPriorityAudio = 5;

std::string av_error_text(int error) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(error, text, sizeof text);
    return text;
}

}  // namespace

AacSettings AacSettings::from_json(const nlohmann::json& settings) {
    AacSettings s;
    if (!settings.is_object() && !settings.is_null()) {
        throw EncoderError("aac: settings must be a JSON object, got " + settings.dump());
    }
    const auto it = settings.find("bitrate_kbps");
    if (it != settings.end() && !it->is_null()) {
        const double value = it->is_number() ? it->get<double>() : 0.5;
        if (!it->is_number() || std::floor(value) != value) {
            throw EncoderError("aac: 'bitrate_kbps' must be a whole number, got " + it->dump());
        }
        if (value < kMinBitrateKbps || value > kMaxBitrateKbps) {
            throw EncoderError(fmt::format("aac: 'bitrate_kbps' is {}, which is outside {}..{}",
                                           it->dump(), kMinBitrateKbps, kMaxBitrateKbps));
        }
        s.bitrate_kbps = static_cast<int>(value);
    }
    return s;
}

AacEncoder::AacEncoder(int channels, const nlohmann::json& settings)
    : AacEncoder(channels, AacSettings::from_json(settings)) {}

AacEncoder::AacEncoder(int channels, const AacSettings& settings) : channels_(channels) {
    if (channels != 1 && channels != 2) {
        throw EncoderError(fmt::format("aac: {} channels requested; use 1 or 2", channels));
    }
    const AVCodec* codec = avcodec_find_encoder_by_name("aac");
    if (codec == nullptr)
        throw EncoderError("aac: this FFmpeg has no native AAC encoder");
    context_ = avcodec_alloc_context3(codec);
    frame_ = av_frame_alloc();
    av_packet_ = av_packet_alloc();
    if (context_ == nullptr || frame_ == nullptr || av_packet_ == nullptr) {
        release();
        throw EncoderError("aac: out of memory");
    }
    context_->sample_fmt = AV_SAMPLE_FMT_FLTP;  // the mixer's planar float, taken as is
    context_->sample_rate = kAudioSampleRate;
    av_channel_layout_default(&context_->ch_layout, channels);
    context_->bit_rate = static_cast<int64_t>(settings.bitrate_kbps) * 1000;
    context_->profile = FF_PROFILE_AAC_LOW;
    context_->time_base = AVRational{1, kAudioSampleRate};
    // Containers (FLV, MP4, MKV) want the AudioSpecificConfig out of band, not ADTS headers.
    context_->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    const int result = avcodec_open2(context_, codec, nullptr);
    if (result < 0) {
        release();
        throw EncoderError(fmt::format("aac: could not open the encoder at {} kbps, {} ch: {}",
                                       settings.bitrate_kbps, channels, av_error_text(result)));
    }

    info_.kind = MediaKind::audio;
    info_.codec = "aac";
    info_.time_base = Rational{1, kAudioSampleRate};
    info_.bitrate_kbps = settings.bitrate_kbps;
    info_.sample_rate = kAudioSampleRate;
    info_.channels = channels;
    info_.frame_size = context_->frame_size;
    info_.extradata.assign(context_->extradata, context_->extradata + context_->extradata_size);
}

AacEncoder::~AacEncoder() {
    release();
}

void AacEncoder::release() {
    av_packet_free(&av_packet_);
    av_frame_free(&frame_);
    avcodec_free_context(&context_);
}

void AacEncoder::send(const AudioBlockPtr& block, int64_t pts) {
    if (flushing_)
        throw EncoderError("aac: a block was sent after the flush started");
    if (!block) {
        flushing_ = true;
        const int result = avcodec_send_frame(context_, nullptr);
        if (result < 0 && result != AVERROR_EOF) {
            throw EncoderError("aac: flushing failed: " + av_error_text(result));
        }
        drain();
        return;
    }
    if (block->channels != channels_ || block->frames != context_->frame_size) {
        throw EncoderError(fmt::format("aac: got a block of {} ch x {} frames, expected {} x {}",
                                       block->channels, block->frames, channels_,
                                       context_->frame_size));
    }
    // A fresh buffer per block: the encoder may keep a reference to the previous one.
    av_frame_unref(frame_);
    frame_->format = AV_SAMPLE_FMT_FLTP;
    frame_->sample_rate = kAudioSampleRate;
    frame_->nb_samples = block->frames;
    av_channel_layout_copy(&frame_->ch_layout, &context_->ch_layout);
    int result = av_frame_get_buffer(frame_, 0);
    if (result < 0)
        throw EncoderError("aac: could not allocate a frame: " + av_error_text(result));
    for (int c = 0; c < channels_; ++c) {
        const auto samples = block->channel(c);
        std::memcpy(frame_->extended_data[c], samples.data(), samples.size_bytes());
    }
    frame_->pts = pts;
    result = avcodec_send_frame(context_, frame_);
    if (result < 0)
        throw EncoderError("aac: encoding failed: " + av_error_text(result));
    drain();
}

void AacEncoder::drain() {
    for (;;) {
        const int result = avcodec_receive_packet(context_, av_packet_);
        if (result == AVERROR(EAGAIN))
            return;
        if (result == AVERROR_EOF) {
            ended_ = true;
            return;
        }
        if (result < 0)
            throw EncoderError("aac: encoding failed: " + av_error_text(result));
        auto packet = std::make_shared<Packet>();
        packet->kind = MediaKind::audio;
        packet->data.assign(av_packet_->data, av_packet_->data + av_packet_->size);
        packet->pts = av_packet_->pts;
        packet->dts = av_packet_->dts;
        packet->time_base = info_.time_base;
        packet->keyframe = true;  // every AAC frame decodes on its own
        packet->priority = kPriorityAudio;
        pending_.push_back(std::move(packet));
        av_packet_unref(av_packet_);
    }
}

ReceiveResult AacEncoder::receive(PacketPtr& packet) {
    if (pending_.empty())
        return ended_ ? ReceiveResult::end : ReceiveResult::again;
    packet = std::move(pending_.front());
    pending_.pop_front();
    return ReceiveResult::packet;
}

}  // namespace lm
