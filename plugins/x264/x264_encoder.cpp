#include "plugins/x264/x264_encoder.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <x264.h>
#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <string>

namespace lm {
namespace {

// Drop priorities (Packet::priority: higher survives congestion longer; audio uses 5).
// A non-reference B frame can go without hurting any other frame; a reference B only hurts
// the B frames around it; a P frame hurts the rest of its GOP; an I frame hurts everything.
constexpr int kPriorityB = 1;
constexpr int kPriorityBRef = 2;
constexpr int kPriorityP = 3;
constexpr int kPriorityI = 4;

int priority_of(int x264_type) {
    switch (x264_type) {
        case X264_TYPE_IDR:
        case X264_TYPE_I:
        case X264_TYPE_KEYFRAME:
            return kPriorityI;
        case X264_TYPE_P:
            return kPriorityP;
        case X264_TYPE_BREF:
            return kPriorityBRef;
        default:
            return kPriorityB;
    }
}

// x264 prints to stderr by default; route it through the process logger instead. Called on
// x264's own threads too, which spdlog's default logger tolerates.
void log_from_x264(void* /*private*/, int level, const char* format, va_list args) {
    char line[1024];
    std::vsnprintf(line, sizeof line, format, args);
    std::string text(line);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
        text.pop_back();
    switch (level) {
        case X264_LOG_ERROR:
            spdlog::error("x264: {}", text);
            break;
        case X264_LOG_WARNING:
            spdlog::warn("x264: {}", text);
            break;
        case X264_LOG_INFO:
            spdlog::info("x264: {}", text);
            break;
        default:
            spdlog::debug("x264: {}", text);
            break;
    }
}

void check_format(const VideoFormat& format) {
    if (format.width <= 0 || format.height <= 0 || format.width % 2 != 0 ||
        format.height % 2 != 0) {
        throw EncoderError(fmt::format("x264: the canvas {}x{} must have an even, positive size",
                                       format.width, format.height));
    }
    if (format.frame_rate.num <= 0 || format.frame_rate.den <= 0) {
        throw EncoderError(fmt::format("x264: invalid frame rate {}/{}", format.frame_rate.num,
                                       format.frame_rate.den));
    }
}

void apply_rate_control(const X264Settings& settings, x264_param_t& param) {
    switch (settings.rate_control) {
        case X264RateControl::cbr:
            // Strict CBR: ABR with a one-second VBV whose rate and size equal the target, and
            // filler so quiet scenes still send the full rate (ingest servers and players
            // estimate the bandwidth from it). No NAL HRD signalling: x264 refuses to change
            // the VBV of a stream that carries HRD parameters ("VBV parameters cannot be
            // changed when NAL HRD is in use", applied silently a frame later), which would
            // make set_bitrate a no-op; the conformance suite's live-change test caught it.
            param.rc.i_rc_method = X264_RC_ABR;
            param.rc.i_bitrate = settings.bitrate_kbps;
            param.rc.i_vbv_max_bitrate = settings.bitrate_kbps;
            param.rc.i_vbv_buffer_size = settings.bitrate_kbps;
            param.i_nal_hrd = X264_NAL_HRD_NONE;
            param.rc.b_filler = 1;
            break;
        case X264RateControl::vbr:
            param.rc.i_rc_method = X264_RC_ABR;
            param.rc.i_bitrate = settings.bitrate_kbps;
            param.rc.i_vbv_max_bitrate = settings.effective_max_bitrate_kbps();
            param.rc.i_vbv_buffer_size = settings.effective_max_bitrate_kbps();
            break;
        case X264RateControl::crf:
            param.rc.i_rc_method = X264_RC_CRF;
            param.rc.f_rf_constant = static_cast<float>(settings.crf);
            break;
    }
}

}  // namespace

X264Encoder::X264Encoder(const VideoFormat& format, const nlohmann::json& settings)
    : X264Encoder(format, X264Settings::from_json(settings)) {}

X264Encoder::X264Encoder(const VideoFormat& format, const X264Settings& settings)
    : format_(format), settings_(settings) {
    check_format(format);
    const Rational fps = format.frame_rate.reduced();

    x264_param_t param;
    const char* tune = settings.tune == "none" ? nullptr : settings.tune.c_str();
    if (x264_param_default_preset(&param, settings.preset.c_str(), tune) < 0) {
        throw EncoderError(
            fmt::format("x264: unknown preset '{}' or tune '{}'", settings.preset, settings.tune));
    }
    param.pf_log = log_from_x264;
    param.p_log_private = nullptr;
    param.i_log_level = X264_LOG_WARNING;

    param.i_csp = X264_CSP_NV12;
    param.i_bitdepth = 8;
    param.i_width = format.width;
    param.i_height = format.height;
    // Constant frame rate: timestamps are frame indices, the time base is 1/fps.
    param.b_vfr_input = 0;
    param.i_fps_num = static_cast<uint32_t>(fps.num);
    param.i_fps_den = static_cast<uint32_t>(fps.den);
    param.i_timebase_num = static_cast<uint32_t>(fps.den);
    param.i_timebase_den = static_cast<uint32_t>(fps.num);
    if (settings.threads > 0)
        param.i_threads = settings.threads;
    if (settings.bframes >= 0)
        param.i_bframe = settings.bframes;

    // Streaming platforms ask for a keyframe every 2 s, and their transcoders and HLS/DASH
    // packagers cut segments at keyframes assuming that cadence. A scene-cut IDR would restart
    // x264's keyframe counter and shift every later keyframe off the grid, so scene-cut
    // detection is off: keyframes fall exactly every keyint frames. Closed GOPs make every
    // keyframe an IDR a viewer can join at.
    const int keyint_frames =
        std::max(1, static_cast<int>(std::lround(settings.keyint_s * fps.to_double())));
    param.i_keyint_max = keyint_frames;
    param.i_scenecut_threshold = 0;
    param.b_open_gop = 0;

    // SPS/PPS go once into the extradata; containers (FLV/MP4/MKV) carry them in their headers
    // and libavformat converts the Annex B start codes to length prefixes itself.
    param.b_repeat_headers = 0;
    param.b_annexb = 1;
    param.b_aud = 0;

    // The GPU converter produces BT.709 limited-range NV12: say so in the VUI.
    param.vui.i_colorprim = 1;
    param.vui.i_transfer = 1;
    param.vui.i_colmatrix = 1;
    param.vui.b_fullrange = 0;

    apply_rate_control(settings, param);

    if (x264_param_apply_profile(&param, settings.profile.c_str()) < 0) {
        throw EncoderError(
            fmt::format("x264: profile '{}' does not fit these settings", settings.profile));
    }
    encoder_ = x264_encoder_open(&param);
    if (encoder_ == nullptr) {
        throw EncoderError(fmt::format(
            "x264: could not open the encoder for {}x{} at {}/{} fps with preset {} (see the log)",
            format.width, format.height, fps.num, fps.den, settings.preset));
    }

    info_.kind = MediaKind::video;
    info_.codec = "h264";
    info_.time_base = Rational{fps.den, fps.num};
    info_.bitrate_kbps = settings.rate_control == X264RateControl::crf ? 0 : settings.bitrate_kbps;
    info_.width = format.width;
    info_.height = format.height;
    info_.frame_rate = fps;

    x264_nal_t* nals = nullptr;
    int nal_count = 0;
    if (x264_encoder_headers(encoder_, &nals, &nal_count) < 0) {
        x264_encoder_close(encoder_);
        throw EncoderError("x264: could not produce the stream headers (SPS/PPS)");
    }
    for (int i = 0; i < nal_count; ++i) {
        // The SEI x264 adds here is only its version banner; containers want SPS and PPS.
        if (nals[i].i_type != NAL_SPS && nals[i].i_type != NAL_PPS)
            continue;
        info_.extradata.insert(info_.extradata.end(), nals[i].p_payload,
                               nals[i].p_payload + nals[i].i_payload);
    }
}

X264Encoder::~X264Encoder() {
    if (encoder_ != nullptr)
        x264_encoder_close(encoder_);
}

void X264Encoder::send(const VideoFramePtr& frame, int64_t pts) {
    if (flushing_)
        throw EncoderError("x264: a frame was sent after the flush started");
    if (!frame) {
        flushing_ = true;
        return;
    }
    if (frame->format() != PixelFormat::nv12) {
        throw EncoderError("x264: frames must be NV12");
    }
    if (frame->width() != format_.width || frame->height() != format_.height) {
        throw EncoderError(fmt::format("x264: got a {}x{} frame, the encoder was opened for {}x{}",
                                       frame->width(), frame->height(), format_.width,
                                       format_.height));
    }
    x264_picture_t picture;
    x264_picture_init(&picture);
    picture.img.i_csp = X264_CSP_NV12;
    picture.img.i_plane = 2;
    for (int p = 0; p < 2; ++p) {
        // x264 copies the input into its own lookahead buffers and never writes to it.
        picture.img.plane[p] = const_cast<uint8_t*>(frame->data(p));
        picture.img.i_stride[p] = frame->stride(p);
    }
    picture.i_pts = pts;
    // x264 hands `opaque` back with the frame's packet, however far its lookahead and B frames
    // reorder it: that carries the render time to the packet.
    static_assert(sizeof(void*) >= sizeof(int64_t));
    picture.opaque = reinterpret_cast<void*>(static_cast<intptr_t>(frame->rendered_at_ns));
    encode(&picture);
}

ReceiveResult X264Encoder::receive(PacketPtr& packet) {
    if (pending_.empty() && flushing_) {
        // Drain one delayed frame per call, so the caller sees packets as they come.
        while (x264_encoder_delayed_frames(encoder_) > 0) {
            if (encode(nullptr))
                break;
        }
    }
    if (pending_.empty())
        return flushing_ ? ReceiveResult::end : ReceiveResult::again;
    packet = std::move(pending_.front());
    pending_.pop_front();
    return ReceiveResult::packet;
}

bool X264Encoder::set_bitrate(int kbps) {
    if (settings_.rate_control == X264RateControl::crf)
        return false;
    if (kbps <= 0)
        throw EncoderError(fmt::format("x264: bitrate {} kbps is not positive", kbps));
    x264_param_t param;
    x264_encoder_parameters(encoder_, &param);
    if (settings_.rate_control == X264RateControl::cbr) {
        // x264 moves a CBR stream's target with its VBV (the rate equals the VBV rate), and
        // the VBV stays one second long, so a lowered stream is as smooth as the original.
        param.rc.i_bitrate = kbps;
        param.rc.i_vbv_max_bitrate = kbps;
        param.rc.i_vbv_buffer_size = kbps;
    } else {
        // In VBR x264 keeps the average it was opened with ("changing the ABR bitrate" is not
        // supported by x264_encoder_reconfig); only the VBV cap moves. So below the opening
        // bitrate the cap becomes the target: ABR, aiming higher, rides the cap and the
        // average lands just under it (the conformance suite measured 1.5 x the new target
        // when only the proportional cap moved). At or above it the original cap returns;
        // the average cannot rise above the opening bitrate.
        const int opened_kbps = settings_.bitrate_kbps;
        if (kbps > opened_kbps) {
            spdlog::warn(
                "x264: VBR cannot raise the average above the {} kbps it was opened "
                "with; asked for {} kbps",
                opened_kbps, kbps);
        }
        // The nominal target follows too (x264 would otherwise warn "max bitrate less than
        // average bitrate" at each change), though x264's ABR keeps aiming at the old one.
        param.rc.i_bitrate = std::min(kbps, opened_kbps);
        param.rc.i_vbv_max_bitrate =
            kbps < opened_kbps ? kbps : settings_.effective_max_bitrate_kbps();
        param.rc.i_vbv_buffer_size = param.rc.i_vbv_max_bitrate;
    }
    if (x264_encoder_reconfig(encoder_, &param) < 0)
        throw EncoderError(fmt::format("x264: could not change the bitrate to {} kbps", kbps));
    info_.bitrate_kbps = kbps;
    return true;
}

bool X264Encoder::encode(x264_picture_t* input) {
    x264_nal_t* nals = nullptr;
    int nal_count = 0;
    x264_picture_t output;
    const int size = x264_encoder_encode(encoder_, &nals, &nal_count, input, &output);
    if (size < 0)
        throw EncoderError("x264: encoding a frame failed (see the log)");
    if (size == 0)
        return false;

    auto packet = std::make_shared<Packet>();
    packet->kind = MediaKind::video;
    // x264 guarantees the payloads of one call are consecutive in memory.
    packet->data.assign(nals[0].p_payload, nals[0].p_payload + size);
    packet->pts = output.i_pts;
    packet->dts = output.i_dts;
    packet->time_base = info_.time_base;
    packet->keyframe = output.b_keyframe != 0;
    packet->priority = priority_of(output.i_type);
    packet->rendered_at_ns = static_cast<int64_t>(reinterpret_cast<intptr_t>(output.opaque));
    pending_.push_back(std::move(packet));
    return true;
}

}  // namespace lm
