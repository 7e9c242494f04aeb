// An encoded packet. Immutable once published; shared by every output (PacketPtr).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/media/rational.hpp"

namespace lm {

enum class MediaKind { video = 1, audio };

struct Packet {
    MediaKind kind = MediaKind::video;
    std::vector<uint8_t> data;
    int64_t pts = 0;  ///< in time_base units
    int64_t dts = 0;  ///< in time_base units; may be negative before the first frame (B-frames)
    Rational time_base{1, 1};
    bool keyframe = false;
    /// Drop priority under network congestion: higher survives longer (audio > I > P > B).
    int priority = 0;
    /// Video: when the mixer began rendering the frame (`clock::now_ns()`, its deadline), carried
    /// through the encoder so an output can measure render-to-socket latency. 0: unknown (audio,
    /// or an encoder that does not carry it).
    int64_t rendered_at_ns = 0;
};

/// The Packet::priority values encoders use (see the x264 and AAC plugins).
namespace packet_priority {
constexpr int b_frame = 1;      ///< referenced by nothing: dropping it hurts no other frame
constexpr int b_reference = 2;  ///< referenced only by the B frames around it
constexpr int p_frame = 3;      ///< the rest of its group of pictures depends on it
constexpr int i_frame = 4;
constexpr int audio = 5;
}  // namespace packet_priority

using PacketPtr = std::shared_ptr<const Packet>;

/// What an output needs to know about one encoded stream to write its header.
struct StreamInfo {
    MediaKind kind = MediaKind::video;
    std::string codec;  ///< "h264", "aac"
    Rational time_base{1, 1};
    int bitrate_kbps = 0;
    // video
    int width = 0;
    int height = 0;
    Rational frame_rate{0, 1};
    // audio
    int sample_rate = 0;
    int channels = 0;
    int frame_size = 0;  ///< samples per packet
    /// Codec configuration (H.264: Annex B SPS+PPS; AAC: AudioSpecificConfig).
    std::vector<uint8_t> extradata;
};

}  // namespace lm
