#include "plugins/nvenc/nvenc_encoder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "plugins/nvenc/nvenc_driver.hpp"

namespace lm {
namespace {

// Drop priorities as x264's (Packet::priority: higher survives congestion longer).
constexpr int kPriorityB = 1;
constexpr int kPriorityP = 3;
constexpr int kPriorityI = 4;

const GUID& preset_guid(const std::string& preset) {
    static constexpr int kPresets = 7;
    static const GUID* const guids[kPresets] = {&NV_ENC_PRESET_P1_GUID, &NV_ENC_PRESET_P2_GUID,
                                                &NV_ENC_PRESET_P3_GUID, &NV_ENC_PRESET_P4_GUID,
                                                &NV_ENC_PRESET_P5_GUID, &NV_ENC_PRESET_P6_GUID,
                                                &NV_ENC_PRESET_P7_GUID};
    // Settings are checked: "p1".."p7".
    const int index = std::clamp(preset.size() == 2 ? preset[1] - '1' : 4, 0, kPresets - 1);
    return *guids[index];
}

NV_ENC_TUNING_INFO tuning_of(const std::string& tuning) {
    if (tuning == "ll")
        return NV_ENC_TUNING_INFO_LOW_LATENCY;
    if (tuning == "ull")
        return NV_ENC_TUNING_INFO_ULTRA_LOW_LATENCY;
    return NV_ENC_TUNING_INFO_HIGH_QUALITY;
}

const GUID& profile_guid(const std::string& profile) {
    if (profile == "baseline")
        return NV_ENC_H264_PROFILE_BASELINE_GUID;
    if (profile == "main")
        return NV_ENC_H264_PROFILE_MAIN_GUID;
    return NV_ENC_H264_PROFILE_HIGH_GUID;
}

/// The rate control part of the configuration; also what set_bitrate changes.
void apply_rate(const NvencSettings& s, int bitrate_kbps, NV_ENC_RC_PARAMS& rc) {
    switch (s.rate_control) {
        case NvencRateControl::cbr:
            // As x264's CBR: a one-second VBV whose rate equals the target.
            rc.rateControlMode = NV_ENC_PARAMS_RC_CBR;
            rc.averageBitRate = static_cast<uint32_t>(bitrate_kbps) * 1000;
            rc.maxBitRate = rc.averageBitRate;
            rc.vbvBufferSize = rc.averageBitRate;
            rc.vbvInitialDelay = rc.vbvBufferSize;
            break;
        case NvencRateControl::vbr: {
            const double peak_ratio =
                static_cast<double>(s.effective_max_bitrate_kbps()) / s.bitrate_kbps;
            rc.rateControlMode = NV_ENC_PARAMS_RC_VBR;
            rc.averageBitRate = static_cast<uint32_t>(bitrate_kbps) * 1000;
            rc.maxBitRate = static_cast<uint32_t>(std::lround(bitrate_kbps * peak_ratio)) * 1000;
            rc.vbvBufferSize = rc.maxBitRate;
            rc.vbvInitialDelay = rc.vbvBufferSize;
            break;
        }
        case NvencRateControl::crf:
            // NVENC's constant quality: VBR with a target quality and no bitrate target.
            rc.rateControlMode = NV_ENC_PARAMS_RC_VBR;
            rc.averageBitRate = 0;
            rc.maxBitRate = 0;
            rc.targetQuality = static_cast<uint8_t>(s.cq);
            break;
        case NvencRateControl::cqp:
            rc.rateControlMode = NV_ENC_PARAMS_RC_CONSTQP;
            rc.constQP.qpIntra = static_cast<uint32_t>(s.qp);
            rc.constQP.qpInterP = static_cast<uint32_t>(s.qp);
            rc.constQP.qpInterB = static_cast<uint32_t>(s.qp);
            break;
    }
}

}  // namespace

struct NvencEncoder::Session {
    struct Slot {
        NV_ENC_INPUT_PTR input = nullptr;
        NV_ENC_OUTPUT_PTR output = nullptr;
    };

    std::unique_ptr<NvencDriver> driver;
    CUcontext context = nullptr;
    void* encoder = nullptr;
    NV_ENC_CONFIG config{};
    NV_ENC_INITIALIZE_PARAMS init{};
    std::vector<Slot> slots;
    size_t next_slot = 0;
    std::deque<size_t> in_flight;  ///< slots sent and not yet read, in send order

    const NV_ENCODE_API_FUNCTION_LIST& api() const { return driver->api(); }

    void check(NVENCSTATUS status, const char* what) const {
        if (status != NV_ENC_SUCCESS) {
            const char* detail =
                encoder != nullptr ? api().nvEncGetLastErrorString(encoder) : nullptr;
            if (detail == nullptr)
                detail = "";
            throw EncoderError(fmt::format("nvenc: {} failed (NVENCSTATUS {}{}{})", what,
                                           static_cast<int>(status), *detail ? ": " : "", detail));
        }
    }

    ~Session() {
        if (driver == nullptr)
            return;
        if (context != nullptr) {
            const CudaContextScope current(driver->cuda(), context);
            for (const Slot& slot : slots) {
                if (slot.input != nullptr)
                    api().nvEncDestroyInputBuffer(encoder, slot.input);
                if (slot.output != nullptr)
                    api().nvEncDestroyBitstreamBuffer(encoder, slot.output);
            }
            if (encoder != nullptr)
                api().nvEncDestroyEncoder(encoder);
        }
        if (context != nullptr)
            driver->cuda().cuCtxDestroy(context);
    }
};

NvencEncoder::NvencEncoder(const VideoFormat& format, const nlohmann::json& settings)
    : NvencEncoder(format, NvencSettings::from_json(settings)) {}

NvencEncoder::NvencEncoder(const VideoFormat& format, const NvencSettings& settings)
    : format_(format), settings_(settings), session_(std::make_unique<Session>()) {
    if (format.width <= 0 || format.height <= 0 || format.width % 2 != 0 ||
        format.height % 2 != 0 || format.frame_rate.num <= 0 || format.frame_rate.den <= 0) {
        throw EncoderError(fmt::format("nvenc: cannot encode a {}x{} canvas at {}/{} fps",
                                       format.width, format.height, format.frame_rate.num,
                                       format.frame_rate.den));
    }
    const Rational fps = format.frame_rate.reduced();
    std::string reason;
    Session& s = *session_;
    s.driver = NvencDriver::load(settings.gpu, reason);
    if (!s.driver)
        throw EncoderError("nvenc: " + reason);
    s.context = s.driver->create_context(reason);
    if (s.context == nullptr)
        throw EncoderError("nvenc: " + reason);
    const CudaContextScope current(s.driver->cuda(), s.context);
    s.encoder = s.driver->open_session(s.context, reason);
    if (s.encoder == nullptr)
        throw EncoderError("nvenc: " + reason);

    NV_ENC_PRESET_CONFIG preset{};
    preset.version = NV_ENC_PRESET_CONFIG_VER;
    preset.presetCfg.version = NV_ENC_CONFIG_VER;
    const NV_ENC_TUNING_INFO tuning = tuning_of(settings.tuning);
    s.check(s.api().nvEncGetEncodePresetConfigEx(s.encoder, NV_ENC_CODEC_H264_GUID,
                                                 preset_guid(settings.preset), tuning, &preset),
            "reading the preset");
    s.config = preset.presetCfg;
    s.config.version = NV_ENC_CONFIG_VER;
    s.config.profileGUID = profile_guid(settings.profile);

    // Keyframes exactly every keyint frames (as x264: segmenters and platforms count on the
    // grid), every one an IDR, and no scene-cut keyframes in between.
    const int keyint_frames =
        std::max(1, static_cast<int>(std::lround(settings.keyint_s * fps.to_double())));
    s.config.gopLength = static_cast<uint32_t>(keyint_frames);
    s.config.frameIntervalP = settings.bframes + 1;
    NV_ENC_CONFIG_H264& h264 = s.config.encodeCodecConfig.h264Config;
    h264.idrPeriod = static_cast<uint32_t>(keyint_frames);
    // SPS/PPS once, in the extradata, as x264 does; containers carry them.
    h264.repeatSPSPPS = 0;
    h264.outputAUD = 0;
    // B-frames are never references: the dts below (input order minus the B-frame delay) is
    // then exact, and a dropped B-frame hurts no other frame.
    h264.useBFramesAsRef = NV_ENC_BFRAME_REF_MODE_DISABLED;
    // BT.709 limited range, which the GPU converter produces.
    h264.h264VUIParameters.videoSignalTypePresentFlag = 1;
    h264.h264VUIParameters.videoFormat = 5;  // unspecified
    h264.h264VUIParameters.videoFullRangeFlag = 0;
    h264.h264VUIParameters.colourDescriptionPresentFlag = 1;
    h264.h264VUIParameters.colourPrimaries = 1;
    h264.h264VUIParameters.transferCharacteristics = 1;
    h264.h264VUIParameters.colourMatrix = 1;

    apply_rate(settings, settings.bitrate_kbps, s.config.rcParams);
    if (settings.lookahead_frames > 0) {
        s.config.rcParams.enableLookahead = 1;
        s.config.rcParams.lookaheadDepth = static_cast<uint16_t>(settings.lookahead_frames);
        s.config.rcParams.disableIadapt = 1;  // look-ahead would otherwise add scene-cut I frames
    }

    s.init.version = NV_ENC_INITIALIZE_PARAMS_VER;
    s.init.encodeGUID = NV_ENC_CODEC_H264_GUID;
    s.init.presetGUID = preset_guid(settings.preset);
    s.init.tuningInfo = tuning;
    s.init.encodeWidth = static_cast<uint32_t>(format.width);
    s.init.encodeHeight = static_cast<uint32_t>(format.height);
    s.init.darWidth = s.init.encodeWidth;
    s.init.darHeight = s.init.encodeHeight;
    s.init.maxEncodeWidth = s.init.encodeWidth;
    s.init.maxEncodeHeight = s.init.encodeHeight;
    s.init.frameRateNum = static_cast<uint32_t>(fps.num);
    s.init.frameRateDen = static_cast<uint32_t>(fps.den);
    s.init.enablePTD = 1;          // NVENC decides picture types from gopLength/frameIntervalP
    s.init.enableEncodeAsync = 0;  // Linux has no asynchronous mode
    s.init.encodeConfig = &s.config;
    s.check(s.api().nvEncInitializeEncoder(s.encoder, &s.init), "initialising the encoder");

    // Enough slots for every picture NVENC may hold back (B-frames, look-ahead) plus the one
    // being filled.
    s.slots.resize(static_cast<size_t>(settings.bframes + settings.lookahead_frames + 4));
    for (Session::Slot& slot : s.slots) {
        NV_ENC_CREATE_INPUT_BUFFER input{};
        input.version = NV_ENC_CREATE_INPUT_BUFFER_VER;
        input.width = s.init.encodeWidth;
        input.height = s.init.encodeHeight;
        input.bufferFmt = NV_ENC_BUFFER_FORMAT_NV12;
        s.check(s.api().nvEncCreateInputBuffer(s.encoder, &input), "creating an input buffer");
        slot.input = input.inputBuffer;
        NV_ENC_CREATE_BITSTREAM_BUFFER output{};
        output.version = NV_ENC_CREATE_BITSTREAM_BUFFER_VER;
        s.check(s.api().nvEncCreateBitstreamBuffer(s.encoder, &output),
                "creating a bitstream buffer");
        slot.output = output.bitstreamBuffer;
    }

    info_.kind = MediaKind::video;
    info_.codec = "h264";
    info_.time_base = Rational{fps.den, fps.num};
    info_.bitrate_kbps = settings.rate_control == NvencRateControl::cbr ||
                                 settings.rate_control == NvencRateControl::vbr
                             ? settings.bitrate_kbps
                             : 0;
    info_.width = format.width;
    info_.height = format.height;
    info_.frame_rate = fps;
    std::vector<uint8_t> headers(1024);
    uint32_t header_size = 0;
    NV_ENC_SEQUENCE_PARAM_PAYLOAD payload{};
    payload.version = NV_ENC_SEQUENCE_PARAM_PAYLOAD_VER;
    payload.inBufferSize = static_cast<uint32_t>(headers.size());
    payload.spsppsBuffer = headers.data();
    payload.outSPSPPSPayloadSize = &header_size;
    s.check(s.api().nvEncGetSequenceParams(s.encoder, &payload), "reading SPS/PPS");
    info_.extradata.assign(headers.begin(), headers.begin() + header_size);
}

NvencEncoder::~NvencEncoder() = default;

void NvencEncoder::send(const VideoFramePtr& frame, int64_t pts) {
    if (flushing_)
        throw EncoderError("nvenc: a frame was sent after the flush started");
    Session& s = *session_;
    const CudaContextScope current(s.driver->cuda(), s.context);
    NV_ENC_PIC_PARAMS picture{};
    picture.version = NV_ENC_PIC_PARAMS_VER;
    picture.pictureStruct = NV_ENC_PIC_STRUCT_FRAME;
    if (!frame) {
        flushing_ = true;
        picture.encodePicFlags = NV_ENC_PIC_FLAG_EOS;
        s.check(s.api().nvEncEncodePicture(s.encoder, &picture), "flushing");
        collect_in_flight();
        flushed_ = true;
        return;
    }
    if (frame->format() != PixelFormat::nv12)
        throw EncoderError("nvenc: frames must be NV12");
    if (frame->width() != format_.width || frame->height() != format_.height) {
        throw EncoderError(fmt::format("nvenc: got a {}x{} frame, the encoder was opened for {}x{}",
                                       frame->width(), frame->height(), format_.width,
                                       format_.height));
    }
    if (s.in_flight.size() >= s.slots.size())
        throw EncoderError("nvenc: the encoder holds more pictures than it has buffers for");
    const size_t index = s.next_slot;
    s.next_slot = (s.next_slot + 1) % s.slots.size();
    const Session::Slot& slot = s.slots[index];

    // The driver copies this host buffer to the GPU when the picture is encoded.
    NV_ENC_LOCK_INPUT_BUFFER lock{};
    lock.version = NV_ENC_LOCK_INPUT_BUFFER_VER;
    lock.inputBuffer = slot.input;
    s.check(s.api().nvEncLockInputBuffer(s.encoder, &lock), "locking an input buffer");
    auto* dst = static_cast<uint8_t*>(lock.bufferDataPtr);
    const size_t pitch = lock.pitch;
    for (int y = 0; y < format_.height; ++y) {
        std::memcpy(dst + y * pitch, frame->data(0) + static_cast<size_t>(y) * frame->stride(0),
                    static_cast<size_t>(format_.width));
    }
    // NV12's chroma plane follows the luma rows at the same pitch.
    uint8_t* chroma = dst + pitch * static_cast<size_t>(format_.height);
    for (int y = 0; y < format_.height / 2; ++y) {
        std::memcpy(chroma + y * pitch, frame->data(1) + static_cast<size_t>(y) * frame->stride(1),
                    static_cast<size_t>(format_.width));
    }
    s.check(s.api().nvEncUnlockInputBuffer(s.encoder, slot.input), "unlocking an input buffer");

    picture.inputWidth = static_cast<uint32_t>(format_.width);
    picture.inputHeight = static_cast<uint32_t>(format_.height);
    picture.inputPitch = static_cast<uint32_t>(pitch);
    picture.inputBuffer = slot.input;
    picture.outputBitstream = slot.output;
    picture.bufferFmt = NV_ENC_BUFFER_FORMAT_NV12;
    picture.inputTimeStamp = static_cast<uint64_t>(pts);
    if (frame->rendered_at_ns > 0)
        rendered_at_by_pts_[pts] = frame->rendered_at_ns;  // for the render-to-socket latency
    s.in_flight.push_back(index);
    const NVENCSTATUS status = s.api().nvEncEncodePicture(s.encoder, &picture);
    if (status == NV_ENC_ERR_NEED_MORE_INPUT)
        return;  // held back (B-frames, look-ahead): its bitstream comes with a later picture
    s.check(status, "encoding a picture");
    collect_in_flight();
}

void NvencEncoder::collect_in_flight() {
    Session& s = *session_;
    // In synchronous mode a successful encode call means every picture sent so far is done.
    while (!s.in_flight.empty()) {
        const Session::Slot& slot = s.slots[s.in_flight.front()];
        NV_ENC_LOCK_BITSTREAM lock{};
        lock.version = NV_ENC_LOCK_BITSTREAM_VER;
        lock.outputBitstream = slot.output;
        s.check(s.api().nvEncLockBitstream(s.encoder, &lock), "reading a bitstream");
        auto packet = std::make_shared<Packet>();
        packet->kind = MediaKind::video;
        const auto* bytes = static_cast<const uint8_t*>(lock.bitstreamBufferPtr);
        packet->data.assign(bytes, bytes + lock.bitstreamSizeInBytes);
        packet->pts = static_cast<int64_t>(lock.outputTimeStamp);
        if (const auto rendered = rendered_at_by_pts_.find(packet->pts);
            rendered != rendered_at_by_pts_.end()) {
            packet->rendered_at_ns = rendered->second;
            rendered_at_by_pts_.erase(rendered);
        }
        // NVENC reports no dts. Pictures go in as frames 0, 1, 2... and come out in decode
        // order delayed by the B-frames, so the k-th packet decodes at k - bframes (what
        // FFmpeg's nvenc does); non-reference B-frames keep that exact.
        packet->dts = packets_out_ - settings_.bframes;
        ++packets_out_;
        packet->time_base = info_.time_base;
        packet->keyframe = lock.pictureType == NV_ENC_PIC_TYPE_IDR;
        packet->priority =
            lock.pictureType == NV_ENC_PIC_TYPE_IDR || lock.pictureType == NV_ENC_PIC_TYPE_I
                ? kPriorityI
            : lock.pictureType == NV_ENC_PIC_TYPE_B ? kPriorityB
                                                    : kPriorityP;
        s.check(s.api().nvEncUnlockBitstream(s.encoder, slot.output), "releasing a bitstream");
        s.in_flight.pop_front();
        pending_.push_back(std::move(packet));
    }
}

ReceiveResult NvencEncoder::receive(PacketPtr& packet) {
    if (pending_.empty())
        return flushed_ ? ReceiveResult::end : ReceiveResult::again;
    packet = std::move(pending_.front());
    pending_.pop_front();
    return ReceiveResult::packet;
}

bool NvencEncoder::set_bitrate(int kbps) {
    if (settings_.rate_control != NvencRateControl::cbr &&
        settings_.rate_control != NvencRateControl::vbr) {
        return false;
    }
    if (kbps <= 0)
        throw EncoderError(fmt::format("nvenc: bitrate {} kbps is not positive", kbps));
    Session& s = *session_;
    const CudaContextScope current(s.driver->cuda(), s.context);
    NV_ENC_CONFIG config = s.config;
    apply_rate(settings_, kbps, config.rcParams);
    NV_ENC_RECONFIGURE_PARAMS reconfigure{};
    reconfigure.version = NV_ENC_RECONFIGURE_PARAMS_VER;
    reconfigure.reInitEncodeParams = s.init;
    reconfigure.reInitEncodeParams.encodeConfig = &config;
    // Neither a reset nor an IDR: the stream goes on, only the rate changes.
    reconfigure.resetEncoder = 0;
    reconfigure.forceIDR = 0;
    s.check(s.api().nvEncReconfigureEncoder(s.encoder, &reconfigure),
            fmt::format("changing the bitrate to {} kbps", kbps).c_str());
    s.config = config;
    s.init.encodeConfig = &s.config;
    info_.bitrate_kbps = kbps;
    return true;
}

}  // namespace lm
