// H.264 on an NVIDIA GPU's video encoder engine (NVENC), speaking send/receive like x264.
//
// NOT RUN ON NVENC HARDWARE YET: no machine this was written on has an NVENC engine. It is
// written against nv-codec-headers 11.1 (NVENC API 11.1) and follows the API's documented
// synchronous flow, but until the conformance suite (tests/encode) has passed on a real GPU,
// treat it as untested. Without NVENC it fails to open with the probe's reason.
#pragma once

#include <nlohmann/json.hpp>

#include <deque>
#include <map>
#include <memory>
#include <vector>

#include "core/encode/encoder.hpp"
#include "plugins/nvenc/nvenc_settings.hpp"

namespace lm {

class NvencDriver;

/// Used on one thread at a time (created on one, then used on the encoder thread).
class NvencEncoder final : public VideoEncoder {
public:
    /// Opens a session on settings.gpu. Throws EncoderError with the reason NVENC cannot run
    /// here ("nvenc: no NVIDIA driver (libcuda.so.1 not found)") or a setting it refuses.
    NvencEncoder(const VideoFormat& format, const nlohmann::json& settings);
    NvencEncoder(const VideoFormat& format, const NvencSettings& settings);
    ~NvencEncoder() override;
    NvencEncoder(const NvencEncoder&) = delete;
    NvencEncoder& operator=(const NvencEncoder&) = delete;

    StreamInfo stream_info() const override { return info_; }
    void send(const VideoFramePtr& frame, int64_t pts) override;
    ReceiveResult receive(PacketPtr& packet) override;
    /// CBR and VBR: NvEncReconfigureEncoder with the new rate, no IDR, no reset. Constant
    /// quality and constant QP: false.
    bool set_bitrate(int kbps) override;

private:
    struct Session;  // the driver, context, session and buffers (keeps NVIDIA headers out)

    /// Moves every encoded picture still in NVENC into pending_, in output order.
    void collect_in_flight();

    VideoFormat format_;
    NvencSettings settings_;
    std::unique_ptr<Session> session_;
    StreamInfo info_;
    std::deque<PacketPtr> pending_;
    int64_t packets_out_ = 0;  ///< for the dts, which NVENC does not report
    /// Each picture's VideoFrame::rendered_at_ns by its pts, until its bitstream comes out
    /// (NVENC hands back only the timestamp; B-frames reorder, so not a queue).
    std::map<int64_t, int64_t> rendered_at_by_pts_;
    bool flushing_ = false;
    bool flushed_ = false;
};

}  // namespace lm
