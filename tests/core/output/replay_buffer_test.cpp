#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "core/output/replay_buffer.hpp"

using namespace lm;

namespace {

constexpr int kFps = 30;
constexpr int kGopFrames = 60;  // keyframes every 2 s
constexpr size_t kVideoBytes = 1000;
constexpr size_t kAudioBytes = 100;

/// An encode shaped like x264's: I P B B P B B ... in decode order, IDR every 60 frames,
/// dts two frames behind, and AAC packets of 1024 samples about 0.4 s ahead of the video (the
/// encoders run on their own threads; x264 holds frames for its lookahead).
class FakeEncode {
public:
    explicit FakeEncode(ReplayBuffer& buffer) : buffer_(buffer) {}

    /// Feeds the packets of video frames [next, end) in decode order, and audio up to 0.4 s
    /// past each frame's dts.
    void run_until_frame(int64_t end) {
        while (next_gop_ < end) {
            for (int64_t frame : gop_decode_order(next_gop_)) {
                auto packet = std::make_shared<Packet>();
                packet->kind = MediaKind::video;
                packet->pts = frame;
                packet->dts = decoded_++ - 2;
                packet->time_base = Rational{1, kFps};
                packet->keyframe = frame == next_gop_ && keyframes_;
                packet->data.assign(kVideoBytes, 0);
                const double dts_s = double(packet->dts) / kFps;
                buffer_.add(packet);
                while (double(next_sample_) / 48000 <= dts_s + 0.4) {
                    auto audio = std::make_shared<Packet>();
                    audio->kind = MediaKind::audio;
                    audio->pts = audio->dts = next_sample_;
                    audio->time_base = Rational{1, 48000};
                    audio->keyframe = true;
                    audio->data.assign(kAudioBytes, 0);
                    buffer_.add(audio);
                    next_sample_ += 1024;
                }
            }
            next_gop_ += kGopFrames;
        }
    }
    bool keyframes_ = true;

private:
    static std::vector<int64_t> gop_decode_order(int64_t first) {
        std::vector<int64_t> order{first};
        int64_t shown = first;  // the last frame in order so far
        while (shown + 3 < first + kGopFrames) {
            order.push_back(shown + 3);
            order.push_back(shown + 1);
            order.push_back(shown + 2);
            shown += 3;
        }
        for (int64_t frame = first + kGopFrames - 1; frame > shown; --frame)
            order.push_back(frame);  // 59 then 58: P then B
        return order;
    }

    ReplayBuffer& buffer_;
    int64_t next_gop_ = 0;
    int64_t decoded_ = 0;
    int64_t next_sample_ = 0;
};

/// Checks what every replay must be: starts on a keyframe, pictures with no gap from there,
/// audio from the keyframe's time to the end of the last picture.
void check_replay(const ReplaySnapshot& replay) {
    REQUIRE_FALSE(replay.video.empty());
    CHECK(replay.video.front()->keyframe);
    std::vector<int64_t> frames;
    for (const auto& packet : replay.video)
        frames.push_back(packet->pts);
    std::sort(frames.begin(), frames.end());
    CHECK(frames.front() == replay.video.front()->pts);
    for (size_t i = 1; i < frames.size(); ++i)
        REQUIRE(frames[i] == frames[i - 1] + 1);
    CHECK(replay.start_s == Rational{frames.front(), kFps});
    const double end_s = double(frames.back() + 1) / kFps;
    CHECK(replay.duration_s == Approx(end_s - replay.start_s.to_double()));
    REQUIRE_FALSE(replay.audio.empty());
    const double first_audio_s = double(replay.audio.front()->pts) / 48000;
    CHECK(first_audio_s >= replay.start_s.to_double());
    CHECK(first_audio_s < replay.start_s.to_double() + 1024.0 / 48000);
    const double last_audio_s = double(replay.audio.back()->pts) / 48000;
    CHECK(last_audio_s < end_s);
    CHECK(last_audio_s + 2 * 1024.0 / 48000 >= end_s);
}

}  // namespace

TEST_CASE("a replay holds at least the window, from a keyframe, A/V aligned", "[output][replay]") {
    ReplayBuffer buffer(10, Rational{1, kFps});
    FakeEncode encode(buffer);
    encode.run_until_frame(30 * kFps);
    const ReplaySnapshot replay = buffer.snapshot();
    check_replay(replay);
    // Whole groups of pictures: at least 10 s, less than 10 s + one keyframe interval. The
    // last B frames are not here yet, so the end is a few frames short of the newest picture.
    CHECK(replay.duration_s >= 10 - 3.0 / kFps);
    CHECK(replay.duration_s < 10 + 2.0);
    CHECK(replay.start_s.to_double() >= 30 - 12.0);
}

TEST_CASE("a replay ends on a whole picture, not before B frames still to come",
          "[output][replay]") {
    ReplayBuffer buffer(4, Rational{1, kFps});
    FakeEncode encode(buffer);
    // Every cut point of a mini-GOP: after the P, after the first B, after the second B.
    for (int64_t frames = 6 * kFps; frames < 6 * kFps + 3 * kGopFrames; frames += kGopFrames) {
        encode.run_until_frame(frames);
        check_replay(buffer.snapshot());
    }
}

TEST_CASE("the window is evicted by media time: memory stays bounded", "[output][replay]") {
    ReplayBuffer buffer(10, Rational{1, kFps});
    FakeEncode encode(buffer);
    // The window (10 s) plus one keyframe interval, plus the audio that runs ahead.
    const uint64_t bound = (10 + 2) * (kFps * kVideoBytes + 47 * kAudioBytes) +
                           uint64_t(0.5 * 47 * kAudioBytes) + kGopFrames * kVideoBytes;
    uint64_t most = 0;
    for (int64_t second = 2; second <= 120; second += 2) {
        encode.run_until_frame(second * kFps);
        most = std::max(most, buffer.bytes());
        CHECK(buffer.held_s() <= 12 + 1.0 / kFps);
    }
    CHECK(most <= bound);
    CHECK(buffer.held_s() >= 10);
    // A bounded count, too: 12 s of video and audio.
    CHECK(buffer.packet_count() <= size_t((12 + 1) * (kFps + 47)));
}

TEST_CASE("two replays in a row: each a file of its own moment, recording goes on",
          "[output][replay]") {
    ReplayBuffer buffer(10, Rational{1, kFps});
    FakeEncode encode(buffer);
    encode.run_until_frame(16 * kFps);
    const ReplaySnapshot first = buffer.snapshot();
    encode.run_until_frame(22 * kFps);
    const ReplaySnapshot second = buffer.snapshot();
    check_replay(first);
    check_replay(second);
    CHECK(second.start_s.to_double() > first.start_s.to_double());
    // The first snapshot still holds its packets after they left the window.
    CHECK(first.video.front()->pts == first.start_s.num * kFps / first.start_s.den);
    CHECK(first.duration_s >= 10 - 3.0 / kFps);
    CHECK(second.duration_s >= 10 - 3.0 / kFps);
}

TEST_CASE("shorter than the window: the replay is what there is", "[output][replay]") {
    ReplayBuffer buffer(20, Rational{1, kFps});
    CHECK(buffer.snapshot().empty());
    FakeEncode encode(buffer);
    encode.run_until_frame(5 * kFps);
    const ReplaySnapshot replay = buffer.snapshot();
    check_replay(replay);
    CHECK(replay.start_s.num == 0);
    CHECK(replay.duration_s > 4);
}

TEST_CASE("without keyframes the buffer is still bounded", "[output][replay]") {
    ReplayBuffer buffer(5, Rational{1, kFps});
    FakeEncode encode(buffer);
    encode.run_until_frame(4 * kFps);
    encode.keyframes_ = false;
    encode.run_until_frame(60 * kFps);
    CHECK(buffer.held_s() <= 2 * 5 + 10 + 1);
    CHECK(buffer.snapshot().empty());  // no keyframe left to start a file with
}
