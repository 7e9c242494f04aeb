#include <catch2/catch.hpp>

#include <condition_variable>
#include <mutex>
#include <thread>

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
        bool closed = false;
        std::vector<Packet> written;
    };
    explicit MemoryOutput(std::shared_ptr<Shared> shared) : shared_(std::move(shared)) {}

    std::string display_name() const override { return "memory"; }
    void open(const std::vector<StreamInfo>&) override {}
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

PacketPtr video(int64_t pts, bool keyframe) {
    auto packet = std::make_shared<Packet>();
    packet->kind = MediaKind::video;
    packet->pts = packet->dts = pts;
    packet->keyframe = keyframe;
    packet->data.assign(100, 0);
    return packet;
}

PacketPtr audio(int64_t pts) {
    auto packet = std::make_shared<Packet>();
    packet->kind = MediaKind::audio;
    packet->pts = packet->dts = pts;
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

}  // namespace

TEST_CASE("an output writes every packet and its trailer, and counts bytes", "[output]") {
    auto shared = std::make_shared<MemoryOutput::Shared>();
    OutputRunner runner(std::make_unique<MemoryOutput>(shared), "memory", 100);
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

TEST_CASE("a stalled destination drops frames, then waits for a keyframe", "[output]") {
    auto shared = std::make_shared<MemoryOutput::Shared>();
    set_hold(*shared, true);
    OutputRunner runner(std::make_unique<MemoryOutput>(shared), "memory", 4);
    runner.open({});
    runner.start();
    // The writer takes the first packet and blocks in write(); four more fill the queue.
    runner.offer(video(0, true));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // writer is inside write()
    for (int i = 1; i <= 4; ++i)
        runner.offer(video(i, false));
    // Queue full: frames 5 and 6 are dropped, 7 is a P-frame after a drop, also dropped;
    // audio that does not fit is dropped and counted apart.
    runner.offer(video(5, false));
    runner.offer(video(6, false));
    runner.offer(audio(1));
    set_hold(*shared, false);
    runner.end_input();
    runner.join();
    OutputCounters counters = runner.counters();
    CHECK(counters.frames_dropped == 2);
    CHECK(counters.audio_packets_dropped == 1);
    CHECK(counters.video_frames_written == 5);
    CHECK(counters.state == OutputState::finished);
}

TEST_CASE("after a dropped frame nothing is sent until the next keyframe", "[output]") {
    auto shared = std::make_shared<MemoryOutput::Shared>();
    set_hold(*shared, true);
    OutputRunner runner(std::make_unique<MemoryOutput>(shared), "memory", 2);
    runner.open({});
    runner.start();
    runner.offer(video(0, true));
    wait_for_writes(*shared, 1);
    runner.offer(video(1, false));
    runner.offer(video(2, false));
    runner.offer(video(3, false));  // dropped: queue full
    set_hold(*shared, false);
    wait_for_written(*shared, 3);   // 0, 1, 2: the queue has drained
    runner.offer(video(4, false));  // room again, but it refers to the dropped frame 3
    runner.offer(video(5, true));   // a keyframe: sending resumes
    runner.offer(video(6, false));
    runner.end_input();
    runner.join();
    std::vector<int64_t> sent;
    for (const Packet& packet : shared->written)
        sent.push_back(packet.pts);
    CHECK(sent == std::vector<int64_t>{0, 1, 2, 5, 6});
    CHECK(runner.counters().frames_dropped == 2);
}

TEST_CASE("a destination that fails is marked failed with its error, and the others go on",
          "[output]") {
    auto broken = std::make_shared<MemoryOutput::Shared>();
    broken->fail_writes = true;
    auto healthy = std::make_shared<MemoryOutput::Shared>();
    auto first =
        std::make_shared<OutputRunner>(std::make_unique<MemoryOutput>(broken), "memory", 10);
    auto second =
        std::make_shared<OutputRunner>(std::make_unique<MemoryOutput>(healthy), "memory", 10);
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
