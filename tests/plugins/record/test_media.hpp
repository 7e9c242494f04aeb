// Real encoded media for the output tests: H.264 from libavcodec's libx264 wrapper and AAC from
// its native encoder, shaped like the engine's encoders' output (Annex B extradata, 1/fps and
// 1/48000 time bases). The record tests link only lm_plugin_record, not the x264/aac plugins.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
}

#include "core/media/audio_block.hpp"
#include "core/media/packet.hpp"

namespace lm {

struct TestMedia {
    StreamInfo video;
    StreamInfo audio;
    std::vector<PacketPtr> packets;  ///< both streams, in dts order
    int audio_packet_count = 0;
};

inline void drain_encoder(AVCodecContext* context, MediaKind kind, std::vector<PacketPtr>& out) {
    AVPacket* av_packet = av_packet_alloc();
    while (avcodec_receive_packet(context, av_packet) == 0) {
        auto packet = std::make_shared<Packet>();
        packet->kind = kind;
        packet->data.assign(av_packet->data, av_packet->data + av_packet->size);
        packet->pts = av_packet->pts;
        packet->dts = av_packet->dts;
        packet->time_base = Rational{context->time_base.num, context->time_base.den};
        packet->keyframe = (av_packet->flags & AV_PKT_FLAG_KEY) != 0;
        out.push_back(std::move(packet));
        av_packet_unref(av_packet);
    }
    av_packet_free(&av_packet);
}

inline StreamInfo info_of(const AVCodecContext* context, MediaKind kind) {
    StreamInfo info;
    info.kind = kind;
    info.codec = kind == MediaKind::video ? "h264" : "aac";
    info.time_base = Rational{context->time_base.num, context->time_base.den};
    info.bitrate_kbps = static_cast<int>(context->bit_rate / 1000);
    info.width = context->width;
    info.height = context->height;
    info.frame_rate = Rational{context->framerate.num, context->framerate.den};
    info.sample_rate = context->sample_rate;
    info.channels = context->ch_layout.nb_channels;
    info.frame_size = context->frame_size;
    info.extradata.assign(context->extradata, context->extradata + context->extradata_size);
    return info;
}

/// `video_frames` of 1280x720@30 with a moving box, and `audio_s` of a 48 kHz stereo tone.
inline TestMedia encode_test_media(int video_frames, double audio_s) {
    TestMedia media;
    std::vector<PacketPtr> video_packets;
    std::vector<PacketPtr> audio_packets;

    const AVCodec* h264 = avcodec_find_encoder_by_name("libx264");
    REQUIRE(h264 != nullptr);
    AVCodecContext* video = avcodec_alloc_context3(h264);
    video->width = 1280;
    video->height = 720;
    video->pix_fmt = AV_PIX_FMT_NV12;
    video->time_base = AVRational{1, 30};
    video->framerate = AVRational{30, 1};
    video->gop_size = 60;
    video->bit_rate = 1'500'000;
    video->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    av_opt_set(video->priv_data, "preset", "veryfast", 0);  // with B-frames: dts < pts
    REQUIRE(avcodec_open2(video, h264, nullptr) == 0);
    AVFrame* frame = av_frame_alloc();
    for (int i = 0; i < video_frames; ++i) {
        frame->format = AV_PIX_FMT_NV12;
        frame->width = 1280;
        frame->height = 720;
        REQUIRE(av_frame_get_buffer(frame, 0) == 0);
        for (int y = 0; y < 720; ++y) {
            uint8_t* row = frame->data[0] + y * frame->linesize[0];
            std::fill_n(row, 1280, static_cast<uint8_t>(40 + (y + i) % 100));
            if (y >= 300 && y < 420)
                std::fill_n(row + (i * 12) % 1000, 120, uint8_t{220});
        }
        for (int y = 0; y < 360; ++y)
            std::fill_n(frame->data[1] + y * frame->linesize[1], 1280, 128);
        frame->pts = i;
        REQUIRE(avcodec_send_frame(video, frame) == 0);
        av_frame_unref(frame);
        drain_encoder(video, MediaKind::video, video_packets);
    }
    avcodec_send_frame(video, nullptr);
    drain_encoder(video, MediaKind::video, video_packets);
    media.video = info_of(video, MediaKind::video);
    avcodec_free_context(&video);

    const AVCodec* aac = avcodec_find_encoder_by_name("aac");
    AVCodecContext* audio = avcodec_alloc_context3(aac);
    audio->sample_fmt = AV_SAMPLE_FMT_FLTP;
    audio->sample_rate = kAudioSampleRate;
    av_channel_layout_default(&audio->ch_layout, 2);
    audio->bit_rate = 160'000;
    audio->time_base = AVRational{1, kAudioSampleRate};
    audio->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    REQUIRE(avcodec_open2(audio, aac, nullptr) == 0);
    const int blocks = static_cast<int>(std::ceil(audio_s * kAudioSampleRate / kAudioTickFrames));
    for (int n = 0; n < blocks; ++n) {
        frame->format = AV_SAMPLE_FMT_FLTP;
        frame->sample_rate = kAudioSampleRate;
        frame->nb_samples = kAudioTickFrames;
        av_channel_layout_default(&frame->ch_layout, 2);
        REQUIRE(av_frame_get_buffer(frame, 0) == 0);
        for (int c = 0; c < 2; ++c) {
            auto* samples = reinterpret_cast<float*>(frame->extended_data[c]);
            for (int i = 0; i < kAudioTickFrames; ++i) {
                const double t = static_cast<double>(n * kAudioTickFrames + i) / kAudioSampleRate;
                samples[i] = static_cast<float>(0.3 * std::sin(2 * 3.14159265 * 440 * t));
            }
        }
        frame->pts = static_cast<int64_t>(n) * kAudioTickFrames;
        REQUIRE(avcodec_send_frame(audio, frame) == 0);
        av_frame_unref(frame);
        drain_encoder(audio, MediaKind::audio, audio_packets);
    }
    avcodec_send_frame(audio, nullptr);
    drain_encoder(audio, MediaKind::audio, audio_packets);
    media.audio = info_of(audio, MediaKind::audio);
    avcodec_free_context(&audio);
    av_frame_free(&frame);

    // The order the engine's fan-out delivers in: by decode time across both streams.
    media.audio_packet_count = static_cast<int>(audio_packets.size());
    media.packets = video_packets;
    media.packets.insert(media.packets.end(), audio_packets.begin(), audio_packets.end());
    std::stable_sort(media.packets.begin(), media.packets.end(),
                     [](const PacketPtr& a, const PacketPtr& b) {
                         return a->dts * a->time_base.num * b->time_base.den <
                                b->dts * b->time_base.num * a->time_base.den;
                     });
    return media;
}

}  // namespace lm
