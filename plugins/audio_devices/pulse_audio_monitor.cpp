#include "plugins/audio_devices/pulse_audio_monitor.hpp"

#include <pthread.h>
#include <pulse/error.h>
#include <pulse/simple.h>

#include <spdlog/spdlog.h>

#include <vector>

#include "core/media/clock.hpp"

namespace lm {
namespace {

constexpr std::chrono::milliseconds kPoll{100};
constexpr int64_t kRetryNs = 2 * clock::kNsPerSecond;

/// A playback stream, freed on destruction (without draining: the tail is at most
/// kTargetLatency of sound nobody is waiting for).
class PlaybackStream {
public:
    PlaybackStream(const std::string& device, int channels, std::string& error) {
        const pa_sample_spec spec{PA_SAMPLE_FLOAT32LE, kAudioSampleRate,
                                  static_cast<uint8_t>(channels)};
        const auto bytes_per_ms =
            static_cast<uint32_t>(kAudioSampleRate / 1000 * channels * sizeof(float));
        pa_buffer_attr attr{};
        attr.maxlength = static_cast<uint32_t>(-1);
        attr.tlength =
            bytes_per_ms * static_cast<uint32_t>(PulseAudioMonitor::kTargetLatency.count());
        attr.prebuf = static_cast<uint32_t>(-1);
        attr.minreq = static_cast<uint32_t>(-1);
        attr.fragsize = static_cast<uint32_t>(-1);
        int code = 0;
        stream_ = pa_simple_new(nullptr, "Live Machine", PA_STREAM_PLAYBACK,
                                device == "default" ? nullptr : device.c_str(), "Monitoring", &spec,
                                nullptr, &attr, &code);
        if (!stream_)
            error = pa_strerror(code);
    }
    ~PlaybackStream() {
        if (stream_)
            pa_simple_free(stream_);
    }
    PlaybackStream(const PlaybackStream&) = delete;
    PlaybackStream& operator=(const PlaybackStream&) = delete;

    bool open() const { return stream_ != nullptr; }
    /// Blocks until the server has room; returns "" or the error.
    std::string write(const std::vector<float>& interleaved) {
        int code = 0;
        if (pa_simple_write(stream_, interleaved.data(), interleaved.size() * sizeof(float),
                            &code) < 0)
            return pa_strerror(code);
        return {};
    }

private:
    pa_simple* stream_ = nullptr;
};

void interleave(const AudioBlock& block, int channels, std::vector<float>& out) {
    out.resize(static_cast<size_t>(block.frames) * channels);
    for (int c = 0; c < channels; ++c) {
        // A mono mix sounds on both ears; extra mix channels are not played.
        const auto source = block.channel(std::min(c, block.channels - 1));
        for (int f = 0; f < block.frames; ++f)
            out[static_cast<size_t>(f) * channels + c] = source[f];
    }
}

}  // namespace

PulseAudioMonitor::PulseAudioMonitor(std::string device, int channels,
                                     std::shared_ptr<AudioBlockQueue> blocks)
    : device_(std::move(device)), channels_(channels), blocks_(std::move(blocks)) {
    thread_ = std::thread([this] { run(); });
}

PulseAudioMonitor::~PulseAudioMonitor() {
    blocks_->close();
    thread_.join();
}

void PulseAudioMonitor::run() {
    pthread_setname_np(pthread_self(), "lm-monitor");
    std::unique_ptr<PlaybackStream> stream;
    std::vector<float> interleaved;
    int64_t last_block_ns = 0;
    int64_t next_attempt_ns = 0;
    std::string last_error;
    for (;;) {
        std::optional<AudioBlockPtr> block = blocks_->pop_for(kPoll);
        const int64_t now = clock::now_ns();
        if (!block) {
            if (blocks_->closed())
                break;
            if (stream && now - last_block_ns > kIdleClose.count() * clock::kNsPerMs) {
                stream.reset();  // nothing monitored: give the device back
                device_open_.store(false);
            }
            continue;
        }
        last_block_ns = now;
        if (!stream) {
            if (now < next_attempt_ns)
                continue;  // the device failed a moment ago: drop until the next attempt
            std::string error;
            auto opened = std::make_unique<PlaybackStream>(device_, channels_, error);
            if (!opened->open()) {
                if (error != last_error)
                    spdlog::warn("monitoring: cannot play on '{}': {} (retrying every 2 s)",
                                 device_, error);
                last_error = error;
                next_attempt_ns = now + kRetryNs;
                continue;
            }
            spdlog::info("monitoring: playing on '{}'", device_);
            last_error.clear();
            stream = std::move(opened);
            device_open_.store(true);
        }
        // A full queue means the device fell behind (a stall, or a slower clock): the blocks
        // that waited are old news, so play on from the newest instead of staying late.
        if (blocks_->size() + 1 >= blocks_->capacity()) {
            while (std::optional<AudioBlockPtr> newer = blocks_->try_pop()) {
                block = std::move(newer);
                blocks_dropped_.fetch_add(1);
            }
        }
        interleave(**block, channels_, interleaved);
        if (std::string error = stream->write(interleaved); !error.empty()) {
            spdlog::warn("monitoring: playing on '{}' failed: {} (retrying every 2 s)", device_,
                         error);
            last_error = error;
            stream.reset();
            device_open_.store(false);
            next_attempt_ns = now + kRetryNs;
            continue;
        }
        blocks_played_.fetch_add(1);
    }
    device_open_.store(false);
}

}  // namespace lm
