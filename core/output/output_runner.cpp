#include "core/output/output_runner.hpp"

#include <pthread.h>

#include <algorithm>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/media/clock.hpp"

namespace lm {
namespace {

/// The send rate is measured over windows this long: short, so dynamic bitrate reacts within
/// a fraction of a second; long enough to span many writes.
constexpr int64_t kRateWindowNs = 500'000'000;
/// A window in which the writer was blocked in write() this much of the time measured the
/// link, not the encoder.
constexpr double kSaturatedBusyFraction = 0.7;

}  // namespace

const char* to_string(OutputState state) {
    switch (state) {
        case OutputState::idle:
            return "idle";
        case OutputState::connecting:
            return "connecting";
        case OutputState::running:
            return "running";
        case OutputState::reconnecting:
            return "reconnecting";
        case OutputState::finished:
            return "finished";
        case OutputState::failed:
            return "failed";
    }
    return "unknown";
}

OutputRunner::OutputRunner(std::unique_ptr<Output> output, std::string type,
                           OutputRunnerOptions options)
    : output_(std::move(output)),
      name_(output_->display_name()),
      type_(std::move(type)),
      options_([&] {
          // Keeping a group of pictures only pays where a new connection can use it.
          options.queue.keep_gop = output_->reconnectable() && options.reconnect.max_attempts > 0;
          return options;
      }()),
      queue_(options_.queue),
      jitter_random_(std::random_device{}()) {}

OutputRunner::~OutputRunner() {
    queue_.close();
    if (thread_.joinable()) {
        interrupt();
        thread_.join();
    }
}

void OutputRunner::open(const std::vector<StreamInfo>& streams) {
    state_.store(OutputState::connecting);
    streams_ = streams;
    try {
        output_->open(streams);
    } catch (const OutputError& e) {
        fail(e.what());
        throw;
    }
    connected_at_ns_ = clock::now_ns();
}

void OutputRunner::start() {
    state_.store(OutputState::running);
    thread_ = std::thread([this] { run(); });
}

void OutputRunner::offer(const PacketPtr& packet) {
    const OutputState state = state_.load();
    if (state != OutputState::running && state != OutputState::reconnecting)
        return;
    queue_.push(packet);
}

void OutputRunner::end_input() {
    queue_.close();
}

void OutputRunner::join() {
    if (thread_.joinable())
        thread_.join();
}

void OutputRunner::interrupt() {
    interrupted_.store(true);
    output_->interrupt();
    queue_.close();
}

ReplaySaved OutputRunner::save_replay() {
    if (state_.load() != OutputState::running)
        throw OutputError(fmt::format("{} is {}", name_, to_string(state_.load())));
    return output_->save_replay();
}

OutputCounters OutputRunner::counters() const {
    OutputCounters counters;
    counters.name = name_;
    counters.type = type_;
    counters.state = state_.load();
    counters.bytes = bytes_.load();
    counters.video_frames_written = video_frames_written_.load();
    counters.warning = output_->warning();
    counters.frames_dropped = queue_.video_frames_dropped();
    counters.audio_packets_dropped = queue_.audio_packets_dropped();
    counters.congestion = queue_.congestion();
    counters.buffered_ms = queue_.buffered_seconds() * 1000;
    counters.reconnects = reconnects_.load();
    counters.latency_frames = latency_frames_.load();
    if (counters.latency_frames > 0) {
        counters.latency_ms_avg =
            double(latency_sum_ns_.load()) / 1e6 / double(counters.latency_frames);
        counters.latency_ms_max = double(latency_max_ns_.load()) / 1e6;
        counters.latency_ms_p99 = latency_histogram_.percentile_ms(0.99);
    }
    counters.replay = output_->replay_status();
    std::lock_guard lock(mutex_);
    counters.error = error_;
    counters.link_kbps = link_kbps_;
    counters.send_busy = send_busy_;
    if (counters.state == OutputState::reconnecting) {
        counters.reconnect_attempt = reconnect_attempt_;
        counters.reconnect_in_s = std::max(0.0, double(next_attempt_ns_ - clock::now_ns()) / 1e9);
    }
    return counters;
}

void OutputRunner::fail(const std::string& error) {
    {
        std::lock_guard lock(mutex_);
        error_ = error;
    }
    state_.store(OutputState::failed);
    // Nobody will write what is queued; refusing further packets keeps the fan-out cheap.
    queue_.close();
}

void OutputRunner::run() {
    pthread_setname_np(pthread_self(), "lm-output");
    for (;;) {
        try {
            write_until_closed();
            output_->close();
            state_.store(OutputState::finished);
            return;
        } catch (const OutputError& e) {
            spdlog::error("{}: {}", name_, e.what());
            try {
                output_->close();
            } catch (const OutputError&) {
                // Already broken; the first error is the one worth reporting.
            }
            if (!connection_stable_ && !ever_stable_ && output_->reconnectable()) {
                // Refused at once, before the stream ever ran: retrying would not help.
                fail(output_->describe_refusal(e.what()));
                return;
            }
            if (!reconnect(e.what()))
                return;
        }
    }
}

void OutputRunner::write_until_closed() {
    while (auto item = queue_.pop())
        write(*item);
}

void OutputRunner::write(const QueuedPacket& item) {
    const Packet& packet = *item.packet;
    const Packet* to_write = &packet;
    Packet shifted;
    if (rebase_) {
        if (!rebase_origin_) {
            if (packet.kind != MediaKind::video || !packet.keyframe) {
                // Sound from before the keyframe the new connection starts with.
                queue_.mark_written(item.sequence);
                return;
            }
            // Time zero is the keyframe's presentation time, as at the start of a stream:
            // with B-frames its decode time is a little earlier (negative), as then.
            rebase_origin_ = RebaseOrigin{packet.pts, packet.time_base};
        }
        const RebaseOrigin& origin = *rebase_origin_;
        shifted = packet;
        const int64_t offset = rescale(origin.pts, origin.time_base, packet.time_base);
        shifted.pts -= offset;
        shifted.dts -= offset;
        if (shifted.pts < 0 && packet.kind == MediaKind::audio) {
            queue_.mark_written(item.sequence);
            return;
        }
        to_write = &shifted;
    }
    const int64_t start_ns = clock::now_ns();
    output_->write(*to_write);
    const int64_t end_ns = clock::now_ns();
    measure_send(packet.data.size(), end_ns - start_ns);
    measure_latency(packet, end_ns);
    if (!connection_stable_ &&
        double(end_ns - connected_at_ns_) >= options_.reconnect.stable_after_s * 1e9) {
        connection_stable_ = true;
        ever_stable_ = true;
        attempts_carried_ = 0;
    }
    queue_.mark_written(item.sequence);
    bytes_.fetch_add(packet.data.size());
    if (packet.kind == MediaKind::video)
        video_frames_written_.fetch_add(1);
}

void OutputRunner::measure_send(size_t bytes, int64_t busy_ns) {
    const int64_t now = clock::now_ns();
    if (window_start_ns_ == 0)
        window_start_ns_ = now - busy_ns;
    window_bytes_ += bytes;
    window_busy_ns_ += busy_ns;
    const int64_t window_ns = now - window_start_ns_;
    if (window_ns < kRateWindowNs)
        return;
    const bool saturated = double(window_busy_ns_) >= kSaturatedBusyFraction * double(window_ns);
    {
        std::lock_guard lock(mutex_);
        link_kbps_ = saturated ? double(window_bytes_) * 8 / 1000 / (double(window_ns) / 1e9) : 0;
        send_busy_ = std::min(1.0, double(window_busy_ns_) / double(window_ns));
    }
    window_start_ns_ = now;
    window_bytes_ = 0;
    window_busy_ns_ = 0;
}

void OutputRunner::measure_latency(const Packet& packet, int64_t written_at_ns) {
    if (packet.kind != MediaKind::video || packet.rendered_at_ns <= 0)
        return;
    const int64_t latency_ns = std::max<int64_t>(0, written_at_ns - packet.rendered_at_ns);
    // The sum before the count: counters() reads the count first, so the sum it then reads
    // holds at least that many frames (at most one more, which is harmless).
    latency_sum_ns_.fetch_add(latency_ns);
    latency_histogram_.add(latency_ns);
    latency_frames_.fetch_add(1);
    if (latency_ns > latency_max_ns_.load(std::memory_order_relaxed))
        latency_max_ns_.store(latency_ns);
}

bool OutputRunner::reconnect(const std::string& error) {
    const ReconnectPolicy& policy = options_.reconnect;
    if (!output_->reconnectable() || policy.max_attempts <= 0 || queue_.closed() ||
        interrupted_.load()) {
        fail(error);
        return false;
    }
    queue_.begin_outage();
    {
        std::lock_guard lock(mutex_);
        error_ = error;
        link_kbps_ = 0;
        send_busy_ = 0;
    }
    std::uniform_real_distribution<double> random01(0.0, 1.0);
    std::string last_error = error;
    // A connection that was refused at once does not earn a fresh count of attempts.
    const int first_attempt = connection_stable_ ? 1 : attempts_carried_ + 1;
    for (int attempt = first_attempt; attempt <= policy.max_attempts; ++attempt) {
        const double delay_s = policy.delay_s(attempt, random01(jitter_random_));
        {
            std::lock_guard lock(mutex_);
            reconnect_attempt_ = attempt;
            next_attempt_ns_ = clock::now_ns() + int64_t(delay_s * 1e9);
        }
        // After the attempt's details, so whoever sees the state sees them too.
        state_.store(OutputState::reconnecting);
        spdlog::warn("{}: reconnecting in {:.1f} s (attempt {} of {})", name_, delay_s, attempt,
                     policy.max_attempts);
        if (queue_.wait_closed_for(std::chrono::nanoseconds(int64_t(delay_s * 1e9))) ||
            interrupted_.load()) {
            fail("the connection was lost (" + last_error +
                 ") and the stream ended before it came back");
            return false;
        }
        try {
            output_->open(streams_);
        } catch (const OutputError& e) {
            last_error = e.what();
            std::lock_guard lock(mutex_);
            error_ = last_error;
            continue;
        }
        reconnects_.fetch_add(1);
        connected_at_ns_ = clock::now_ns();
        connection_stable_ = false;
        attempts_carried_ = attempt;
        rebase_ = true;
        rebase_origin_.reset();
        window_start_ns_ = 0;
        window_bytes_ = 0;
        window_busy_ns_ = 0;
        queue_.resume();
        {
            std::lock_guard lock(mutex_);
            error_.clear();
        }
        state_.store(OutputState::running);
        spdlog::info("{}: reconnected (attempt {})", name_, attempt);
        return true;
    }
    fail(
        fmt::format("gave up after {} attempts to reconnect: {}", policy.max_attempts, last_error));
    return false;
}

}  // namespace lm
