// lm_media_probe FILE [--print KEY]... [checks]
//
// Decodes every packet of a recording with libavformat/libavcodec and prints what a viewer would
// get: container, video and audio parameters, frame counts, durations, and the A/V sync measured
// on the default scene's sync marker (a white frame and a 1 kHz beep at every whole second).
// With checks (see usage()), exits 1 and prints one line per failed check; 2 when the file
// cannot be read at all. Used by the end-to-end tests in this folder.
//
// Encoder delay (AAC priming) is accounted for exactly as a player does it: the decoder is left
// to apply whatever the container signals (an MP4 edit list or Matroska codec delay reach it as
// AV_PKT_DATA_SKIP_SAMPLES, and libavcodec then drops those samples and moves the frame's pts),
// and every decoded sample is placed at its frame's pts. FLV has no way to signal priming, so
// there the priming samples are played, starting at the first audio packet's timestamp, and the
// measurement includes them, because that is what a viewer hears. The probe reports what the
// container says (initial_padding, skip_samples_signalled, first_packet_pts_s) so a test can
// tell the cases apart.
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/intreadwrite.h>
#include <libavutil/pixdesc.h>
}

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "probe_report.hpp"
#include "sync_analysis.hpp"

namespace {

using lm::e2e::ProbeChecks;
using lm::e2e::ProbeResult;

// av_log's callback has no user pointer, so the count of error messages must live here.
std::atomic<int> g_log_errors{0};

void count_log_errors(void* avcl, int level, const char* fmt, va_list args) {
    if (level <= AV_LOG_ERROR) {
        ++g_log_errors;
    }
    av_log_default_callback(avcl, level, fmt, args);
}

double seconds(int64_t ts, AVRational time_base) {
    return static_cast<double>(ts) * av_q2d(time_base);
}

// One decoder with its stream; owns the codec context.
struct Decoder {
    int stream_index = -1;
    AVStream* stream = nullptr;
    AVCodecContext* ctx = nullptr;
    ~Decoder() { avcodec_free_context(&ctx); }
};

bool open_decoder(AVFormatContext* fmt, AVMediaType type, Decoder& dec, std::string& error) {
    const AVCodec* codec = nullptr;
    dec.stream_index = av_find_best_stream(fmt, type, -1, -1, &codec, 0);
    if (dec.stream_index < 0) {
        return true;  // no such stream: reported as absent
    }
    dec.stream = fmt->streams[dec.stream_index];
    if (codec == nullptr) {
        error = std::string("no decoder for ") + avcodec_get_name(dec.stream->codecpar->codec_id);
        return false;
    }
    dec.ctx = avcodec_alloc_context3(codec);
    avcodec_parameters_to_context(dec.ctx, dec.stream->codecpar);
    dec.ctx->pkt_timebase = dec.stream->time_base;
    dec.ctx->thread_count = 2;
    // Like a strict player: a corrupt frame is an error, not a silently concealed picture.
    dec.ctx->err_recognition |= AV_EF_EXPLODE;
    if (avcodec_open2(dec.ctx, codec, nullptr) < 0) {
        error = std::string("cannot open decoder ") + codec->name;
        return false;
    }
    return true;
}

class Analyzer {
public:
    explicit Analyzer(ProbeResult& result) : r_(result) {}

    bool video_frame(const AVFrame* frame, AVRational tb, std::string& error) {
        const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(AVPixelFormat(frame->format));
        if (desc == nullptr || (desc->flags & AV_PIX_FMT_FLAG_RGB) || desc->comp[0].depth != 8 ||
            desc->comp[0].plane != 0 || desc->comp[0].step != 1) {
            error = "unsupported pixel format for luma analysis";
            return false;
        }
        uint64_t sum = 0;
        for (int y = 0; y < frame->height; ++y) {
            const uint8_t* row = frame->data[0] + static_cast<ptrdiff_t>(y) * frame->linesize[0];
            for (int x = 0; x < frame->width; ++x) {
                sum += row[x];
            }
        }
        const double mean = static_cast<double>(sum) / (double(frame->width) * frame->height);
        const double pts = seconds(frame->best_effort_timestamp, tb);
        if (r_.video.frames == 0) {
            r_.video.first_pts_s = pts;
        } else {
            if (pts <= r_.video.last_pts_s) {
                ++r_.video.non_monotonic;
            }
            r_.video.max_step_s = std::max(r_.video.max_step_s, pts - r_.video.last_pts_s);
        }
        r_.video.last_pts_s = pts;
        // A flash is the first frame of a run of white frames: that is when a viewer sees it.
        // A longer run (a missed frame repeats the previous picture) is counted, not re-paired.
        const bool white = mean > 200.0;
        if (white) {
            ++r_.sync.white_frames;
            if (previous_white_) {
                ++r_.sync.repeated_flash_frames;
            } else {
                r_.sync.flash_frames.push_back(r_.video.frames);
                r_.sync.flashes_s.push_back(pts);
            }
        } else {
            r_.video.max_luma_non_flash = std::max(r_.video.max_luma_non_flash, mean);
        }
        previous_white_ = white;
        ++r_.video.frames;
        return true;
    }

    bool audio_frame(const AVFrame* frame, AVRational tb, std::string& error) {
        const int channels = frame->ch_layout.nb_channels;
        if (!detector_) {
            detector_.emplace(frame->sample_rate);
        }
        const int64_t ts = frame->pts != AV_NOPTS_VALUE ? frame->pts : frame->best_effort_timestamp;
        const double start = seconds(ts, tb);
        if (r_.audio.decoded_samples == 0) {
            r_.audio.first_pts_s = start;
        }
        power_.assign(frame->nb_samples, 0.0);
        const auto fmt = AVSampleFormat(frame->format);
        const bool planar = av_sample_fmt_is_planar(fmt);
        for (int c = 0; c < channels; ++c) {
            for (int i = 0; i < frame->nb_samples; ++i) {
                const int plane = planar ? c : 0;
                const int index = planar ? i : i * channels + c;
                double v = 0.0;
                switch (av_get_packed_sample_fmt(fmt)) {
                    case AV_SAMPLE_FMT_FLT:
                        v = reinterpret_cast<const float*>(frame->extended_data[plane])[index];
                        break;
                    case AV_SAMPLE_FMT_S16:
                        v = reinterpret_cast<const int16_t*>(frame->extended_data[plane])[index] /
                            32768.0;
                        break;
                    case AV_SAMPLE_FMT_S32:
                        v = reinterpret_cast<const int32_t*>(frame->extended_data[plane])[index] /
                            2147483648.0;
                        break;
                    default:
                        error = "unsupported sample format for the beep analysis";
                        return false;
                }
                power_[i] += v * v / channels;
            }
        }
        detector_->add_block(start, power_);
        r_.audio.decoded_samples += frame->nb_samples;
        r_.audio.end_s = start + double(frame->nb_samples) / frame->sample_rate;
        return true;
    }

    void finish() {
        if (detector_) {
            r_.sync.onsets_s = detector_->onsets_s();
            r_.audio.gaps = detector_->gaps();
            r_.audio.peak_window_dbfs = detector_->peak_window_dbfs();
        }
    }

private:
    ProbeResult& r_;
    bool previous_white_ = false;
    std::optional<lm::e2e::OnsetDetector> detector_;
    std::vector<double> power_;
};

// Sends one packet (or nullptr to flush) and drains the frames it produced.
bool decode(Decoder& dec, const AVPacket* pkt, AVFrame* frame, Analyzer& analyzer, int& errors,
            std::string& fatal) {
    if (avcodec_send_packet(dec.ctx, pkt) < 0) {
        ++errors;
        return true;
    }
    for (;;) {
        const int ret = avcodec_receive_frame(dec.ctx, frame);
        if (ret == AVERROR(EAGAIN) || ret == AVERROR_EOF) {
            return true;
        }
        if (ret < 0) {
            ++errors;
            return true;
        }
        const bool ok = dec.ctx->codec_type == AVMEDIA_TYPE_VIDEO
                            ? analyzer.video_frame(frame, dec.stream->time_base, fatal)
                            : analyzer.audio_frame(frame, dec.stream->time_base, fatal);
        av_frame_unref(frame);
        if (!ok) {
            return false;
        }
    }
}

// Fills `result` from the file; returns false (with `error`) when it cannot be read at all.
bool probe_file(const std::string& path, ProbeResult& result, std::string& error) {
    AVFormatContext* fmt = nullptr;
    if (avformat_open_input(&fmt, path.c_str(), nullptr, nullptr) < 0) {
        error = "cannot open or recognise the file";
        return false;
    }
    struct Closer {
        AVFormatContext*& f;
        ~Closer() { avformat_close_input(&f); }
    } closer{fmt};
    if (avformat_find_stream_info(fmt, nullptr) < 0) {
        error = "cannot read the stream parameters";
        return false;
    }
    result.container = fmt->iformat->name;
    result.container_duration_s = fmt->duration != AV_NOPTS_VALUE ? fmt->duration / 1e6 : -1.0;
    Decoder video, audio;
    if (!open_decoder(fmt, AVMEDIA_TYPE_VIDEO, video, error) ||
        !open_decoder(fmt, AVMEDIA_TYPE_AUDIO, audio, error)) {
        return false;
    }
    if (video.stream) {
        const AVCodecParameters* p = video.stream->codecpar;
        result.video.present = true;
        result.video.codec = avcodec_get_name(p->codec_id);
        result.video.width = p->width;
        result.video.height = p->height;
        result.video.r_frame_rate = av_q2d(video.stream->r_frame_rate);
        result.video.avg_frame_rate = av_q2d(video.stream->avg_frame_rate);
    }
    if (audio.stream) {
        const AVCodecParameters* p = audio.stream->codecpar;
        result.audio.present = true;
        result.audio.codec = avcodec_get_name(p->codec_id);
        result.audio.sample_rate = p->sample_rate;
        result.audio.channels = p->ch_layout.nb_channels;
        result.audio.initial_padding = p->initial_padding;
    }

    Analyzer analyzer(result);
    AVPacket* pkt = av_packet_alloc();
    AVFrame* frame = av_frame_alloc();
    bool ok = true;
    int read_ret = 0;
    while (ok && (read_ret = av_read_frame(fmt, pkt)) >= 0) {
        if (pkt->stream_index == video.stream_index) {
            if (result.video.packets++ == 0) {
                result.video.first_packet_keyframe = (pkt->flags & AV_PKT_FLAG_KEY) != 0;
            }
            result.video.bytes += pkt->size;
            ok = decode(video, pkt, frame, analyzer, result.decode_errors, error);
        } else if (pkt->stream_index == audio.stream_index) {
            if (result.audio.packets++ == 0 && pkt->pts != AV_NOPTS_VALUE) {
                result.audio.first_packet_pts_s = seconds(pkt->pts, audio.stream->time_base);
            }
            size_t size = 0;
            const uint8_t* skip = av_packet_get_side_data(pkt, AV_PKT_DATA_SKIP_SAMPLES, &size);
            if (skip != nullptr && size >= 4) {
                result.audio.skip_samples_signalled += int(AV_RL32(skip));
            }
            ok = decode(audio, pkt, frame, analyzer, result.decode_errors, error);
        }
        av_packet_unref(pkt);
    }
    if (ok && read_ret != AVERROR_EOF) {
        ++result.decode_errors;  // the demuxer stopped on an error before the end of the file
    }
    if (ok && video.ctx) {
        ok = decode(video, nullptr, frame, analyzer, result.decode_errors, error);
    }
    if (ok && audio.ctx) {
        ok = decode(audio, nullptr, frame, analyzer, result.decode_errors, error);
    }
    analyzer.finish();
    if (audio.ctx) {
        const int profile = audio.stream->codecpar->profile != FF_PROFILE_UNKNOWN
                                ? audio.stream->codecpar->profile
                                : audio.ctx->profile;
        const char* name = avcodec_profile_name(audio.stream->codecpar->codec_id, profile);
        result.audio.profile = name ? name : "";
    }
    av_frame_free(&frame);
    av_packet_free(&pkt);
    return ok;
}

}  // namespace

int main(int argc, char** argv) {
    ProbeChecks checks;
    std::vector<std::string> prints;
    std::string path, usage_error;
    if (!lm::e2e::parse_arguments(argc, argv, path, prints, checks, usage_error)) {
        std::fprintf(stderr, "lm_media_probe: %s\n%s", usage_error.c_str(), lm::e2e::usage());
        return 2;
    }
    av_log_set_level(AV_LOG_ERROR);
    av_log_set_callback(count_log_errors);

    ProbeResult result;
    result.file = path;
    std::string error;
    if (!probe_file(path, result, error)) {
        std::fprintf(stderr, "lm_media_probe: %s: %s\n", path.c_str(), error.c_str());
        return 2;
    }
    result.log_errors = g_log_errors.load();
    lm::e2e::finish_result(result);

    const auto fields = lm::e2e::report_fields(result);
    if (prints.empty()) {
        std::fputs(lm::e2e::to_json(fields).c_str(), stdout);
    } else {
        for (const auto& key : prints) {
            const std::string* value = lm::e2e::find_field(fields, key);
            if (value == nullptr) {
                std::fprintf(stderr, "lm_media_probe: unknown key '%s'\n", key.c_str());
                return 2;
            }
            std::printf("%s\n", value->c_str());
        }
    }
    const auto failures = lm::e2e::run_checks(result, checks);
    for (const auto& failure : failures) {
        std::fprintf(stderr, "lm_media_probe: %s: check failed: %s\n", path.c_str(),
                     failure.c_str());
    }
    return failures.empty() ? 0 : 1;
}
