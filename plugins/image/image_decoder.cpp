#include "plugins/image/image_decoder.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/imgutils.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
}

#include <fmt/format.h>

#include <cstring>
#include <fstream>
#include <string_view>
#include <vector>

namespace lm {
namespace {

constexpr int64_t kDefaultFrameDurationNs = 100'000'000;  // what browsers use for a 0 delay
constexpr const char* kFormatsHint = "choose a PNG, JPEG, WebP, GIF, SVG, BMP or TIFF file";

struct FormatCloser {
    void operator()(AVFormatContext* context) const { avformat_close_input(&context); }
};
struct CodecFreer {
    void operator()(AVCodecContext* context) const { avcodec_free_context(&context); }
};
struct PacketFreer {
    void operator()(AVPacket* packet) const { av_packet_free(&packet); }
};
struct FrameFreer {
    void operator()(AVFrame* frame) const { av_frame_free(&frame); }
};
struct SwsFreer {
    void operator()(SwsContext* context) const { sws_freeContext(context); }
};

std::string av_error_text(int code) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, text, sizeof text);
    return text;
}

// Still-image and animation demuxers only: anything else (a video renamed .png, a playlist)
// would otherwise be decoded whole into memory or reach for other files.
bool is_picture_demuxer(std::string_view name) {
    return name.ends_with("_pipe") || name == "image2" || name == "image2pipe" || name == "gif" ||
           name == "apng" || name == "ico";
}

// The VP8X header's animation flag: RIFF size WEBP "VP8X" size flags (bit 1: animation).
bool is_animated_webp(const std::filesystem::path& path) {
    char header[21] = {};
    std::ifstream(path, std::ios::binary).read(header, sizeof header);
    return std::memcmp(header, "RIFF", 4) == 0 && std::memcmp(header + 8, "WEBPVP8X", 8) == 0 &&
           (header[20] & 0x02) != 0;
}

// The JPEG ("J") formats are plain YUV at full range; swscale wants them said that way and
// warns about the deprecated names otherwise.
AVPixelFormat without_jpeg_range(AVPixelFormat format) {
    switch (format) {
        case AV_PIX_FMT_YUVJ420P:
            return AV_PIX_FMT_YUV420P;
        case AV_PIX_FMT_YUVJ422P:
            return AV_PIX_FMT_YUV422P;
        case AV_PIX_FMT_YUVJ444P:
            return AV_PIX_FMT_YUV444P;
        case AV_PIX_FMT_YUVJ440P:
            return AV_PIX_FMT_YUV440P;
        case AV_PIX_FMT_YUVJ411P:
            return AV_PIX_FMT_YUV411P;
        default:
            return format;
    }
}

int sws_colorspace_of(AVColorSpace colorspace) {
    switch (colorspace) {
        case AVCOL_SPC_BT709:
            return SWS_CS_ITU709;
        case AVCOL_SPC_BT2020_NCL:
        case AVCOL_SPC_BT2020_CL:
            return SWS_CS_BT2020;
        default:
            return SWS_CS_DEFAULT;  // BT.601: JPEG, WebP and untagged files
    }
}

// Decodes one file; `fail` builds the creator-facing message. Not reused across files.
class Decoder {
public:
    Decoder(const std::filesystem::path& path, const ImageDecodeLimits& limits)
        : path_(path), limits_(limits) {}

    ImageDecodeResult run() {
        std::error_code error;
        const auto status = std::filesystem::status(path_, error);
        if (!std::filesystem::exists(status))
            return fail(fmt::format("'{}' not found; choose another file", path_.string()));
        if (std::filesystem::is_directory(status))
            return fail(fmt::format("'{}' is a folder; choose a picture file", path_.string()));
        if (auto opened = open(); !opened.empty())
            return fail(opened);
        if (auto decoded = decode_all(); !decoded.empty()) {
            if (codec_->codec_id == AV_CODEC_ID_WEBP && is_animated_webp(path_)) {
                return fail(fmt::format(
                    "'{}' is an animated WebP, which this FFmpeg ({}) cannot decode; convert it "
                    "to GIF or APNG",
                    path_.string(), av_version_info()));
            }
            return fail(decoded);
        }
        if (image_->frames.empty()) {
            return fail(fmt::format("'{}' has no picture in it; {}", path_.string(), kFormatsHint));
        }
        set_timing();
        return {std::move(image_), {}};
    }

private:
    static ImageDecodeResult fail(const std::string& what) { return {nullptr, "image: " + what}; }

    std::string open() {
        AVDictionary* options = nullptr;
        // Only the file itself: no network, no other files a playlist-like format could name.
        av_dict_set(&options, "protocol_whitelist", "file", 0);
        // A '%' in a file name is a name, not an image-sequence pattern.
        av_dict_set(&options, "pattern_type", "none", 0);
        AVFormatContext* raw = nullptr;
        // "file:" so that a name like "logo:v2.png" is never taken for a protocol.
        const std::string url = "file:" + path_.string();
        const int opened = avformat_open_input(&raw, url.c_str(), nullptr, &options);
        av_dict_free(&options);
        if (opened < 0) {
            return fmt::format("cannot open '{}' as a picture: {}; {}", path_.string(),
                               av_error_text(opened), kFormatsHint);
        }
        format_.reset(raw);
        if (!is_picture_demuxer(format_->iformat->name)) {
            return fmt::format("'{}' is not a picture (FFmpeg reads it as '{}'); {}",
                               path_.string(), format_->iformat->name, kFormatsHint);
        }
        stream_index_ = av_find_best_stream(format_.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
        if (stream_index_ < 0)
            return fmt::format("'{}' has no picture in it; {}", path_.string(), kFormatsHint);
        const AVStream* stream = format_->streams[stream_index_];
        const AVCodec* codec = avcodec_find_decoder(stream->codecpar->codec_id);
        if (!codec) {
            return fmt::format("cannot decode '{}': this FFmpeg has no decoder for '{}'; {}",
                               path_.string(), avcodec_get_name(stream->codecpar->codec_id),
                               kFormatsHint);
        }
        codec_.reset(avcodec_alloc_context3(codec));
        avcodec_parameters_to_context(codec_.get(), stream->codecpar);
        codec_->thread_count = 1;  // one picture: threads would cost more than they save
        // The decoder refuses a frame bigger than the whole budget before allocating it.
        codec_->max_pixels = int64_t(limits_.max_decoded_bytes / 4);
        // A cut-off JPEG otherwise decodes "fine" with its lower part grey; report it instead.
        // (Not for every codec: the TIFF decoder then refuses harmless unknown tags.)
        if (codec->id == AV_CODEC_ID_MJPEG)
            codec_->err_recognition |= AV_EF_EXPLODE;
        if (const int ready = avcodec_open2(codec_.get(), codec, nullptr); ready < 0) {
            return fmt::format("cannot decode '{}' ({}): {}", path_.string(), codec->name,
                               av_error_text(ready));
        }
        time_base_ = stream->time_base;
        image_ = std::make_shared<DecodedImage>();
        if (codec->id == AV_CODEC_ID_SVG)
            image_->alpha = FramePainter::Alpha::premultiplied;
        return {};
    }

    std::string decode_all() {
        std::unique_ptr<AVPacket, PacketFreer> packet(av_packet_alloc());
        std::unique_ptr<AVFrame, FrameFreer> frame(av_frame_alloc());
        for (;;) {
            const int read = av_read_frame(format_.get(), packet.get());
            if (read == AVERROR_EOF)
                break;
            if (read < 0)
                return decode_error(read);
            if (packet->stream_index != stream_index_) {
                av_packet_unref(packet.get());
                continue;
            }
            const int sent = avcodec_send_packet(codec_.get(), packet.get());
            av_packet_unref(packet.get());
            if (sent < 0 && sent != AVERROR(EAGAIN))
                return decode_error(sent);
            if (auto received = receive_frames(frame.get()); !received.empty())
                return received;
        }
        const int flushed = avcodec_send_packet(codec_.get(), nullptr);
        if (flushed < 0 && flushed != AVERROR_EOF)
            return decode_error(flushed);
        return receive_frames(frame.get());
    }

    std::string receive_frames(AVFrame* frame) {
        for (;;) {
            const int received = avcodec_receive_frame(codec_.get(), frame);
            if (received == AVERROR(EAGAIN) || received == AVERROR_EOF)
                return {};
            if (received < 0)
                return decode_error(received);
            std::string kept = keep(*frame);
            av_frame_unref(frame);
            if (!kept.empty())
                return kept;
        }
    }

    std::string decode_error(int code) const {
        std::string reason = av_error_text(code);
        // What FFmpeg says when a picture is over max_pixels; name the limit it hit.
        if (code == AVERROR(EINVAL)) {
            reason += fmt::format(" (or over the limit of {} MiB, {} megapixels, once decoded)",
                                  limits_.max_decoded_bytes >> 20,
                                  limits_.max_decoded_bytes / 4 / 1'000'000);
        }
        return fmt::format(
            "cannot decode '{}' ({}): {}; the file may be damaged or incomplete: fix it or "
            "choose another file",
            path_.string(), codec_ ? codec_->codec->name : format_->iformat->name, reason);
    }

    // Converts and stores one decoded frame, or says why it cannot be kept.
    std::string keep(const AVFrame& frame) {
        if (frame.width > limits_.max_side_px || frame.height > limits_.max_side_px) {
            return fmt::format("'{}' is {}x{}; the largest picture shown is {}x{}: scale it down",
                               path_.string(), frame.width, frame.height, limits_.max_side_px,
                               limits_.max_side_px);
        }
        const size_t bytes = size_t(frame.width) * size_t(frame.height) * 4;
        if (decoded_bytes_ + bytes > limits_.max_decoded_bytes) {
            return fmt::format(
                "'{}' is too large: more than {} MiB once decoded ({} frames of {}x{} so far); "
                "use a shorter or smaller animation",
                path_.string(), limits_.max_decoded_bytes >> 20, image_->frames.size() + 1,
                frame.width, frame.height);
        }
        auto rgba = std::make_shared<VideoFrame>(PixelFormat::rgba, frame.width, frame.height);
        const std::string converted =
            frame.format == AV_PIX_FMT_PAL8 ? convert_palette(frame, *rgba) : convert(frame, *rgba);
        if (!converted.empty())
            return converted;
        decoded_bytes_ += bytes;
        image_->frames.push_back(std::move(rgba));
        frame_pts_.push_back(frame.best_effort_timestamp);
        frame_durations_.push_back(frame.pkt_duration);
        return {};
    }

    // Palette pictures (GIF-like PNGs with per-entry transparency) are looked up directly so
    // each entry's alpha survives exactly.
    static std::string convert_palette(const AVFrame& frame, VideoFrame& rgba) {
        const auto* palette = reinterpret_cast<const uint32_t*>(frame.data[1]);
        for (int y = 0; y < frame.height; ++y) {
            const uint8_t* in = frame.data[0] + ptrdiff_t(y) * frame.linesize[0];
            uint8_t* out = rgba.data(0) + ptrdiff_t(y) * rgba.stride(0);
            for (int x = 0; x < frame.width; ++x) {
                const uint32_t argb = palette[in[x]];  // native-endian 0xAARRGGBB
                out[4 * x + 0] = uint8_t(argb >> 16);
                out[4 * x + 1] = uint8_t(argb >> 8);
                out[4 * x + 2] = uint8_t(argb);
                out[4 * x + 3] = uint8_t(argb >> 24);
            }
        }
        return {};
    }

    std::string convert(const AVFrame& frame, VideoFrame& rgba) {
        const auto decoded_format = AVPixelFormat(frame.format);
        const auto format = without_jpeg_range(decoded_format);
        sws_.reset(sws_getCachedContext(
            sws_.release(), frame.width, frame.height, format, frame.width, frame.height,
            AV_PIX_FMT_RGBA,
            SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT | SWS_FULL_CHR_H_INP, nullptr,
            nullptr, nullptr));
        if (!sws_) {
            const char* name = av_get_pix_fmt_name(format);
            return fmt::format("cannot convert '{}' to RGBA: pixel format '{}' is not supported",
                               path_.string(), name ? name : "unknown");
        }
        const bool full_range = frame.color_range == AVCOL_RANGE_JPEG || format != decoded_format;
        const int* coefficients = sws_getCoefficients(sws_colorspace_of(frame.colorspace));
        // Fails harmlessly for RGB input, where there is no matrix to choose.
        sws_setColorspaceDetails(sws_.get(), coefficients, full_range ? 1 : 0,
                                 sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16);
        // swscale wants aligned rows; VideoFrame rows are tightly packed, so convert into an
        // aligned buffer and copy the rows over (cheap next to decoding).
        if (!scratch_ || scratch_->width != frame.width || scratch_->height != frame.height) {
            scratch_.reset(av_frame_alloc());
            scratch_->format = AV_PIX_FMT_RGBA;
            scratch_->width = frame.width;
            scratch_->height = frame.height;
            if (av_frame_get_buffer(scratch_.get(), 64) < 0) {
                scratch_.reset();
                return fmt::format("'{}' is too large to convert ({}x{}): out of memory",
                                   path_.string(), frame.width, frame.height);
            }
        }
        sws_scale(sws_.get(), frame.data, frame.linesize, 0, frame.height, scratch_->data,
                  scratch_->linesize);
        av_image_copy_plane(rgba.data(0), rgba.stride(0), scratch_->data[0], scratch_->linesize[0],
                            frame.width * 4, frame.height);
        return {};
    }

    // Frame durations from the timestamps (what GIF and APNG delays become), falling back to
    // the packet duration for the last frame and a browser-like 100 ms for a missing delay.
    void set_timing() {
        const size_t count = image_->frames.size();
        image_->frame_start_ns.assign(count, 0);
        if (count < 2)
            return;
        int64_t start_ns = 0;
        for (size_t i = 0; i < count; ++i) {
            image_->frame_start_ns[i] = start_ns;
            int64_t duration = frame_durations_[i];
            if (i + 1 < count && frame_pts_[i] != AV_NOPTS_VALUE &&
                frame_pts_[i + 1] != AV_NOPTS_VALUE && frame_pts_[i + 1] > frame_pts_[i]) {
                duration = frame_pts_[i + 1] - frame_pts_[i];
            }
            int64_t duration_ns = av_rescale_q(duration, time_base_, AVRational{1, 1'000'000'000});
            if (duration_ns <= 0)
                duration_ns = kDefaultFrameDurationNs;
            start_ns += duration_ns;
        }
        image_->duration_ns = start_ns;
    }

    const std::filesystem::path& path_;
    const ImageDecodeLimits& limits_;
    std::unique_ptr<AVFormatContext, FormatCloser> format_;
    std::unique_ptr<AVCodecContext, CodecFreer> codec_;
    std::unique_ptr<SwsContext, SwsFreer> sws_;
    std::unique_ptr<AVFrame, FrameFreer> scratch_;
    int stream_index_ = -1;
    AVRational time_base_{1, 1};
    std::shared_ptr<DecodedImage> image_;
    size_t decoded_bytes_ = 0;
    std::vector<int64_t> frame_pts_;
    std::vector<int64_t> frame_durations_;
};

}  // namespace

ImageDecodeResult decode_image_file(const std::filesystem::path& path,
                                    const ImageDecodeLimits& limits) {
    return Decoder(path, limits).run();
}

}  // namespace lm
