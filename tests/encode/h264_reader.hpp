// Decodes an encoder's packets with libavcodec's H.264 decoder: the proof that a stream plays,
// independent of the encoder that made it.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "core/media/packet.hpp"

namespace lm::test {

struct DecodedPicture {
    int64_t pts = 0;  ///< the packet pts the decoder attached to this picture
    int width = 0;
    int height = 0;
    const uint8_t* luma = nullptr;  ///< valid only during the callback
    int luma_stride = 0;
};

struct DecodeResult {
    int frames = 0;
    int errors = 0;  ///< packets the decoder refused or pictures it flagged as corrupt
};

/// Decodes `packets` (Annex B, headers in `info.extradata`) in the order given, then flushes.
/// Calls `on_picture` for each picture in display order. Not thread-safe per call; reentrant.
DecodeResult decode_h264(const StreamInfo& info, const std::vector<PacketPtr>& packets,
                         const std::function<void(const DecodedPicture&)>& on_picture = {});

}  // namespace lm::test
