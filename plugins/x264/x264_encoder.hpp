// H.264 encoding with libx264, used directly (not through libavcodec) so every rate-control and
// GOP knob streaming needs is in reach.
#pragma once

#include <nlohmann/json.hpp>

#include <deque>

#include "core/encode/encoder.hpp"
#include "plugins/x264/x264_settings.hpp"

struct x264_t;
struct x264_picture_t;

namespace lm {

/// Encodes NV12 frames of one fixed size into Annex B H.264 packets.
///
/// Output stream: time base 1/fps, pts = frame index, dts from x264 (negative for the first
/// frames when B-frames are on), extradata = SPS + PPS in Annex B (no repeated headers in the
/// stream). Keyframes (IDR, closed GOP) fall exactly every keyint_s x fps frames.
///
/// Not thread-safe: one encoder thread calls send/receive. Movable: no.
class X264Encoder final : public VideoEncoder {
public:
    /// Opens libx264. Throws EncoderError for bad settings (specific message) or an x264
    /// failure.
    X264Encoder(const VideoFormat& format, const X264Settings& settings);
    /// Same, reading the settings from JSON (see X264Settings::from_json).
    X264Encoder(const VideoFormat& format, const nlohmann::json& settings);
    ~X264Encoder() override;
    X264Encoder(const X264Encoder&) = delete;
    X264Encoder& operator=(const X264Encoder&) = delete;

    StreamInfo stream_info() const override { return info_; }
    /// Encodes `frame` (must be NV12 of the opened size). A null frame starts the flush; after
    /// that, sending another frame throws EncoderError.
    void send(const VideoFramePtr& frame, int64_t pts) override;
    /// Returns the next packet in decode order, `again` when x264 needs more frames, `end` once
    /// flushed and drained.
    ReceiveResult receive(PacketPtr& packet) override;
    /// CBR and VBR: reconfigures x264's target (and its VBV, scaled the same way) live.
    /// CRF: returns false.
    bool set_bitrate(int kbps) override;

private:
    /// Runs one x264_encoder_encode call (`input` null to drain) and queues its packet, if any.
    /// Returns whether a packet came out.
    bool encode(x264_picture_t* input);

    VideoFormat format_;
    X264Settings settings_;
    x264_t* encoder_ = nullptr;
    StreamInfo info_;
    std::deque<PacketPtr> pending_;
    bool flushing_ = false;
};

}  // namespace lm
