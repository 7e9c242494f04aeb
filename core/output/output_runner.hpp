// Runs one Output on its own thread: opens it, writes the packets the fan-out offers through a
// bounded queue, closes it (trailer) at the end, and keeps the counters the stats show.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/media/bounded_queue.hpp"
#include "core/output/output.hpp"

namespace lm {

enum class OutputState {
    idle = 1,    ///< created, not opened
    connecting,  ///< opening the destination (connecting to the server, creating the file)
    running,     ///< open and writing
    finished,    ///< closed cleanly, trailer written
    failed,      ///< gave up; `error` says why
};

const char* to_string(OutputState state);

struct OutputCounters {
    std::string name;  ///< Output::display_name(): never contains a stream key
    std::string type;  ///< plugin type id ("rtmp", "record")
    OutputState state = OutputState::idle;
    std::string error;
    std::string warning;  ///< Output::warning(): the output still works, but look
    uint64_t bytes = 0;   ///< payload bytes written
    uint64_t video_frames_written = 0;
    /// Video frames not sent because the destination could not keep up (network or disk),
    /// including frames discarded while waiting for the next keyframe after a drop.
    uint64_t frames_dropped = 0;
    uint64_t audio_packets_dropped = 0;
};

class OutputRunner {
public:
    /// `queue_capacity` packets may wait for the destination before the drop policy applies.
    OutputRunner(std::unique_ptr<Output> output, std::string type, size_t queue_capacity);
    ~OutputRunner();  ///< interrupts and joins
    OutputRunner(const OutputRunner&) = delete;
    OutputRunner& operator=(const OutputRunner&) = delete;

    /// Opens the destination on the calling thread (it may block on the network); on failure
    /// the runner is `failed` and the OutputError is rethrown.
    void open(const std::vector<StreamInfo>& streams);
    /// Starts the writer thread (after a successful open()).
    void start();

    /// Offers a packet; never blocks. Drop policy when the queue is full: the packet is
    /// dropped and counted; after a dropped video packet every video packet up to the next
    /// keyframe is dropped too, so viewers never get a picture built on a missing reference.
    /// Packets offered to a runner that is not running are ignored. MT safe.
    void offer(const PacketPtr& packet);
    /// No more packets: the thread writes what is queued, then closes the output. MT safe.
    void end_input();
    /// Waits for the writer thread to finish.
    void join();
    /// Makes blocking network/disk calls give up (used when stopping takes too long). MT safe.
    void interrupt();

    OutputCounters counters() const;
    bool failed() const { return state_.load() == OutputState::failed; }

private:
    void run();
    void fail(const std::string& error);

    std::unique_ptr<Output> output_;
    const std::string name_;
    const std::string type_;
    BoundedQueue<PacketPtr> queue_;
    std::atomic<OutputState> state_{OutputState::idle};
    std::atomic<uint64_t> bytes_{0};
    std::atomic<uint64_t> video_frames_written_{0};
    mutable std::mutex mutex_;
    std::string error_;                   // guarded by mutex_
    bool waiting_for_keyframe_ = false;   // guarded by mutex_
    uint64_t frames_dropped_ = 0;         // guarded by mutex_
    uint64_t audio_packets_dropped_ = 0;  // guarded by mutex_
    std::thread thread_;
};

}  // namespace lm
