#include "plugins/audio_devices/audio_capture_source.hpp"

#include <fmt/format.h>
#include <pthread.h>

#include <condition_variable>

#include "core/media/clock.hpp"

namespace lm {
namespace {

/// A streaming attempt silent this long is stuck (the backends' own checks fire within 3 s).
constexpr int64_t kStreamingStuckNs = 5 * clock::kNsPerSecond;
/// Opening a device includes probing every ALSA device; a few seconds is normal.
constexpr int64_t kOpeningStuckNs = 15 * clock::kNsPerSecond;
/// How long the destructor waits for a capture to stop before leaving it behind.
constexpr std::chrono::milliseconds kStopWait{1000};
constexpr std::chrono::milliseconds kPollInterval{50};
/// Past this many stuck workers, no more are started: each holds a thread forever.
constexpr int kMaxStuckWorkers = 2;

}  // namespace

/// What an attempt's worker and the supervisor share; owned by both, so a worker left behind
/// never touches freed memory.
struct AudioCaptureSource::Attempt {
    explicit Attempt(std::shared_ptr<CaptureRing> ring) : sink(std::move(ring)) {}

    CaptureSink sink;
    StopSignal stop;
    std::mutex mutex;
    std::condition_variable finished_changed;
    bool finished = false;   // guarded by mutex
    bool abandoned = false;  // guarded by mutex: the supervisor gave up waiting for it
    std::string error;       // guarded by mutex; set before finished

    bool wait_finished(std::chrono::milliseconds timeout) {
        std::unique_lock lock(mutex);
        return finished_changed.wait_for(lock, timeout, [this] { return finished; });
    }
    bool stuck(int64_t now_ns) const {
        const int64_t silent_ns = now_ns - sink.last_heartbeat_ns();
        return silent_ns > (sink.started() ? kStreamingStuckNs : kOpeningStuckNs);
    }
};

AudioCaptureSource::AudioCaptureSource(std::shared_ptr<CaptureBackend> backend, std::string label,
                                       std::string thread_name)
    : backend_(std::move(backend)),
      label_(std::move(label)),
      thread_name_(std::move(thread_name)),
      ring_(std::make_shared<CaptureRing>()),
      stuck_workers_(std::make_shared<std::atomic<int>>(0)) {
    supervisor_ = std::thread([this] { supervise(); });
}

AudioCaptureSource::~AudioCaptureSource() {
    stop_.request();
    supervisor_.join();
}

void AudioCaptureSource::render_audio(AudioRenderContext& context) {
    ring_->read(context.out, clock::now_ns());
}

void AudioCaptureSource::supervise() {
    pthread_setname_np(pthread_self(), thread_name_.c_str());
    while (!stop_.requested()) {
        if (stuck_workers_->load() >= kMaxStuckWorkers) {
            status_.set_error(fmt::format(
                "{}: the sound system stopped responding and does not recover; restart Live "
                "Machine",
                label_));
            stop_.wait_for(kRetryInterval);
            continue;
        }
        const std::string error = run_attempt();
        if (stop_.requested())
            break;
        // SourceStatusBox logs only changes: a device that stays missing is logged once, not
        // at every retry.
        status_.set_error(error);
        stop_.wait_for(kRetryInterval);
    }
}

std::string AudioCaptureSource::run_attempt() {
    auto attempt = std::make_shared<Attempt>(ring_);
    std::thread worker(
        [attempt, backend = backend_, stuck_workers = stuck_workers_, name = thread_name_] {
            pthread_setname_np(pthread_self(), name.c_str());
            std::string error = backend->capture(attempt->sink, attempt->stop);
            {
                std::lock_guard lock(attempt->mutex);
                attempt->error = std::move(error);
                attempt->finished = true;
                if (attempt->abandoned)  // it came back after all
                    stuck_workers->fetch_sub(1);
            }
            attempt->finished_changed.notify_all();
        });

    bool reported_started = false;
    while (!attempt->wait_finished(kPollInterval)) {
        if (attempt->sink.started() && !reported_started) {
            status_.set_ok();
            reported_started = true;
        }
        const bool stopping = stop_.requested();
        if (!stopping && !attempt->stuck(clock::now_ns()))
            continue;
        attempt->stop.request();
        if (stopping && attempt->wait_finished(kStopWait))
            break;
        // Stuck inside a library: leave the worker behind, with everything it uses kept alive
        // by its own references. The closed sink keeps it from writing to the ring should it
        // ever wake up.
        attempt->sink.close();
        {
            std::lock_guard lock(attempt->mutex);
            if (attempt->finished)
                break;  // it returned just now after all
            attempt->abandoned = true;
            stuck_workers_->fetch_add(1);
        }
        worker.detach();
        return fmt::format(
            "{}: the sound system stopped responding (a driver or the sound server hangs); "
            "retrying every 2 s",
            label_);
    }
    worker.join();
    std::lock_guard lock(attempt->mutex);
    return attempt->error;
}

}  // namespace lm
