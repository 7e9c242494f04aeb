// Runs one Output on its own thread: opens it, writes the packets the fan-out offers through its
// SendQueue, reconnects when a network destination drops, closes it (trailer) at the end, and
// keeps the counters the stats show.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/output/latency_histogram.hpp"
#include "core/output/output.hpp"
#include "core/output/reconnect_policy.hpp"
#include "core/output/send_queue.hpp"

namespace lm {

enum class OutputState {
    idle = 1,      ///< created, not opened
    connecting,    ///< opening the destination (connecting to the server, creating the file)
    running,       ///< open and writing
    reconnecting,  ///< the connection dropped; waiting to try again, or trying
    finished,      ///< closed cleanly, trailer written
    failed,        ///< gave up; `error` says why
};

const char* to_string(OutputState state);

struct OutputCounters {
    std::string name;  ///< Output::display_name(): never contains a stream key
    std::string type;  ///< plugin type id ("rtmp", "record")
    OutputState state = OutputState::idle;
    std::string error;    ///< why it failed, or (while reconnecting) why the connection dropped
    std::string warning;  ///< Output::warning(): the output still works, but look
    uint64_t bytes = 0;   ///< payload bytes written
    uint64_t video_frames_written = 0;
    /// Video frames viewers never got: shed because the destination could not keep up
    /// (network or disk), including frames up to the next keyframe after a shed, and frames
    /// that came while reconnecting.
    uint64_t frames_dropped = 0;
    uint64_t audio_packets_dropped = 0;
    /// 0 (keeping up) .. 1 (shedding video): how full the send queue is.
    double congestion = 0;
    double buffered_ms = 0;     ///< media time waiting to be sent
    uint64_t reconnects = 0;    ///< connections re-established after a drop
    int reconnect_attempt = 0;  ///< while reconnecting: the attempt being waited for (1-based)
    double reconnect_in_s = 0;  ///< while reconnecting: time until that attempt, 0 when trying
    /// The rate the destination took packets at over the last second, in kbit/s, when it was
    /// the bottleneck (the writer was blocked most of the second); 0 when it kept up.
    double link_kbps = 0;
    /// Share of the last window the writer spent blocked in write(), 0..1: writes start
    /// blocking as the link nears its capacity, before any queue forms.
    double send_busy = 0;
    /// Render-to-socket latency of the video frames written so far: from the moment the mixer
    /// began rendering a frame to the return of the write that handed its packet to the
    /// socket or file (render, conversion, encode, queues, send). Frames resent after a
    /// reconnect count with the outage in them. 0 while nothing was measured (packets without
    /// Packet::rendered_at_ns).
    double latency_ms_avg = 0;
    double latency_ms_max = 0;
    /// What 99 % of those frames stayed under, to the next whole ms.
    double latency_ms_p99 = 0;
    uint64_t latency_frames = 0;  ///< the video frames measured
    /// A replay buffer's fill and saves; nothing for other outputs.
    std::optional<ReplayStatus> replay;
};

struct OutputRunnerOptions {
    SendQueueLimits queue;
    ReconnectPolicy reconnect;
};

class OutputRunner {
public:
    OutputRunner(std::unique_ptr<Output> output, std::string type, OutputRunnerOptions options);
    ~OutputRunner();  ///< interrupts and joins
    OutputRunner(const OutputRunner&) = delete;
    OutputRunner& operator=(const OutputRunner&) = delete;

    /// Opens the destination on the calling thread (it may block on the network); on failure
    /// the runner is `failed` and the OutputError is rethrown. A destination that cannot be
    /// reached at the start is not retried: the creator is told at once.
    void open(const std::vector<StreamInfo>& streams);
    /// Starts the writer thread (after a successful open()).
    void start();

    /// Offers a packet; never blocks. The SendQueue applies the drop policy. Packets offered
    /// to a runner that is not running or reconnecting are ignored. MT safe.
    void offer(const PacketPtr& packet);
    /// No more packets: the thread writes what is queued, then closes the output. While
    /// reconnecting, it gives up at once. MT safe.
    void end_input();
    /// Waits for the writer thread to finish.
    void join();
    /// Makes blocking network/disk calls give up (used when stopping takes too long). MT safe.
    void interrupt();

    OutputCounters counters() const;
    bool failed() const { return state_.load() == OutputState::failed; }
    /// A network destination the runner reconnects when it drops.
    bool reconnectable() const { return output_->reconnectable(); }
    /// A replay buffer (Output::keeps_replay).
    bool keeps_replay() const { return output_->keeps_replay(); }
    /// Saves the replay buffer's window into a new file (Output::save_replay); blocks the
    /// calling thread until it is written, never the writer thread. Throws OutputError,
    /// also when the output is not running. MT safe.
    ReplaySaved save_replay();

private:
    void run();
    /// Writes queued packets until the queue closes; throws OutputError from the output.
    void write_until_closed();
    void write(const QueuedPacket& item);
    /// After `error` broke the connection: waits and retries by the policy. Returns whether a
    /// new connection is up; false when the input ended or every attempt failed (then failed).
    bool reconnect(const std::string& error);
    void fail(const std::string& error);
    void measure_send(size_t bytes, int64_t busy_ns);
    void measure_latency(const Packet& packet, int64_t written_at_ns);

    std::unique_ptr<Output> output_;
    const std::string name_;
    const std::string type_;
    const OutputRunnerOptions options_;
    SendQueue queue_;
    std::vector<StreamInfo> streams_;  // writer thread, after open()
    std::atomic<OutputState> state_{OutputState::idle};
    std::atomic<uint64_t> bytes_{0};
    std::atomic<uint64_t> video_frames_written_{0};
    std::atomic<uint64_t> reconnects_{0};
    std::atomic<bool> interrupted_{false};
    // Render-to-socket latency; written by the writer thread only, read by counters().
    std::atomic<int64_t> latency_sum_ns_{0};
    std::atomic<int64_t> latency_max_ns_{0};
    std::atomic<uint64_t> latency_frames_{0};
    LatencyHistogram latency_histogram_;

    // Timestamps after a reconnect start again from zero at the first keyframe sent: a new
    // connection is a new publish to the server. Writer thread only.
    struct RebaseOrigin {
        int64_t pts = 0;
        Rational time_base{1, 1};
    };
    std::optional<RebaseOrigin> rebase_origin_;  // the first keyframe of this connection
    bool rebase_ = false;

    // Send-rate window. Writer thread only.
    int64_t window_start_ns_ = 0;
    uint64_t window_bytes_ = 0;
    int64_t window_busy_ns_ = 0;

    // A connection the server closes within ReconnectPolicy::stable_after_s of opening was
    // refused, not lost. The first one fails the output with the reason; later ones keep
    // counting reconnect attempts instead of starting again at 1. Writer thread only (and
    // open(), before the thread starts).
    int64_t connected_at_ns_ = 0;
    bool connection_stable_ = false;
    bool ever_stable_ = false;
    int attempts_carried_ = 0;  // reconnect attempts spent on connections that were refused

    std::mt19937 jitter_random_;  // writer thread only

    mutable std::mutex mutex_;
    std::string error_;            // guarded by mutex_
    int reconnect_attempt_ = 0;    // guarded by mutex_
    int64_t next_attempt_ns_ = 0;  // guarded by mutex_
    double link_kbps_ = 0;         // guarded by mutex_
    double send_busy_ = 0;         // guarded by mutex_
    std::thread thread_;
};

}  // namespace lm
