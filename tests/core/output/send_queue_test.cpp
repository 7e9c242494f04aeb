#include <catch2/catch.hpp>

#include "core/output/send_queue.hpp"

using namespace lm;

namespace {

PacketPtr frame(int64_t index, bool keyframe, int priority) {
    auto packet = std::make_shared<Packet>();
    packet->kind = MediaKind::video;
    packet->pts = packet->dts = index;
    packet->time_base = Rational{1, 30};
    packet->keyframe = keyframe;
    packet->priority = priority;
    packet->data.assign(10, 0);
    return packet;
}

/// I B B P B B P ... at 30 fps (decode order simplified: dts = index).
PacketPtr gop_frame(int64_t index) {
    if (index % 60 == 0)
        return frame(index, true, packet_priority::i_frame);
    return frame(index, false,
                 index % 3 == 0 ? packet_priority::p_frame : packet_priority::b_frame);
}

std::vector<int64_t> drain(SendQueue& queue) {
    queue.close();
    std::vector<int64_t> out;
    while (auto item = queue.pop())
        out.push_back(item->packet->pts);
    return out;
}

}  // namespace

TEST_CASE("past 700 ms queued the B frames go first, P frames stay", "[output][queue]") {
    SendQueue queue(SendQueueLimits{});
    for (int64_t i = 0; i <= 24; ++i)  // 0.8 s: past the first threshold, under the second
        queue.push(gop_frame(i));
    const std::vector<int64_t> sent = drain(queue);
    CHECK(sent == std::vector<int64_t>{0, 3, 6, 9, 12, 15, 18, 21, 24});
    CHECK(queue.video_frames_dropped() == 16);
}

TEST_CASE("past 900 ms only keyframes stay, and nothing is sent until the next keyframe",
          "[output][queue]") {
    SendQueue queue(SendQueueLimits{});
    for (int64_t i = 0; i <= 62; ++i)
        queue.push(gop_frame(i));
    // Frame 30 made 1 s queued: everything but the keyframe went, 31..59 were refused. With
    // keyframe 0 still unsent the queue spans 2 s, so 61 and 62 go the same way.
    CHECK(drain(queue) == std::vector<int64_t>{0, 60});
    CHECK(queue.video_frames_dropped() == 61);
}

TEST_CASE("once the queue drains, frames flow again from the next keyframe", "[output][queue]") {
    SendQueue queue(SendQueueLimits{});
    for (int64_t i = 0; i <= 30; ++i)
        queue.push(gop_frame(i));
    CHECK(queue.pop()->packet->pts == 0);  // the link catches up: only the keyframe was left
    for (int64_t i = 31; i <= 65; ++i)
        queue.push(gop_frame(i));
    CHECK(drain(queue) == std::vector<int64_t>{60, 61, 62, 63, 64, 65});
}

TEST_CASE("congestion reads the queued time against the shedding threshold", "[output][queue]") {
    SendQueue queue(SendQueueLimits{});
    CHECK(queue.congestion() == 0);
    for (int64_t i = 0; i <= 9; ++i)
        queue.push(frame(i, i == 0, packet_priority::p_frame));
    CHECK(queue.buffered_seconds() == Approx(0.3));
    CHECK(queue.congestion() == Approx(0.3 / 0.9));
}

TEST_CASE("a resumed connection starts with the kept group of pictures", "[output][queue]") {
    SendQueueLimits limits;
    limits.keep_gop = true;
    SendQueue queue(limits);
    for (int64_t i = 0; i < 5; ++i)
        queue.push(frame(i, i == 0, packet_priority::p_frame));
    for (int64_t i = 0; i < 3; ++i)
        queue.mark_written(queue.pop()->sequence);  // 0, 1, 2 went out
    queue.begin_outage();
    queue.push(frame(5, false, packet_priority::p_frame));
    queue.resume();
    // The whole group again, keyframe first: the new connection needs it.
    CHECK(drain(queue) == std::vector<int64_t>{0, 1, 2, 3, 4, 5});
    CHECK(queue.video_frames_dropped() == 0);
}

TEST_CASE("without a keyframe kept, a resumed connection waits for the next one",
          "[output][queue]") {
    SendQueue queue(SendQueueLimits{});  // keep_gop off
    queue.push(frame(0, true, packet_priority::i_frame));
    queue.begin_outage();
    queue.push(frame(1, false, packet_priority::p_frame));
    queue.resume();
    queue.push(frame(2, false, packet_priority::p_frame));
    queue.push(frame(3, true, packet_priority::i_frame));
    CHECK(drain(queue) == std::vector<int64_t>{3});
    CHECK(queue.video_frames_dropped() == 3);  // 0 (never sent), 1, 2
}

TEST_CASE("the group re-sent after a reconnect does not count as congestion", "[output][queue]") {
    SendQueueLimits limits;
    limits.keep_gop = true;
    SendQueue queue(limits);
    queue.begin_outage();
    for (int64_t i = 0; i < 55; ++i)  // 1.8 s since the keyframe while the server was away
        queue.push(gop_frame(i));
    queue.resume();
    CHECK(queue.congestion() == 0);
    for (int64_t i = 55; i < 60; ++i)
        queue.push(gop_frame(i));
    CHECK(queue.buffered_seconds() == Approx(5.0 / 30));
    CHECK(drain(queue).size() == 60);  // nothing shed
    CHECK(queue.video_frames_dropped() == 0);
}
