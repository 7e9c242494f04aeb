#include "plugins/media/media_player.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/hwcontext.h>
#include <libavutil/pixdesc.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

#include <fmt/format.h>
#include <pthread.h>

#include <algorithm>
#include <cmath>
#include <string_view>
#include <vector>

#include "core/media/audio_block.hpp"
#include "core/media/video_frame_pool.hpp"

namespace lm {
namespace {

constexpr int64_t kNsPerSecond = 1'000'000'000;
// The audio ring holds two seconds: far more than any file's audio/video interleaving needs.
constexpr int64_t kAudioRingSamples = 2 * kAudioSampleRate;
// A decoded block further than this from where the previous one ended is placed by its
// timestamp; closer, it continues the previous one (timestamps jitter by a few samples).
constexpr int64_t kAudioResyncSamples = kAudioSampleRate / 50;

std::string av_error(int code) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, text, sizeof(text));
    return text;
}

int64_t to_ns(int64_t value, AVRational time_base) {
    return av_rescale_q(value, time_base, AVRational{1, int(kNsPerSecond)});
}

AVPixelFormat pick_hardware_format(AVCodecContext* context, const AVPixelFormat* offered) {
    const auto wanted = static_cast<AVPixelFormat>(reinterpret_cast<intptr_t>(context->opaque));
    for (const AVPixelFormat* format = offered; *format != AV_PIX_FMT_NONE; ++format) {
        if (*format == wanted)
            return *format;
    }
    return offered[0];  // the decoder falls back to software for this stream
}

// Feeds a queue's packets to a decoder and hands each decoded frame to `deliver` (which
// returns false to stop). At a loop marker the decoder is drained and flushed, then
// `next_loop(offset_ns)` starts the next loop; at the end marker it stops.
template <typename Deliver, typename NextLoop, typename Problem>
void decode_packets(PacketQueue& queue, AVCodecContext* context, Deliver&& deliver,
                    NextLoop&& next_loop, Problem&& problem) {
    AVFrame* frame = av_frame_alloc();
    auto receive_all = [&]() -> bool {
        while (avcodec_receive_frame(context, frame) == 0) {
            const bool go_on = deliver(frame);
            av_frame_unref(frame);
            if (!go_on)
                return false;
        }
        return true;
    };
    DemuxedPacket entry;
    while (queue.pop(entry)) {
        if (entry.kind == DemuxedPacket::Kind::data) {
            const int error = avcodec_send_packet(context, entry.packet);
            av_packet_free(&entry.packet);
            if (error < 0 && error != AVERROR(EAGAIN))
                problem(av_error(error));
            if (!receive_all())
                break;
            continue;
        }
        avcodec_send_packet(context, nullptr);  // drain what this loop still holds
        if (!receive_all())
            break;
        avcodec_flush_buffers(context);
        if (entry.kind == DemuxedPacket::Kind::end)
            break;
        next_loop(entry.offset_ns);
    }
    av_frame_free(&frame);
}

}  // namespace

struct MediaPlayer::Decoder {
    AVCodecContext* context = nullptr;
    int stream_index = -1;
    AVRational time_base{1, 1};
    AVPixelFormat hardware_format = AV_PIX_FMT_NONE;
    std::string hardware_name;
    ~Decoder() { avcodec_free_context(&context); }

    static std::unique_ptr<Decoder> open(AVFormatContext* format, AVMediaType type,
                                         bool try_hardware, const std::string& path) {
        const AVCodec* codec = nullptr;
        const int index = av_find_best_stream(format, type, -1, -1, &codec, 0);
        if (index < 0)
            return nullptr;
        if (codec == nullptr) {
            throw MediaError(fmt::format(
                "'{}': no decoder for its {} stream ({})", path, av_get_media_type_string(type),
                avcodec_get_name(format->streams[index]->codecpar->codec_id)));
        }
        // FFmpeg's own VP9 decoder drops the alpha a WebM carries beside the picture;
        // libvpx's keeps it (yuva420p), so a transparent stinger stays transparent.
        bool keeps_alpha = false;
        if (type == AVMEDIA_TYPE_VIDEO && codec->id == AV_CODEC_ID_VP9) {
            const AVDictionaryEntry* alpha =
                av_dict_get(format->streams[index]->metadata, "alpha_mode", nullptr, 0);
            const AVCodec* libvpx = avcodec_find_decoder_by_name("libvpx-vp9");
            if (alpha != nullptr && std::string_view(alpha->value) == "1" && libvpx != nullptr) {
                codec = libvpx;
                keeps_alpha = true;
            }
        }
        auto decoder = std::make_unique<Decoder>();
        decoder->stream_index = index;
        decoder->time_base = format->streams[index]->time_base;
        decoder->context = avcodec_alloc_context3(codec);
        avcodec_parameters_to_context(decoder->context, format->streams[index]->codecpar);
        decoder->context->pkt_timebase = decoder->time_base;
        if (type == AVMEDIA_TYPE_VIDEO) {
            decoder->context->thread_count = 0;  // as many as the machine has
            if (try_hardware && !keeps_alpha)
                decoder->attach_hardware(codec);
        }
        if (const int error = avcodec_open2(decoder->context, codec, nullptr); error < 0) {
            throw MediaError(fmt::format("'{}': cannot open the {} decoder: {}", path, codec->name,
                                         av_error(error)));
        }
        return decoder;
    }

    // Hardware decoding when the machine has a device for this codec (VAAPI on Intel/AMD,
    // CUDA on NVIDIA); frames come back to the CPU. Without one, software decoding, silently.
    void attach_hardware(const AVCodec* codec) {
        for (const AVHWDeviceType type : {AV_HWDEVICE_TYPE_CUDA, AV_HWDEVICE_TYPE_VAAPI}) {
            for (int i = 0;; ++i) {
                const AVCodecHWConfig* config = avcodec_get_hw_config(codec, i);
                if (config == nullptr)
                    break;
                if (config->device_type != type ||
                    !(config->methods & AV_CODEC_HW_CONFIG_METHOD_HW_DEVICE_CTX))
                    continue;
                AVBufferRef* device = nullptr;
                if (av_hwdevice_ctx_create(&device, type, nullptr, nullptr, 0) < 0)
                    break;
                context->hw_device_ctx = device;
                hardware_format = config->pix_fmt;
                hardware_name = av_hwdevice_get_type_name(type);
                context->opaque = reinterpret_cast<void*>(intptr_t(config->pix_fmt));
                context->get_format = pick_hardware_format;
                return;
            }
        }
    }
};

MediaPlayer::MediaPlayer(const std::string& path, const MediaPlayerOptions& options)
    : path_(path),
      options_(options),
      frames_(std::max<size_t>(options.video_frames, 2)),
      audio_(2, kAudioRingSamples),
      video_packets_(2048, 32u << 20),
      audio_packets_(2048, 8u << 20) {
    if (const int error = avformat_open_input(&format_, path.c_str(), nullptr, nullptr);
        error < 0) {
        throw MediaError(fmt::format("cannot open '{}': {}", path, av_error(error)));
    }
    try {
        if (const int error = avformat_find_stream_info(format_, nullptr); error < 0) {
            throw MediaError(
                fmt::format("'{}' is not a media file FFmpeg can read: {}", path, av_error(error)));
        }
        video_ = Decoder::open(format_, AVMEDIA_TYPE_VIDEO, options.hardware_decode, path);
        audio_decoder_ = Decoder::open(format_, AVMEDIA_TYPE_AUDIO, false, path);
    } catch (...) {
        avformat_close_input(&format_);
        throw;
    }
    if (!video_ && !audio_decoder_) {
        avformat_close_input(&format_);
        throw MediaError(fmt::format("'{}' has neither video nor audio", path));
    }
    info_.has_video = video_ != nullptr;
    info_.has_audio = audio_decoder_ != nullptr;
    std::vector<std::string> parts;
    if (video_) {
        info_.width = video_->context->width;
        info_.height = video_->context->height;
        parts.push_back(fmt::format(
            "{} {}x{}{}", video_->context->codec->name, info_.width, info_.height,
            video_->hardware_name.empty() ? "" : " (hardware: " + video_->hardware_name + ")"));
    }
    if (audio_decoder_) {
        parts.push_back(fmt::format("{} {} Hz {} ch", audio_decoder_->context->codec->name,
                                    audio_decoder_->context->sample_rate,
                                    audio_decoder_->context->ch_layout.nb_channels));
    }
    info_.description = fmt::format("{}", fmt::join(parts, ", "));
    if (format_->duration != AV_NOPTS_VALUE && format_->duration > 0)
        info_.duration_ns = to_ns(format_->duration, AVRational{1, AV_TIME_BASE});
    if (format_->start_time != AV_NOPTS_VALUE)
        start_ns_ = to_ns(format_->start_time, AVRational{1, AV_TIME_BASE});

    decoders_running_ = int(info_.has_video) + int(info_.has_audio);
    demux_thread_ = std::thread([this] { demux(); });
    if (video_)
        video_thread_ = std::thread([this] { decode_video(); });
    if (audio_decoder_)
        audio_thread_ = std::thread([this] { decode_audio(); });
}

MediaPlayer::~MediaPlayer() {
    stopping_ = true;
    video_packets_.close();
    audio_packets_.close();
    frames_.close();
    audio_.close();
    for (std::thread* thread : {&demux_thread_, &video_thread_, &audio_thread_}) {
        if (thread->joinable())
            thread->join();
    }
    avformat_close_input(&format_);
}

bool MediaPlayer::decoding_finished() const {
    return decoders_running_.load() == 0;
}

std::string MediaPlayer::problem() const {
    std::lock_guard lock(problem_mutex_);
    return problem_;
}

void MediaPlayer::note_problem(std::string message) {
    std::lock_guard lock(problem_mutex_);
    problem_ = std::move(message);
}

void MediaPlayer::demux() {
    pthread_setname_np(pthread_self(), "lm-media-demux");
    int64_t offset_ns = 0;
    int64_t loop_end_ns = 0;  // how far this loop's packets reach, relative to the start
    AVPacket* packet = av_packet_alloc();
    auto send_marker = [&](DemuxedPacket::Kind kind) {
        if (video_)
            video_packets_.push({kind, nullptr, offset_ns});
        if (audio_decoder_)
            audio_packets_.push({kind, nullptr, offset_ns});
    };
    while (!stopping_) {
        const int result = av_read_frame(format_, packet);
        if (result == AVERROR(EAGAIN))
            continue;
        if (result < 0) {
            if (result != AVERROR_EOF)
                note_problem(fmt::format("reading '{}' failed: {}", path_, av_error(result)));
            // A file shorter than a millisecond (a still image) would loop without end.
            const bool can_loop = options_.loop && loop_end_ns >= 1'000'000 && rewind();
            if (!can_loop) {
                send_marker(DemuxedPacket::Kind::end);
                break;
            }
            offset_ns += loop_end_ns;
            loop_end_ns = 0;
            send_marker(DemuxedPacket::Kind::loop);
            continue;
        }
        Decoder* decoder = nullptr;
        PacketQueue* queue = nullptr;
        if (video_ && packet->stream_index == video_->stream_index) {
            decoder = video_.get();
            queue = &video_packets_;
        } else if (audio_decoder_ && packet->stream_index == audio_decoder_->stream_index) {
            decoder = audio_decoder_.get();
            queue = &audio_packets_;
        }
        if (decoder == nullptr) {
            av_packet_unref(packet);
            continue;
        }
        const int64_t timestamp = packet->pts != AV_NOPTS_VALUE ? packet->pts : packet->dts;
        // The picture sets the loop's length when there is one: audio packets usually run a
        // little past it (an AAC frame is 21 ms), and a loop must not freeze the picture.
        const bool sets_length = decoder == video_.get() || !video_;
        if (timestamp != AV_NOPTS_VALUE && sets_length) {
            loop_end_ns = std::max(
                loop_end_ns, to_ns(timestamp + packet->duration, decoder->time_base) - start_ns_);
        }
        AVPacket* owned = av_packet_alloc();
        av_packet_move_ref(owned, packet);
        if (!queue->push({DemuxedPacket::Kind::data, owned, offset_ns}))
            break;
    }
    av_packet_free(&packet);
}

bool MediaPlayer::rewind() {
    // Aim a little before the start, so the audio's priming packet (before time 0 in files
    // from AAC encoders) is read again: without it the first AAC frame decodes faded in.
    // Seeking by the audio stream's own time is what reaches that packet in MP4 (seeking by
    // the picture lands every stream on time 0).
    const int64_t start = format_->start_time == AV_NOPTS_VALUE ? 0 : format_->start_time;
    if (audio_decoder_) {
        const AVRational base = audio_decoder_->time_base;
        const int64_t target =
            av_rescale_q(start - AV_TIME_BASE / 10, AVRational{1, AV_TIME_BASE}, base);
        const int64_t latest = av_rescale_q(start, AVRational{1, AV_TIME_BASE}, base);
        if (avformat_seek_file(format_, audio_decoder_->stream_index, INT64_MIN, target, latest,
                               0) >= 0)
            return true;
    }
    return avformat_seek_file(format_, -1, INT64_MIN, start - AV_TIME_BASE / 10, start, 0) >= 0;
}

void MediaPlayer::decode_video() {
    pthread_setname_np(pthread_self(), "lm-media-video");
    AVCodecContext* context = video_->context;
    AVFrame* software = av_frame_alloc();
    SwsContext* scaler = nullptr;
    std::unique_ptr<VideoFramePool> pool;
    int pool_width = 0;
    int pool_height = 0;
    int64_t offset_ns = 0;
    int64_t last_pts_ns = INT64_MIN;

    auto deliver = [&](AVFrame* decoded) -> bool {
        AVFrame* picture = decoded;
        if (decoded->format == video_->hardware_format && decoded->hw_frames_ctx) {
            av_frame_unref(software);
            if (av_hwframe_transfer_data(software, decoded, 0) < 0)
                return true;  // one lost frame; the next may transfer
            picture = software;
        }
        int64_t pts_ns = decoded->best_effort_timestamp != AV_NOPTS_VALUE
                             ? to_ns(decoded->best_effort_timestamp, video_->time_base)
                             : last_pts_ns;
        if (pts_ns == INT64_MIN)
            pts_ns = start_ns_;
        last_pts_ns = pts_ns;
        const int width = picture->width;
        const int height = picture->height;
        const AVPixFmtDescriptor* layout = av_pix_fmt_desc_get(AVPixelFormat(picture->format));
        pictures_have_alpha_.store(layout == nullptr || (layout->flags & AV_PIX_FMT_FLAG_ALPHA));
        scaler =
            sws_getCachedContext(scaler, width, height, AVPixelFormat(picture->format), width,
                                 height, AV_PIX_FMT_RGBA, SWS_BILINEAR, nullptr, nullptr, nullptr);
        if (scaler == nullptr)
            return true;
        // BT.709 for HD and anything tagged so, BT.601 for SD, as players do.
        const int matrix = picture->colorspace == AVCOL_SPC_BT709 ||
                                   (picture->colorspace == AVCOL_SPC_UNSPECIFIED && height >= 720)
                               ? SWS_CS_ITU709
                               : SWS_CS_ITU601;
        const int full_range =
            picture->color_range == AVCOL_RANGE_JPEG || picture->format == AV_PIX_FMT_YUVJ420P ||
            picture->format == AV_PIX_FMT_YUVJ422P || picture->format == AV_PIX_FMT_YUVJ444P;
        sws_setColorspaceDetails(scaler, sws_getCoefficients(matrix), full_range,
                                 sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16);
        if (!pool || pool_width != width || pool_height != height) {
            pool = std::make_unique<VideoFramePool>(PixelFormat::rgba, width, height);
            pool_width = width;
            pool_height = height;
        }
        std::shared_ptr<VideoFrame> rgba = pool->acquire();
        uint8_t* planes[1] = {rgba->data(0)};
        const int strides[1] = {rgba->stride(0)};
        sws_scale(scaler, picture->data, picture->linesize, 0, height, planes, strides);
        const int64_t play_ns = int64_t(double(pts_ns - start_ns_ + offset_ns) / options_.speed);
        return frames_.push(play_ns, std::move(rgba));
    };
    decode_packets(
        video_packets_, context, deliver,
        [&](int64_t next_offset_ns) {
            offset_ns = next_offset_ns;
            last_pts_ns = INT64_MIN;
        },
        [&](const std::string& error) {
            note_problem(fmt::format("'{}': damaged video data ({})", path_, error));
        });
    sws_freeContext(scaler);
    av_frame_free(&software);
    decoders_running_.fetch_sub(1);
}

void MediaPlayer::decode_audio() {
    pthread_setname_np(pthread_self(), "lm-media-audio");
    AVCodecContext* context = audio_decoder_->context;
    SwrContext* resampler = nullptr;
    int resampler_rate = 0;
    AVSampleFormat resampler_format = AV_SAMPLE_FMT_NONE;
    std::vector<float> left;
    std::vector<float> right;
    int64_t offset_ns = 0;
    int64_t next_position = INT64_MIN;  // where the next converted sample goes

    auto write = [&](int64_t position, int count) -> bool {
        const float* planes[2] = {left.data(), right.data()};
        return audio_.write(position, planes, count);
    };
    auto deliver = [&](AVFrame* decoded) -> bool {
        if (resampler == nullptr || resampler_rate != decoded->sample_rate ||
            resampler_format != decoded->format) {
            swr_free(&resampler);
            AVChannelLayout stereo = AV_CHANNEL_LAYOUT_STEREO;
            // Reading the input as if it were `speed` times faster plays it at that speed.
            const int in_rate =
                std::max(1, int(std::lround(decoded->sample_rate * options_.speed)));
            const bool allocated =
                swr_alloc_set_opts2(&resampler, &stereo, AV_SAMPLE_FMT_FLTP, kAudioSampleRate,
                                    &decoded->ch_layout, AVSampleFormat(decoded->format), in_rate,
                                    0, nullptr) >= 0;
            // Mono goes to both sides at full level (a voice recording), not at -3 dB.
            if (allocated && decoded->ch_layout.nb_channels == 1) {
                const double both_sides[2] = {1.0, 1.0};
                swr_set_matrix(resampler, both_sides, 1);
            }
            if (!allocated || swr_init(resampler) < 0) {
                note_problem(fmt::format("'{}': cannot convert its audio", path_));
                swr_free(&resampler);
                return true;
            }
            resampler_rate = decoded->sample_rate;
            resampler_format = AVSampleFormat(decoded->format);
        }
        const int capacity = swr_get_out_samples(resampler, decoded->nb_samples);
        left.resize(size_t(std::max(capacity, 1)));
        right.resize(left.size());
        uint8_t* out[2] = {reinterpret_cast<uint8_t*>(left.data()),
                           reinterpret_cast<uint8_t*>(right.data())};
        const int converted =
            swr_convert(resampler, out, capacity,
                        const_cast<const uint8_t**>(decoded->extended_data), decoded->nb_samples);
        if (converted <= 0)
            return true;
        if (decoded->best_effort_timestamp != AV_NOPTS_VALUE) {
            const int64_t pts_ns = to_ns(decoded->best_effort_timestamp, audio_decoder_->time_base);
            const double play_s = double(pts_ns - start_ns_ + offset_ns) / options_.speed / 1e9;
            const int64_t expected = std::llround(play_s * kAudioSampleRate);
            if (next_position == INT64_MIN ||
                std::abs(expected - next_position) > kAudioResyncSamples)
                next_position = expected;
        } else if (next_position == INT64_MIN) {
            next_position = 0;
        }
        const int64_t position = next_position;
        next_position += converted;
        return write(position, converted);
    };
    decode_packets(
        audio_packets_, context, deliver,
        [&](int64_t next_offset_ns) {
            offset_ns = next_offset_ns;
            next_position = INT64_MIN;  // the next loop starts where its timestamps say
        },
        [&](const std::string& error) {
            note_problem(fmt::format("'{}': damaged audio data ({})", path_, error));
        });
    swr_free(&resampler);
    decoders_running_.fetch_sub(1);
}

}  // namespace lm
