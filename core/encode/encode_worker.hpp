// Runs one encoder on its own thread: takes raw frames or blocks from a bounded queue, sends
// them to the encoder, and pushes every packet to the fan-out. When the queue closes it
// flushes the encoder and signals the end of its stream. A video worker may be given a
// fallback: when its encoder fails mid-stream (a GPU encoder's driver reset, its session
// taken), it goes on with a new encoder from the frames the failed one had not given back.
#pragma once

#include <pthread.h>

#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

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

    /// Video only, before start(): when the encoder throws EncoderError, `make_replacement`
    /// (called on the worker thread) gives the encoder to go on with, named `name` in the
    /// warning; once. It must not reorder frames (no B-frames): the stream's decode times then
    /// stay in order across the change.
    void set_fallback(std::function<std::unique_ptr<Encoder>()> make_replacement,
                      std::string name) requires std::is_same_v<Encoder, VideoEncoder> {
        make_replacement_ = std::move(make_replacement);
        replacement_name_ = std::move(name);
    }

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
    /// After a fallback: what failed and what took over; empty before. MT safe.
    std::string fallback_warning() const {
        std::lock_guard lock(mutex_);
        return fallback_warning_;
    }

private:
    void run() {
        pthread_setname_np(pthread_self(), thread_name_);
        try {
            while (auto input = queue_->pop()) {
                with_fallback([&] { apply_requested_bitrate(); });
                with_fallback([&] {
                    encode(*input);
                    drain();
                });
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
            // A fallback during the flush leaves the replacement to flush in turn.
            for (bool flushed = false; !flushed;) {
                with_fallback([&] {
                    encoder_->send(nullptr, 0);
                    drain();
                    flushed = true;
                });
            }
        } catch (const EncoderError& e) {
            std::lock_guard lock(mutex_);
            error_ = e.what();
            failed_.store(true);
            // Nothing will be encoded any more: let the mixer's pushes fail fast.
            queue_->close();
        }
        fanout_->end_of_stream();
    }

    /// Runs `step`; when the encoder fails in it and a fallback is set, changes encoders and
    /// lets the new one encode what the old one had not given back (then rethrows nothing).
    template <typename Step>
    void with_fallback(Step&& step) {
        try {
            step();
        } catch (const EncoderError& e) {
            if constexpr (std::is_same_v<Encoder, VideoEncoder>) {
                if (make_replacement_) {
                    fall_back(e.what());
                    return;
                }
            }
            throw;
        }
    }

    void fall_back(const std::string& failure) requires std::is_same_v<Encoder, VideoEncoder> {
        auto make_replacement = std::exchange(make_replacement_, nullptr);  // once
        std::unique_ptr<Encoder> replacement = make_replacement();  // throws: the worker fails
        if (const int kbps = applied_bitrate_kbps_.load(); kbps > 0)
            replacement->set_bitrate(kbps);  // where dynamic bitrate had taken the stream
        encoder_ = std::move(replacement);
        replacement_headers_ = encoder_->stream_info().extradata;
        // Frames the failed encoder took but never gave back go to the new one, except those
        // before a frame it did give back (B-frames): they would be shown out of order.
        const std::deque<std::pair<int64_t, Input>> unanswered = std::exchange(unanswered_, {});
        size_t lost = 0;
        for (const auto& [pts, frame] : unanswered) {
            if (pts <= last_answered_pts_)
                ++lost;
            else
                send_video(frame, pts);
        }
        {
            std::lock_guard lock(mutex_);
            fallback_warning_ =
                fmt::format("the video encoder failed ({}); encoding with {} from frame {} on{}",
                            failure, replacement_name_, last_answered_pts_ + 1,
                            lost ? fmt::format(" ({} frames lost)", lost) : std::string());
        }
        spdlog::warn("{}", fallback_warning());
        drain();
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
            send_video(input, position - origin_ - pauses_->video_removed_before(position));
            inputs_encoded_.fetch_add(1);
            return;
        }
        if constexpr (std::is_same_v<Encoder, VideoEncoder>)
            send_video(input, position - origin_);
        else
            encoder_->send(input, position - origin_);
        inputs_encoded_.fetch_add(1);
    }

    /// Sends a frame, keeping it while a fallback may need it: until the encoder gives back
    /// its packet (bounded: an encoder holds a few dozen frames at most).
    void send_video(const Input& frame, int64_t pts) {
        if constexpr (std::is_same_v<Encoder, VideoEncoder>) {
            if (make_replacement_) {
                unanswered_.emplace_back(pts, frame);
                if (unanswered_.size() > kMaxUnanswered)
                    unanswered_.pop_front();
            }
        }
        encoder_->send(frame, pts);
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
        while (encoder_->receive(packet) == ReceiveResult::packet) {
            if constexpr (std::is_same_v<Encoder, VideoEncoder>) {
                if (make_replacement_)
                    note_answered(packet->pts);
                if (!replacement_headers_.empty())
                    packet = with_replacement_headers(std::move(packet));
            }
            fanout_->push(packet);
        }
    }

    void note_answered(int64_t pts) {
        last_answered_pts_ = std::max(last_answered_pts_, pts);
        for (auto it = unanswered_.begin(); it != unanswered_.end(); ++it) {
            if (it->first == pts) {
                unanswered_.erase(it);
                break;
            }
        }
    }

    /// The replacement's first keyframe carries its SPS/PPS in the stream: the container's
    /// header holds the failed encoder's, and a decoder takes the new ones from here on.
    PacketPtr with_replacement_headers(PacketPtr packet) {
        if (!packet->keyframe)
            return packet;
        auto copy = std::make_shared<Packet>(*packet);
        copy->data.insert(copy->data.begin(), replacement_headers_.begin(),
                          replacement_headers_.end());
        replacement_headers_.clear();
        return copy;
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
    std::string error_;             // guarded by mutex_
    std::string fallback_warning_;  // guarded by mutex_
    // The fallback (video only; worker thread after start()).
    static constexpr size_t kMaxUnanswered = 48;  // beyond an encoder's look-ahead
    std::function<std::unique_ptr<Encoder>()> make_replacement_;
    std::string replacement_name_;
    std::deque<std::pair<int64_t, Input>> unanswered_;  // sent, no packet back yet
    int64_t last_answered_pts_ = -1;
    std::vector<uint8_t> replacement_headers_;  // until the replacement's first keyframe
    std::thread thread_;
};

using VideoEncodeWorker = EncodeWorker<VideoEncoder, VideoFramePtr>;
using AudioEncodeWorker = EncodeWorker<AudioEncoder, AudioBlockPtr>;

}  // namespace lm
