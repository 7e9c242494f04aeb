#include <catch2/catch.hpp>

#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/media/clock.hpp"
#include "core/output/output_runner.hpp"
#include "core/output/packet_fanout.hpp"

using namespace lm;

namespace {

/// A real Output in memory: records what it was given; write() can be held (a stalled network)
/// or made to fail (a broken connection).
class MemoryOutput final : public Output {
public:
    struct Shared {
        std::mutex mutex;
        std::condition_variable changed;
        bool hold = false;
        int writes_started = 0;
        bool fail_writes = false;
        bool reconnectable = false;
        int opens = 0;
        int failing_opens = 0;    ///< this many open() calls after the first fail
        int refused_reopens = 0;  ///< this many reopens succeed, but their writes fail at once
        bool hold_opens = false;  ///< open() calls after the first wait while set
        bool closed = false;
        std::vector<Packet> written;
    };
    explicit MemoryOutput(std::shared_ptr<Shared> shared) : shared_(std::move(shared)) {}

    std::string display_name() const override { return "memory"; }
    void open(const std::vector<StreamInfo>&) override {
        std::unique_lock lock(shared_->mutex);
        ++shared_->opens;
        shared_->changed.notify_all();
        if (shared_->opens > 1)
            shared_->changed.wait(lock, [&] { return !shared_->hold_opens; });
        if (shared_->opens > 1 && shared_->failing_opens > 0) {
            --shared_->failing_opens;
            throw OutputError("connection refused");
        }
        if (shared_->opens > 1) {
            shared_->closed = false;
            if (shared_->refused_reopens > 0)
                --shared_->refused_reopens;  // accepted, then refused: writes keep failing
            else
                shared_->fail_writes = false;  // the server is back
        }
    }
    bool reconnectable() const override { return shared_->reconnectable; }
    void write(const Packet& packet) override {
        std::unique_lock lock(shared_->mutex);
        ++shared_->writes_started;
        shared_->changed.notify_all();
        shared_->changed.wait(lock, [&] { return !shared_->hold; });
        if (shared_->fail_writes)
            throw OutputError("connection reset by peer");
        shared_->written.push_back(packet);
    }
    void close() override {
        std::lock_guard lock(shared_->mutex);
        shared_->closed = true;
    }
    void interrupt() override {}

private:
    std::shared_ptr<Shared> shared_;
};

/// Frame `pts` of a 30 fps stream.
PacketPtr video(int64_t pts, bool keyframe, int priority = packet_priority::p_frame) {
    auto packet = std::make_shared<Packet>();
    packet->kind = MediaKind::video;
    packet->pts = packet->dts = pts;
    packet->time_base = Rational{1, 30};
    packet->keyframe = keyframe;
    packet->priority = keyframe ? packet_priority::i_frame : priority;
    packet->data.assign(100, 0);
    return packet;
}

/// Audio at the same instant as video frame `frame`.
PacketPtr audio(int64_t frame) {
    auto packet = std::make_shared<Packet>();
    packet->kind = MediaKind::audio;
    packet->pts = packet->dts = frame * 1600;
    packet->time_base = Rational{1, 48000};
    packet->priority = packet_priority::audio;
    packet->data.assign(10, 0);
    return packet;
}

/// Waits until the writer thread has entered write() `count` times in all.
void wait_for_writes(MemoryOutput::Shared& shared, int count) {
    std::unique_lock lock(shared.mutex);
    shared.changed.wait(lock, [&] { return shared.writes_started >= count; });
}

/// Waits until `count` packets have been written.
void wait_for_written(MemoryOutput::Shared& shared, size_t count) {
    for (;;) {
        {
            std::lock_guard lock(shared.mutex);
            if (shared.written.size() >= count)
                return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

void set_hold(MemoryOutput::Shared& shared, bool hold) {
    {
        std::lock_guard lock(shared.mutex);
        shared.hold = hold;
    }
    shared.changed.notify_all();
}

/// Retries within milliseconds, so the tests do not wait seconds.
OutputRunnerOptions quick_retries(int attempts) {
    OutputRunnerOptions options;
    options.reconnect.max_attempts = attempts;
    options.reconnect.first_delay_s = 0.01;
    options.reconnect.max_delay_s = 0.02;
    options.reconnect.stable_after_s = 0;  // any connection that wrote once was accepted
    return options;
}

std::vector<int64_t> written_pts(MemoryOutput::Shared& shared, MediaKind kind) {
    std::lock_guard lock(shared.mutex);
    std::vector<int64_t> pts;
    for (const Packet& packet : shared.written) {
        if (packet.kind == kind)
            pts.push_back(packet.pts);
    }
    return pts;
}

void wait_for_state(const OutputRunner& runner, OutputState state) {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (runner.counters().state != state && std::chrono::steady_clock::now() < give_up)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    REQUIRE(to_string(runner.counters().state) == std::string(to_string(state)));
}

}  // namespace

TEST_CASE("an output writes every packet and its trailer, and counts bytes", "[output]") {
    auto shared = std::make_shared<MemoryOutput::Shared>();
    OutputRunner runner(std::make_unique<MemoryOutput>(shared), "memory", {});
    runner.open({});
    runner.start();
    for (int i = 0; i < 10; ++i)
        runner.offer(video(i, i == 0));
    runner.offer(audio(0));
    runner.end_input();
    runner.join();
    const OutputCounters counters = runner.counters();
    CHECK(counters.state == OutputState::finished);
    CHECK(counters.bytes == 10 * 100 + 10);
    CHECK(counters.video_frames_written == 10);
    CHECK(counters.frames_dropped == 0);
    CHECK(shared->written.size() == 11);
    CHECK(shared->closed);
}

TEST_CASE("render-to-socket latency: measured per video frame written, from its render time",
          "[output][latency]") {
    auto shared = std::make_shared<MemoryOutput::Shared>();
    OutputRunner runner(std::make_unique<MemoryOutput>(shared), "memory", {});
    runner.open({});
    CHECK(runner.counters().latency_frames == 0);
    CHECK(runner.counters().latency_ms_avg == 0);
    runner.start();
    // Frames rendered 40 ms and 20 ms ago, one without a render time (not measured), audio
    // (never measured even with a time on it).
    const int64_t now = clock::now_ns();
    auto stamped = [](PacketPtr packet, int64_t rendered_at_ns) {
        auto copy = std::make_shared<Packet>(*packet);
        copy->rendered_at_ns = rendered_at_ns;
        return PacketPtr(std::move(copy));
    };
    runner.offer(stamped(video(0, true), now - 40'000'000));
    runner.offer(stamped(video(1, false), now - 20'000'000));
    runner.offer(video(2, false));
    runner.offer(stamped(audio(0), now - 500'000'000));
    runner.end_input();
    runner.join();
    const int64_t measured_ns = clock::now_ns() - now;  // the longest the writes could add
    const OutputCounters counters = runner.counters();
    CHECK(counters.video_frames_written == 3);
    CHECK(counters.latency_frames == 2);
    CHECK(counters.latency_ms_max >= 40.0);
    CHECK(counters.latency_ms_max <= 40.0 + double(measured_ns) / 1e6);
    CHECK(counters.latency_ms_avg >= 30.0);
    CHECK(counters.latency_ms_avg <= 30.0 + double(measured_ns) / 1e6);
    // Of two frames, the 99th percentile is the slower one, to the next whole ms.
    CHECK(counters.latency_ms_p99 >= 41.0);
    CHECK(counters.latency_ms_p99 <= 41.0 + double(measured_ns) / 1e6);
}

TEST_CASE("a stalled destination sheds video by the queue's media time, never audio", "[output]") {
    auto shared = std::make_shared<MemoryOutput::Shared>();
    set_hold(*shared, true);
    OutputRunner runner(std::make_unique<MemoryOutput>(shared), "memory", {});
    runner.open({});
    runner.start();
    runner.offer(video(0, true));
    wait_for_writes(*shared, 1);  // the writer is stuck inside write()
    // 2 s of media: P frames and audio. Past 0.9 s queued, the P frames go and every frame
    // after them up to the next keyframe (frame 60) is refused; audio all stays.
    for (int i = 1; i < 60; ++i) {
        runner.offer(video(i, false));
        runner.offer(audio(i));
    }
    const OutputCounters stalled = runner.counters();
    CHECK(stalled.congestion == Approx(1.0));
    CHECK(stalled.buffered_ms > 900);
    runner.offer(video(60, true));
    runner.offer(video(61, false));
    set_hold(*shared, false);
    runner.end_input();
    runner.join();
    const OutputCounters counters = runner.counters();
    CHECK(counters.audio_packets_dropped == 0);
    CHECK(written_pts(*shared, MediaKind::audio).size() == 59);
    const std::vector<int64_t> sent = written_pts(*shared, MediaKind::video);
    // Frame 29 made 0.93 s queued: frames 1..29 went, and 30..59 (built on them) were refused.
    // The audio still spans 2 s when keyframe 60 comes, so 61 goes the same way.
    CHECK(sent == std::vector<int64_t>{0, 60});
    CHECK(counters.frames_dropped == 60);
    CHECK(counters.state == OutputState::finished);
}

TEST_CASE("a destination that fails is marked failed with its error, and the others go on",
          "[output]") {
    auto broken = std::make_shared<MemoryOutput::Shared>();
    broken->fail_writes = true;
    auto healthy = std::make_shared<MemoryOutput::Shared>();
    auto first = std::make_shared<OutputRunner>(std::make_unique<MemoryOutput>(broken), "memory",
                                                OutputRunnerOptions{});
    auto second = std::make_shared<OutputRunner>(std::make_unique<MemoryOutput>(healthy), "memory",
                                                 OutputRunnerOptions{});
    PacketFanout fanout({first, second}, 2);
    for (auto* runner : {first.get(), second.get()}) {
        runner->open({});
        runner->start();
    }
    for (int i = 0; i < 5; ++i)
        fanout.push(video(i, i == 0));
    fanout.end_of_stream();
    CHECK_FALSE(healthy->closed);  // one stream is still open
    fanout.end_of_stream();
    first->join();
    second->join();
    CHECK(first->counters().state == OutputState::failed);
    CHECK(first->counters().error == "connection reset by peer");
    CHECK(second->counters().state == OutputState::finished);
    CHECK(healthy->written.size() == 5);
    CHECK(healthy->closed);
}

TEST_CASE("a dropped connection reconnects and starts again at the kept keyframe, from zero",
          "[output][reconnect]") {
    auto shared = std::make_shared<MemoryOutput::Shared>();
    shared->reconnectable = true;
    OutputRunner runner(std::make_unique<MemoryOutput>(shared), "memory", quick_retries(5));
    runner.open({});
    runner.start();
    for (int i = 0; i < 10; ++i) {
        runner.offer(video(i, i == 0));
        runner.offer(audio(i));
    }
    wait_for_written(*shared, 20);
    {
        // The server goes away; the next write fails. The reconnect waits until we let it.
        std::lock_guard lock(shared->mutex);
        shared->fail_writes = true;
        shared->hold_opens = true;
    }
    runner.offer(video(10, false));
    wait_for_state(runner, OutputState::reconnecting);
    // While away: a new group of pictures starts at frame 30.
    for (int i = 11; i < 35; ++i) {
        runner.offer(video(i, i == 30));
        runner.offer(audio(i));
    }
    {
        std::lock_guard lock(shared->mutex);
        shared->hold_opens = false;
    }
    shared->changed.notify_all();
    wait_for_state(runner, OutputState::running);
    const size_t before_resume = 20;
    runner.offer(video(35, false));
    runner.end_input();
    runner.join();
    const OutputCounters counters = runner.counters();
    CHECK(counters.state == OutputState::finished);
    CHECK(counters.reconnects == 1);
    CHECK(shared->opens == 2);
    std::vector<Packet> resumed(shared->written.begin() + before_resume, shared->written.end());
    REQUIRE_FALSE(resumed.empty());
    // The new connection begins with the keyframe, at time zero; sound follows from there.
    CHECK(resumed.front().kind == MediaKind::video);
    CHECK(resumed.front().keyframe);
    CHECK(resumed.front().pts == 0);
    std::vector<int64_t> video_pts;
    for (const Packet& packet : resumed) {
        if (packet.kind == MediaKind::video)
            video_pts.push_back(packet.pts);
        else
            CHECK(packet.pts >= 0);
    }
    CHECK(video_pts == std::vector<int64_t>{0, 1, 2, 3, 4, 5});  // frames 30..35
    // Frame 10 (the write that failed) and 11..29 never reached a viewer.
    CHECK(counters.frames_dropped == 20);
    CHECK(counters.audio_packets_dropped == 19);  // 11..29
}

TEST_CASE("reconnecting gives up after the allowed attempts and says why", "[output][reconnect]") {
    auto shared = std::make_shared<MemoryOutput::Shared>();
    shared->reconnectable = true;
    shared->failing_opens = 100;
    OutputRunner runner(std::make_unique<MemoryOutput>(shared), "memory", quick_retries(3));
    runner.open({});
    runner.start();
    runner.offer(video(0, true));
    wait_for_written(*shared, 1);
    {
        std::lock_guard lock(shared->mutex);
        shared->fail_writes = true;
    }
    runner.offer(video(1, false));
    wait_for_state(runner, OutputState::failed);
    CHECK(shared->opens == 4);
    CHECK(runner.counters().error == "gave up after 3 attempts to reconnect: connection refused");
    runner.join();
}

TEST_CASE("stopping while reconnecting ends at once", "[output][reconnect]") {
    auto shared = std::make_shared<MemoryOutput::Shared>();
    shared->reconnectable = true;
    OutputRunnerOptions options;
    options.reconnect.first_delay_s = 60;  // would wait a minute
    options.reconnect.max_delay_s = 60;
    options.reconnect.stable_after_s = 0;  // a drop, not a refusal
    OutputRunner runner(std::make_unique<MemoryOutput>(shared), "memory", options);
    runner.open({});
    runner.start();
    runner.offer(video(0, true));
    wait_for_written(*shared, 1);
    {
        std::lock_guard lock(shared->mutex);
        shared->fail_writes = true;
    }
    runner.offer(video(1, false));
    wait_for_state(runner, OutputState::reconnecting);
    const OutputCounters waiting = runner.counters();
    CHECK(waiting.reconnect_attempt == 1);
    CHECK(waiting.reconnect_in_s > 40);
    CHECK(waiting.error == "connection reset by peer");
    const auto start = std::chrono::steady_clock::now();
    runner.end_input();
    runner.join();
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
    CHECK(runner.counters().state == OutputState::failed);
    CHECK_THAT(runner.counters().error, Catch::Contains("ended before it came back") &&
                                            Catch::Contains("connection reset by peer"));
}

TEST_CASE("a file output is not reconnected", "[output][reconnect]") {
    auto shared = std::make_shared<MemoryOutput::Shared>();
    shared->fail_writes = true;
    OutputRunner runner(std::make_unique<MemoryOutput>(shared), "memory", quick_retries(5));
    runner.open({});
    runner.start();
    runner.offer(video(0, true));
    runner.join();
    CHECK(runner.counters().state == OutputState::failed);
    CHECK(shared->opens == 1);
}

TEST_CASE("a server that hangs up as soon as the stream starts refused it: no retrying",
          "[output][reconnect]") {
    auto shared = std::make_shared<MemoryOutput::Shared>();
    shared->reconnectable = true;
    shared->fail_writes = true;  // accepted the connection, refuses the stream
    OutputRunnerOptions options = quick_retries(5);
    options.reconnect.stable_after_s = 3;
    OutputRunner runner(std::make_unique<MemoryOutput>(shared), "memory", options);
    runner.open({});
    runner.start();
    runner.offer(video(0, true));
    wait_for_state(runner, OutputState::failed);
    runner.join();
    CHECK(shared->opens == 1);
    CHECK(runner.counters().error ==
          "the connection was closed as soon as the stream started (connection reset by peer)");
}

TEST_CASE("reconnections the server refuses at once keep counting attempts",
          "[output][reconnect]") {
    auto shared = std::make_shared<MemoryOutput::Shared>();
    shared->reconnectable = true;
    shared->refused_reopens = 100;
    OutputRunnerOptions options = quick_retries(3);
    options.reconnect.stable_after_s = 0.1;
    OutputRunner runner(std::make_unique<MemoryOutput>(shared), "memory", options);
    runner.open({});
    runner.start();
    runner.offer(video(0, true));
    wait_for_written(*shared, 1);
    // The first connection ran long enough to count as accepted; then it drops, and every
    // new connection is refused as soon as it writes.
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    runner.offer(video(1, false));
    wait_for_written(*shared, 2);
    {
        std::lock_guard lock(shared->mutex);
        shared->fail_writes = true;
    }
    for (int i = 2; i < 40 && runner.counters().state != OutputState::failed; ++i) {
        runner.offer(video(i, i % 10 == 0));
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    wait_for_state(runner, OutputState::failed);
    runner.join();
    CHECK(shared->opens == 4);  // the first connection and 3 attempts, not 3 per refusal
    CHECK(runner.counters().error.rfind("gave up after 3 attempts to reconnect", 0) == 0);
}
