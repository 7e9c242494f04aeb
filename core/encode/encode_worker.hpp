// Runs one encoder on its own thread: takes raw frames or blocks from a bounded queue, sends
// them to the encoder, and pushes every packet to the fan-out. When the queue closes it
// flushes the encoder and signals the end of its stream.
#pragma once

#include <pthread.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <type_traits>

#include "core/encode/audio_gap_cutter.hpp"
#include "core/encode/encoder.hpp"
#include "core/encode/pause_schedule.hpp"
#include "core/media/bounded_queue.hpp"
#include "core/output/packet_fanout.hpp"

namespace lm {

/// Where an input sits on the mixer's timeline, in its encoder's time base.
inline int64_t timeline_position(const VideoFramePtr& frame) {
    return frame->index;
}
inline int64_t timeline_position(const AudioBlockPtr& block) {
    return block->start_sample;
}

/// `Encoder` is VideoEncoder or AudioEncoder; `Input` its VideoFramePtr or AudioBlockPtr.
template <typename Encoder, typename Input>
class EncodeWorker {
public:
    /// The queue is the one the mixer pushes into: its drop count is the number of inputs the
    /// encoder could not take in time ("skipped: encoding lag"). `origin` is the timeline
    /// position this encode starts at (a frame index or a sample number): the encoder's
    /// timestamps start from there, so a stream started an hour into the session starts at 0.
    /// `pauses` (optional, shared by a group's two workers): the paused parts of the timeline
    /// are left out and the timestamps after them move back by their length.
    EncodeWorker(std::unique_ptr<Encoder> encoder, std::shared_ptr<BoundedQueue<Input>> queue,
                 std::shared_ptr<PacketFanout> fanout, const char* thread_name, int64_t origin,
                 std::shared_ptr<const PauseSchedule> pauses = nullptr)
        : encoder_(std::move(encoder)),
          queue_(std::move(queue)),
          fanout_(std::move(fanout)),
          thread_name_(thread_name),
          origin_(origin),
          pauses_(std::move(pauses)) {
        if constexpr (std::is_same_v<Encoder, AudioEncoder>) {
            if (pauses_)
                cutter_ = std::make_unique<AudioGapCutter>(pauses_, origin_);
        }
    }
    ~EncodeWorker() { join(); }
    EncodeWorker(const EncodeWorker&) = delete;
    EncodeWorker& operator=(const EncodeWorker&) = delete;

    void start() {
        thread_ = std::thread([this] { run(); });
    }
    void join() {
        if (thread_.joinable())
            thread_.join();
    }

    /// Asks the encoder to change its bitrate before its next input (dynamic bitrate); the
    /// newest request wins. Video encoders only. MT safe.
    void request_bitrate(int kbps) requires std::is_same_v<Encoder, VideoEncoder> {
        requested_bitrate_kbps_.store(kbps);
    }
    /// The bitrate the encoder runs at now (0 until a request was applied, or when the encoder
    /// cannot change it live). MT safe.
    int applied_bitrate_kbps() const { return applied_bitrate_kbps_.load(); }

    uint64_t inputs_encoded() const { return inputs_encoded_.load(); }
    uint64_t inputs_skipped() const { return queue_->dropped(); }
    bool failed() const { return failed_.load(); }
    std::string error() const {
        std::lock_guard lock(mutex_);
        return error_;
    }

private:
    void run() {
        pthread_setname_np(pthread_self(), thread_name_);
        try {
            while (auto input = queue_->pop()) {
                apply_requested_bitrate();
                encode(*input);
                drain();
            }
            if constexpr (std::is_same_v<Encoder, AudioEncoder>) {
                if (cutter_) {
                    std::vector<AudioGapCutter::Output> rest;
                    cutter_->flush(rest);
                    for (const auto& block : rest)
                        encoder_->send(block.block, block.pts);
                    drain();
                }
            }
            encoder_->send(nullptr, 0);
            drain();
        } catch (const EncoderError& e) {
            std::lock_guard lock(mutex_);
            error_ = e.what();
            failed_.store(true);
            // Nothing will be encoded any more: let the mixer's pushes fail fast.
            queue_->close();
        }
        fanout_->end_of_stream();
    }

    void encode(const Input& input) {
        const int64_t position = timeline_position(input);
        if constexpr (std::is_same_v<Encoder, AudioEncoder>) {
            if (cutter_) {
                cut_.clear();
                cutter_->push(input, cut_);
                for (const auto& block : cut_) {
                    encoder_->send(block.block, block.pts);
                    inputs_encoded_.fetch_add(1);
                }
                return;
            }
        } else if (pauses_) {
            // The mixer skips the same frames; checked here too, so the encode never depends
            // on the order the two learn of a pause.
            if (pauses_->video_skipped(position))
                return;
            encoder_->send(input, position - origin_ - pauses_->video_removed_before(position));
            inputs_encoded_.fetch_add(1);
            return;
        }
        encoder_->send(input, position - origin_);
        inputs_encoded_.fetch_add(1);
    }

    void apply_requested_bitrate() {
        if constexpr (std::is_same_v<Encoder, VideoEncoder>) {
            const int kbps = requested_bitrate_kbps_.exchange(0);
            if (kbps > 0 && encoder_->set_bitrate(kbps))
                applied_bitrate_kbps_.store(kbps);
        }
    }

    void drain() {
        PacketPtr packet;
        while (encoder_->receive(packet) == ReceiveResult::packet)
            fanout_->push(packet);
    }

    std::unique_ptr<Encoder> encoder_;
    std::shared_ptr<BoundedQueue<Input>> queue_;
    std::shared_ptr<PacketFanout> fanout_;
    const char* thread_name_;
    const int64_t origin_;
    const std::shared_ptr<const PauseSchedule> pauses_;
    std::unique_ptr<AudioGapCutter> cutter_;   // audio with pauses only; worker thread
    std::vector<AudioGapCutter::Output> cut_;  // worker thread
    std::atomic<uint64_t> inputs_encoded_{0};
    std::atomic<int> requested_bitrate_kbps_{0};
    std::atomic<int> applied_bitrate_kbps_{0};
    std::atomic<bool> failed_{false};
    mutable std::mutex mutex_;
    std::string error_;  // guarded by mutex_
    std::thread thread_;
};

using VideoEncodeWorker = EncodeWorker<VideoEncoder, VideoFramePtr>;
using AudioEncodeWorker = EncodeWorker<AudioEncoder, AudioBlockPtr>;

}  // namespace lm
