#include "core/output/replay_buffer.hpp"

#include <algorithm>
#include <limits>

namespace lm {
namespace {

/// The hard bound on held media time when keyframes stop coming: 2 x window + this.
constexpr double kHardSpanExtraS = 10;

double seconds(int64_t value, Rational time_base) {
    return double(value) * double(time_base.num) / double(time_base.den);
}
double pts_s(const PacketPtr& packet) {
    return seconds(packet->pts, packet->time_base);
}

}  // namespace

ReplayBuffer::ReplayBuffer(double window_s, Rational frame_duration_s)
    : window_s_(window_s),
      frame_duration_s_(frame_duration_s.den > 0 ? frame_duration_s.to_double() : 0) {}

void ReplayBuffer::add(PacketPtr packet) {
    std::lock_guard lock(mutex_);
    bytes_ += packet->data.size();
    if (packet->kind == MediaKind::video) {
        const double time_s = pts_s(packet);
        newest_video_s_ = std::max(newest_video_s_, time_s);
        newest_video_dts_s_ =
            std::max(newest_video_dts_s_, seconds(packet->dts, packet->time_base));
        if (packet->keyframe)
            keyframes_s_.push_back(time_s);
        video_.push_back(std::move(packet));
    } else {
        newest_audio_s_ = std::max(newest_audio_s_, pts_s(packet));
        audio_.push_back(std::move(packet));
    }
    evict_locked();
}

void ReplayBuffer::pop_video_locked() {
    const PacketPtr& front = video_.front();
    if (front->keyframe && !keyframes_s_.empty())
        keyframes_s_.pop_front();
    bytes_ -= front->data.size();
    video_.pop_front();
}

void ReplayBuffer::pop_audio_locked() {
    bytes_ -= audio_.front()->data.size();
    audio_.pop_front();
}

void ReplayBuffer::evict_locked() {
    // Whole groups of pictures: drop the oldest while the next keyframe still leaves a window.
    while (keyframes_s_.size() >= 2 && keyframes_s_[1] <= newest_video_s_ - window_s_) {
        do {
            pop_video_locked();
        } while (!video_.empty() && !video_.front()->keyframe);
    }
    const double hard_span_s = 2 * window_s_ + kHardSpanExtraS;
    while (video_.size() > 1 && newest_video_s_ - pts_s(video_.front()) > hard_span_s)
        pop_video_locked();
    // Sound older than the oldest picture can never be saved; without video, keep the window.
    const double audio_from_s =
        video_.empty() ? newest_audio_s_ - window_s_ : pts_s(video_.front());
    while (!audio_.empty() && pts_s(audio_.front()) < audio_from_s)
        pop_audio_locked();
}

ReplaySnapshot ReplayBuffer::snapshot() const {
    std::lock_guard lock(mutex_);
    ReplaySnapshot snapshot;
    if (video_.empty() && newest_video_s_ < -1e299) {
        // Sound only.
        if (audio_.empty())
            return snapshot;
        snapshot.audio.assign(audio_.begin(), audio_.end());
        const PacketPtr& first = audio_.front();
        snapshot.start_s = Rational{first->pts * first->time_base.num, first->time_base.den};
        snapshot.duration_s = newest_audio_s_ - pts_s(first);
        return snapshot;
    }
    auto key = std::find_if(video_.begin(), video_.end(),
                            [](const PacketPtr& packet) { return packet->keyframe; });
    if (key == video_.end())
        return snapshot;
    const std::vector<PacketPtr> candidates(key, video_.end());
    // End on a prefix in decode order (so every reference of a kept frame is kept) that holds
    // every picture up to its latest one: no packet still to come (dts after the newest dts)
    // and no later one held may show before that picture. With B frames the newest packets
    // usually are a picture ahead of the ones that will fill the gap before it.
    std::vector<double> later_min_s(candidates.size() + 1, std::numeric_limits<double>::max());
    for (size_t i = candidates.size(); i-- > 0;)
        later_min_s[i] = std::min(later_min_s[i + 1], pts_s(candidates[i]));
    size_t end = 0;
    double max_s = -1e300;
    double end_max_s = 0;
    for (size_t i = 0; i < candidates.size(); ++i) {
        max_s = std::max(max_s, pts_s(candidates[i]));
        if (max_s <= newest_video_dts_s_ && later_min_s[i + 1] > max_s) {
            end = i + 1;
            end_max_s = max_s;
        }
    }
    if (end == 0) {
        // Timestamps that do not follow the rules above (no dts): take everything.
        end = candidates.size();
        end_max_s = max_s;
    }
    snapshot.video.assign(candidates.begin(), candidates.begin() + std::ptrdiff_t(end));
    const PacketPtr& first = candidates.front();
    const double start_s = pts_s(first);
    snapshot.start_s = Rational{first->pts * first->time_base.num, first->time_base.den};
    const double end_s = end_max_s + frame_duration_s_;
    snapshot.duration_s = end_s - start_s;
    for (const PacketPtr& packet : audio_) {
        const double time_s = pts_s(packet);
        if (time_s >= start_s && time_s < end_s)
            snapshot.audio.push_back(packet);
    }
    return snapshot;
}

double ReplayBuffer::held_s() const {
    std::lock_guard lock(mutex_);
    if (!video_.empty())
        return std::max(0.0, newest_video_s_ - pts_s(video_.front()) + frame_duration_s_);
    if (!audio_.empty())
        return std::max(0.0, newest_audio_s_ - pts_s(audio_.front()));
    return 0;
}

uint64_t ReplayBuffer::bytes() const {
    std::lock_guard lock(mutex_);
    return bytes_;
}

size_t ReplayBuffer::packet_count() const {
    std::lock_guard lock(mutex_);
    return video_.size() + audio_.size();
}

}  // namespace lm
