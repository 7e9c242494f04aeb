#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <random>
#include <vector>

#include "core/encode/audio_gap_cutter.hpp"
#include "core/encode/pause_schedule.hpp"

using namespace lm;

TEST_CASE("a pause leaves its frames and the same time of sound out", "[encode][pause]") {
    PauseSchedule pauses(Rational{30, 1});
    CHECK(pauses.pause_at(300) == 480000);  // frame 300 = 10 s = sample 480000
    CHECK(pauses.paused());
    CHECK(pauses.video_skipped(300));
    CHECK(pauses.video_skipped(1'000'000));  // open until resumed
    CHECK_FALSE(pauses.video_skipped(299));
    CHECK(pauses.audio_skipped(480000));
    CHECK_FALSE(pauses.audio_skipped(479999));
    CHECK(pauses.resume_at(450) == 720000);  // 5 s later
    CHECK_FALSE(pauses.paused());
    CHECK(pauses.video_removed() == 150);
    CHECK(pauses.audio_removed() == 240000);
    CHECK(pauses.video_removed_before(450) == 150);
    CHECK(pauses.video_removed_before(300) == 0);
    CHECK(pauses.audio_removed_before(720000) == 240000);
    CHECK_FALSE(pauses.video_skipped(450));
    CHECK_FALSE(pauses.audio_skipped(720000));
    // Frame 450 follows frame 299 on the recording's timeline, sample 720000 follows 479999.
    CHECK(450 - pauses.video_removed_before(450) == 300);
    CHECK(720000 - pauses.audio_removed_before(720000) == 480000);
}

TEST_CASE("pausing twice or resuming unpaused is refused", "[encode][pause]") {
    PauseSchedule pauses(Rational{30, 1});
    CHECK_THROWS(pauses.resume_at(10));
    pauses.pause_at(10);
    CHECK_THROWS(pauses.pause_at(11));
    pauses.resume_at(20);
    CHECK_THROWS(pauses.pause_at(19));
    // A resume in the pause's first frame leaves nothing out.
    pauses.pause_at(30);
    pauses.resume_at(30);
    CHECK(pauses.video_removed() == 10);
    CHECK_FALSE(pauses.video_skipped(30));
}

TEST_CASE("at 29.97 fps a thousand pauses leave sound and picture within a sample",
          "[encode][pause]") {
    // 1001/30000 s per frame is 1601.6 samples: every gap rounds, the total must not drift.
    const Rational fps{30000, 1001};
    PauseSchedule pauses(fps);
    std::mt19937 random(7);
    std::uniform_int_distribution<int64_t> length(1, 97);
    int64_t frame = 100;
    for (int i = 0; i < 1000; ++i) {
        const int64_t paused_at = frame;
        const int64_t audio_from = pauses.pause_at(paused_at);
        frame += length(random);
        const int64_t audio_to = pauses.resume_at(frame);
        CHECK(audio_to >= audio_from);
        // The recording's time of the resume frame and of the resume sample agree.
        const double video_s = double(frame - pauses.video_removed()) * 1001 / 30000;
        const double audio_s = double(audio_to - pauses.audio_removed()) / 48000;
        REQUIRE(std::abs(video_s - audio_s) <= 1.0 / 48000);
        // Exactly: the samples left out are the frames left out, converted once.
        REQUIRE(pauses.audio_removed() ==
                rescale(pauses.video_removed(), fps.inverse(), Rational{1, 48000}));
        frame += length(random);
    }
    CHECK(pauses.video_removed() > 1000);
}

namespace {

std::shared_ptr<const AudioBlock> block_at(int64_t start) {
    auto block = std::make_shared<AudioBlock>(2, kAudioTickFrames);
    block->start_sample = start;
    for (int c = 0; c < 2; ++c) {
        auto samples = block->channel(c);
        for (int i = 0; i < kAudioTickFrames; ++i)
            samples[size_t(i)] = float(start + i);  // each sample says where it came from
    }
    return block;
}

}  // namespace

TEST_CASE("the audio after a resume follows the audio before it, sample for sample",
          "[encode][pause]") {
    auto pauses = std::make_shared<PauseSchedule>(Rational{30, 1});
    const int64_t origin = 1000;  // the recording started mid-block
    AudioGapCutter cutter(pauses, origin);
    std::vector<AudioGapCutter::Output> out;
    const int64_t pause_sample = pauses->pause_at(100);  // 160000
    for (int64_t start = 1024; start < 400000; start += kAudioTickFrames) {
        if (start == 300032)
            CHECK(pauses->resume_at(190) == 304000);  // 90 frames = 144000 samples
        cutter.push(block_at(start), out);
    }
    cutter.flush(out);
    REQUIRE_FALSE(out.empty());
    int64_t expected_pts = out.front().pts;
    int64_t source = out.front().block->channel(0)[0];
    for (const auto& piece : out) {
        REQUIRE(piece.block->frames == kAudioTickFrames);
        REQUIRE(piece.pts == expected_pts);  // contiguous timestamps
        expected_pts += kAudioTickFrames;
        for (int i = 0; i < kAudioTickFrames; ++i) {
            const float value = piece.block->channel(1)[size_t(i)];
            if (piece.pts + i >= 400000 - origin - 144000)
                break;  // the silence padding the last block
            // Each sample is the one at its place on the recording's timeline.
            const int64_t timeline = piece.pts + i + origin;
            const int64_t expected = timeline < pause_sample ? timeline : timeline + 144000;
            REQUIRE(int64_t(value) == expected);
            source = int64_t(value);
        }
    }
    CHECK(source == 400000 - 1);
    CHECK(out.front().pts == 1024 - origin);
}
