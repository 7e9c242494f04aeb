// AAC-LC encoding with FFmpeg's native "aac" encoder (libavcodec).
#pragma once

#include <nlohmann/json.hpp>

#include <deque>

#include "core/encode/encoder.hpp"

struct AVCodecContext;
struct AVFrame;
struct AVPacket;

namespace lm {

struct AacSettings {
    static constexpr int kMinBitrateKbps = 32;
    static constexpr int kMaxBitrateKbps = 512;
    int bitrate_kbps = 160;

    /// Reads "bitrate_kbps" if present. Throws EncoderError for a bad value.
    static AacSettings from_json(const nlohmann::json& settings);
};

/// Encodes 48 kHz planar float blocks of kAudioTickFrames samples into AAC-LC packets.
///
/// Output stream: time base 1/48000, pts in samples (block.start_sample, shifted back by the
/// encoder's 1024-sample priming delay, so the first packet has a negative pts as in any AAC
/// stream), extradata = AudioSpecificConfig, frame_size 1024.
///
/// Not thread-safe: one encoder thread calls send/receive.
class AacEncoder final : public AudioEncoder {
public:
    /// `channels` is 1 or 2. Throws EncoderError.
    AacEncoder(int channels, const AacSettings& settings);
    AacEncoder(int channels, const nlohmann::json& settings);
    ~AacEncoder() override;
    AacEncoder(const AacEncoder&) = delete;
    AacEncoder& operator=(const AacEncoder&) = delete;

    StreamInfo stream_info() const override { return info_; }
    /// `block` must have the encoder's channel count and exactly 1024 frames. Null starts the
    /// flush; sending a block after that throws EncoderError.
    void send(const AudioBlockPtr& block, int64_t pts) override;
    ReceiveResult receive(PacketPtr& packet) override;

private:
    /// Moves every packet libavcodec has ready into pending_.
    void drain();
    /// Frees the libavcodec objects (also on a failed construction, where no destructor runs).
    void release();

    int channels_;
    AVCodecContext* context_ = nullptr;
    AVFrame* frame_ = nullptr;
    AVPacket* av_packet_ = nullptr;
    StreamInfo info_;
    std::deque<PacketPtr> pending_;
    bool flushing_ = false;
    bool ended_ = false;
};

}  // namespace lm
