#include "plugins/audio_devices/capture_resampler.hpp"

#include <fmt/format.h>

#include <stdexcept>

extern "C" {
#include <libavutil/channel_layout.h>
#include <libswresample/swresample.h>
}

namespace lm {

CaptureResampler::CaptureResampler(int input_rate_hz, int channels)
    : input_rate_hz_(input_rate_hz), channels_(channels) {
    if (input_rate_hz == kAudioSampleRate)
        return;
    // Same layout in and out: libswresample only changes the rate. Mono is widened to stereo by
    // the ring, at full level on both sides (swresample's own upmix would lower it by 3 dB).
    AVChannelLayout layout;
    av_channel_layout_default(&layout, channels);
    const int error = swr_alloc_set_opts2(&swr_, &layout, AV_SAMPLE_FMT_FLT, kAudioSampleRate,
                                          &layout, AV_SAMPLE_FMT_FLT, input_rate_hz, 0, nullptr);
    av_channel_layout_uninit(&layout);
    if (error < 0 || swr_init(swr_) < 0) {
        swr_free(&swr_);
        throw std::runtime_error(
            fmt::format("cannot resample {} Hz to {} Hz", input_rate_hz, kAudioSampleRate));
    }
}

CaptureResampler::~CaptureResampler() {
    swr_free(&swr_);
}

void CaptureResampler::write(const float* data, int frames, int64_t capture_end_ns,
                             CaptureSink& sink) {
    if (!swr_) {
        sink.write_interleaved(data, frames, channels_, capture_end_ns);
        return;
    }
    const int capacity = swr_get_out_samples(swr_, frames);
    if (capacity <= 0)
        return;
    if (converted_.size() < static_cast<size_t>(capacity) * channels_)
        converted_.resize(static_cast<size_t>(capacity) * channels_);
    auto* out = reinterpret_cast<uint8_t*>(converted_.data());
    const auto* in = reinterpret_cast<const uint8_t*>(data);
    const int converted = swr_convert(swr_, &out, capacity, &in, frames);
    if (converted > 0) {
        // The resampler holds back a few samples of history: the newest converted one is that
        // much older than the newest captured one.
        const int64_t delay_ns = swr_get_delay(swr_, 1'000'000'000);
        sink.write_interleaved(converted_.data(), converted, channels_, capture_end_ns - delay_ns);
    }
}

}  // namespace lm
