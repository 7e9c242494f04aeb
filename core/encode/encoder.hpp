// Encoders speak send/receive, like avcodec_send_frame / avcodec_receive_packet: libx264,
// NVENC and AAC all look the same to the packet fan-out.
#pragma once

#include <stdexcept>

#include "core/media/audio_block.hpp"
#include "core/media/packet.hpp"
#include "core/media/video_frame.hpp"

namespace lm {

class EncoderError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

enum class ReceiveResult {
    packet = 1,  ///< a packet was returned
    again,       ///< send more input first
    end,         ///< flushed: no packet will ever come again
};

/// The canvas an encoder is opened for.
struct VideoFormat {
    int width = 1280;
    int height = 720;
    Rational frame_rate{30, 1};
};

/// Settings keys shared by every video encoder: "bitrate_kbps", "keyint_s", "rate_control"
/// ("cbr" | "vbr" | "crf"), plus encoder-specific ones from its PropertySchema.
class VideoEncoder {
public:
    virtual ~VideoEncoder() = default;
    /// The stream this encoder produces (codec, size, time base, extradata). Valid after
    /// construction.
    virtual StreamInfo stream_info() const = 0;
    /// Queues one NV12 frame shown at `pts` (in stream_info().time_base: frames since this
    /// encode started); a null frame starts the flush. Throws EncoderError.
    virtual void send(const VideoFramePtr& frame, int64_t pts) = 0;
    virtual ReceiveResult receive(PacketPtr& packet) = 0;
    /// Changes the target bitrate from the next frame on, without restarting the stream (no
    /// new keyframe, no new headers): dynamic bitrate lowers it when a link falls behind and
    /// raises it back as it recovers. Called on the encoder thread, between send() calls.
    /// Returns false when this encoder cannot change its bitrate live (CRF, CQP), which leaves
    /// the stream as it was. Throws EncoderError when the encoder refuses a supported change.
    virtual bool set_bitrate(int kbps) = 0;
};

/// Settings keys: "bitrate_kbps".
class AudioEncoder {
public:
    virtual ~AudioEncoder() = default;
    virtual StreamInfo stream_info() const = 0;
    /// Queues one block (48 kHz planar float, kAudioTickFrames long) starting at `pts` (samples
    /// since this encode started); null starts the flush.
    virtual void send(const AudioBlockPtr& block, int64_t pts) = 0;
    virtual ReceiveResult receive(PacketPtr& packet) = 0;
};

}  // namespace lm
