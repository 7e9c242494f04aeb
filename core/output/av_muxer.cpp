#include "core/output/av_muxer.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/dict.h>
#include <libavutil/error.h>
}

namespace lm {
namespace {

using SteadyClock = std::chrono::steady_clock;

int64_t now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               SteadyClock::now().time_since_epoch())
        .count();
}

/// What a user can do about an error, or "" when there is nothing specific to say.
const char* hint_for(int av_error, bool network) {
    switch (av_error) {
        case AVERROR(ECONNREFUSED):
            return "is the server running?";
        case AVERROR(ENETUNREACH):
        case AVERROR(EHOSTUNREACH):
            return "check the address and the network";
        case AVERROR(EPIPE):
        case AVERROR(ECONNRESET):
            return "the other side closed the connection";
        case AVERROR(ENOSPC):
        case AVERROR(EDQUOT):
            return "the disk is full";
        case AVERROR(EROFS):
            return "the file system is read-only";
        case AVERROR(ENOENT):
            return network ? "" : "does the folder exist?";
        case AVERROR(EACCES):
            return network ? "" : "no permission to write there";
        default:
            return "";
    }
}

AVDictionary* to_dictionary(const std::vector<std::pair<std::string, std::string>>& options) {
    AVDictionary* dictionary = nullptr;
    for (const auto& [key, value] : options)
        av_dict_set(&dictionary, key.c_str(), value.c_str(), 0);
    return dictionary;
}

/// Logs options the muxer or protocol did not take: a typo there is a bug, not a user error.
void warn_unused(AVDictionary* left, const char* what) {
    const AVDictionaryEntry* entry = nullptr;
    while ((entry = av_dict_get(left, "", entry, AV_DICT_IGNORE_SUFFIX)) != nullptr) {
        spdlog::warn("muxer: {} option '{}' was not recognised", what, entry->key);
    }
}

AVRational to_av(Rational r) {
    return AVRational{static_cast<int>(r.num), static_cast<int>(r.den)};
}
Rational from_av(AVRational r) {
    return Rational{r.num, r.den};
}

}  // namespace

std::string av_error_text(int av_error) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(av_error, text, sizeof text);
    return text;
}

AvMuxer::~AvMuxer() {
    if (context_ == nullptr)
        return;
    // Closing an RTMP connection still sends a few messages: bound that too.
    start_deadline(write_stall_timeout_);
    release();
}

int AvMuxer::interrupt_callback(void* opaque) {
    auto* self = static_cast<AvMuxer*>(opaque);
    if (self->interrupted_)
        return 1;
    if (now_ns() > self->deadline_ns_) {
        self->timed_out_ = true;
        return 1;
    }
    return 0;
}

void AvMuxer::start_deadline(std::chrono::milliseconds timeout) {
    current_timeout_ = timeout;
    timed_out_ = false;
    deadline_ns_ = now_ns() + std::chrono::duration_cast<std::chrono::nanoseconds>(timeout).count();
}

void AvMuxer::fail(AvMuxerStage stage, int av_error, const std::string& what) {
    std::string reason;
    if (interrupted_) {
        reason = "cancelled";
    } else if (timed_out_) {
        reason = fmt::format("no progress for {} s (timed out)",
                             std::chrono::duration<double>(current_timeout_).count());
    } else {
        reason = av_error_text(av_error);
        const std::string hint = hint_for(av_error, network_);
        if (!hint.empty())
            reason += " (" + hint + ")";
    }
    const bool timed_out = timed_out_;
    const bool interrupted = interrupted_;
    release();
    throw AvMuxerError(what + ": " + reason, stage, av_error, timed_out, interrupted);
}

void AvMuxer::release() {
    if (context_ == nullptr)
        return;
    if (context_->pb != nullptr) {
        bytes_written_ = std::max<int64_t>(bytes_written_, context_->pb->bytes_written);
        if (!(context_->oformat->flags & AVFMT_NOFILE))
            avio_closep(&context_->pb);
    }
    avformat_free_context(context_);
    context_ = nullptr;
    video_ = {};
    audio_ = {};
}

void AvMuxer::add_stream(const StreamInfo& info) {
    StreamSlot& slot = info.kind == MediaKind::video ? video_ : audio_;
    const char* kind_name = info.kind == MediaKind::video ? "video" : "audio";
    if (slot.index >= 0) {
        throw OutputError(fmt::format("{}: more than one {} stream", display_name_, kind_name));
    }
    const AVCodecDescriptor* codec = avcodec_descriptor_get_by_name(info.codec.c_str());
    if (codec == nullptr) {
        throw OutputError(fmt::format("{}: unknown codec '{}'", display_name_, info.codec));
    }
    AVStream* stream = avformat_new_stream(context_, nullptr);
    if (stream == nullptr)
        throw OutputError("out of memory creating a stream");
    AVCodecParameters* par = stream->codecpar;
    par->codec_id = codec->id;
    par->bit_rate = static_cast<int64_t>(info.bitrate_kbps) * 1000;
    if (!info.extradata.empty()) {
        par->extradata =
            static_cast<uint8_t*>(av_mallocz(info.extradata.size() + AV_INPUT_BUFFER_PADDING_SIZE));
        if (par->extradata == nullptr)
            throw OutputError("out of memory copying extradata");
        std::memcpy(par->extradata, info.extradata.data(), info.extradata.size());
        par->extradata_size = static_cast<int>(info.extradata.size());
    }
    // A hint only: most muxers pick their own time base in avformat_write_header.
    stream->time_base = to_av(info.time_base);
    if (info.kind == MediaKind::video) {
        par->codec_type = AVMEDIA_TYPE_VIDEO;
        par->width = info.width;
        par->height = info.height;
        par->format = AV_PIX_FMT_YUV420P;  // what an 8-bit 4:2:0 H.264 stream decodes to
        // The engine's colour (BT.709, limited range); MKV and MP4 write it into the header.
        par->color_range = AVCOL_RANGE_MPEG;
        par->color_primaries = AVCOL_PRI_BT709;
        par->color_trc = AVCOL_TRC_BT709;
        par->color_space = AVCOL_SPC_BT709;
        stream->avg_frame_rate = to_av(info.frame_rate);
        stream->r_frame_rate = to_av(info.frame_rate);
        if (info.frame_rate.num > 0)
            slot.packet_duration = info.frame_rate.inverse();
    } else {
        par->codec_type = AVMEDIA_TYPE_AUDIO;
        par->format = AV_SAMPLE_FMT_FLTP;
        par->sample_rate = info.sample_rate;
        av_channel_layout_default(&par->ch_layout, info.channels);
        par->frame_size = info.frame_size;
        if (info.sample_rate > 0)
            slot.packet_duration = Rational{info.frame_size, info.sample_rate};
    }
    slot.index = stream->index;
}

void AvMuxer::open(const std::string& url, const std::string& format_name,
                   const std::vector<StreamInfo>& streams, const AvMuxerOptions& options) {
    if (context_ != nullptr)
        throw OutputError(options.display_name + ": already open");
    // Never fall back to the URL here: it may carry a stream key.
    display_name_ = options.display_name.empty() ? "the output" : options.display_name;
    connect_timeout_ = options.connect_timeout;
    write_stall_timeout_ = options.write_stall_timeout;
    network_ = url.find("://") != std::string::npos && url.rfind("file:", 0) != 0;
    if (streams.empty())
        throw OutputError(display_name_ + ": nothing to write (no streams)");

    int result =
        avformat_alloc_output_context2(&context_, nullptr, format_name.c_str(), url.c_str());
    if (result < 0 || context_ == nullptr) {
        context_ = nullptr;
        throw OutputError(fmt::format("{}: FFmpeg has no '{}' muxer", display_name_, format_name));
    }
    context_->interrupt_callback = AVIOInterruptCB{&AvMuxer::interrupt_callback, this};
    try {
        for (const StreamInfo& info : streams)
            add_stream(info);
    } catch (...) {
        release();
        throw;
    }

    if (!(context_->oformat->flags & AVFMT_NOFILE)) {
        AVDictionary* io_options = to_dictionary(options.io_options);
        start_deadline(connect_timeout_);
        result = avio_open2(&context_->pb, url.c_str(), AVIO_FLAG_WRITE,
                            &context_->interrupt_callback, &io_options);
        warn_unused(io_options, "protocol");
        av_dict_free(&io_options);
        if (result < 0) {
            fail(AvMuxerStage::open_io, result,
                 fmt::format("could not {} {}", network_ ? "connect to" : "create", display_name_));
        }
    }

    AVDictionary* format_options = to_dictionary(options.format_options);
    start_deadline(write_stall_timeout_);
    result = avformat_write_header(context_, &format_options);
    warn_unused(format_options, "muxer");
    av_dict_free(&format_options);
    if (result < 0) {
        fail(AvMuxerStage::write_header, result,
             fmt::format("could not start writing {} to {}", format_name, display_name_));
    }
}

void AvMuxer::write(const Packet& packet) {
    if (context_ == nullptr)
        throw OutputError(display_name_ + ": write before open");
    const StreamSlot& slot = packet.kind == MediaKind::video ? video_ : audio_;
    if (slot.index < 0) {
        throw OutputError(fmt::format("{}: got a {} packet but no such stream was opened",
                                      display_name_,
                                      packet.kind == MediaKind::video ? "video" : "audio"));
    }
    const AVStream* stream = context_->streams[slot.index];
    const Rational stream_time_base = from_av(stream->time_base);

    AVPacket* av_packet = av_packet_alloc();
    if (av_packet == nullptr)
        throw OutputError("out of memory");
    // Not reference-counted: libavformat copies the data when it needs to keep it.
    av_packet->data = const_cast<uint8_t*>(packet.data.data());
    av_packet->size = static_cast<int>(packet.data.size());
    av_packet->stream_index = slot.index;
    av_packet->pts = rescale(packet.pts, packet.time_base, stream_time_base);
    av_packet->dts = rescale(packet.dts, packet.time_base, stream_time_base);
    if (slot.packet_duration.num > 0) {
        av_packet->duration = rescale(1, slot.packet_duration, stream_time_base);
    }
    if (packet.keyframe)
        av_packet->flags |= AV_PKT_FLAG_KEY;

    // av_interleaved_write_frame rather than av_write_frame: it orders the streams by dts
    // itself, which files need for a sane layout and RTMP servers need for one timeline,
    // whatever order the encoder threads deliver in. The cost is holding each packet until
    // every stream has one queued (about a frame), or max_interleave_delta (10 s) if a stream
    // goes quiet.
    start_deadline(write_stall_timeout_);
    const int result = av_interleaved_write_frame(context_, av_packet);
    av_packet_free(&av_packet);
    if (context_->pb != nullptr)
        bytes_written_ = context_->pb->bytes_written;
    if (result < 0) {
        fail(AvMuxerStage::write_packet, result,
             fmt::format("writing to {} failed", display_name_));
    }
}

void AvMuxer::close() {
    if (context_ == nullptr)
        return;
    start_deadline(write_stall_timeout_);
    int result = av_write_trailer(context_);
    if (result >= 0 && context_->pb != nullptr && !(context_->oformat->flags & AVFMT_NOFILE)) {
        // Flush before counting, and check: the last buffer's write error shows only here.
        avio_flush(context_->pb);
        result = context_->pb->error;
        bytes_written_ = std::max<int64_t>(bytes_written_, context_->pb->bytes_written);
        const int close_result = avio_closep(&context_->pb);
        if (result >= 0)
            result = close_result;
    }
    if (result < 0)
        fail(AvMuxerStage::write_trailer, result, "could not finish " + display_name_);
    release();
}

}  // namespace lm
