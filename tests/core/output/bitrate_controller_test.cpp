#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "core/output/bitrate_controller.hpp"
#include "core/output/reconnect_policy.hpp"

using namespace lm;

TEST_CASE("reconnect waits start at 2 s, grow by 1.5, stop at the cap; jitter only shortens",
          "[output][reconnect]") {
    ReconnectPolicy policy;
    CHECK(policy.delay_s(1, 0) == Approx(2.0));
    CHECK(policy.delay_s(2, 0) == Approx(2.5));
    CHECK(policy.delay_s(10, 0) == Approx(2.5));
    CHECK(policy.delay_s(1, 0.999) == Approx(1.6).epsilon(0.01));
    policy.max_delay_s = 60;
    CHECK(policy.delay_s(3, 0) == Approx(4.5));
    CHECK(policy.delay_s(4, 0) == Approx(6.75));
    for (int attempt = 1; attempt < 30; ++attempt) {
        CHECK(policy.delay_s(attempt, 0.5) <= 60);
        CHECK(policy.delay_s(attempt, 0.5) >= 2 * 0.9);
    }
}

TEST_CASE("dynamic bitrate drops to what the link carries and climbs back in steps",
          "[output][bitrate]") {
    BitrateController controller(2500, 160);
    double t = 0;
    // Keeping up: nothing changes.
    for (; t < 3; t += 0.25)
        CHECK(controller.update(t, 0.0, 0) == 0);
    // The link halves: the queue grows past 150 ms while the writer measures ~1330 kbps.
    // The new rate fits the link (less the audio, 15 % to spare) and drains the 0.4 s queued
    // at the old rate within 4 s.
    const int lowered = controller.update(t, 0.4, 1330);
    CHECK(lowered == Approx(1330 * 0.85 - 160 - 0.4 * (2500 + 160) / 4).margin(1));
    CHECK(controller.ceiling_kbps() == 1330 - 160);
    CHECK(controller.current_kbps() == lowered);
    // Still behind, but the rate already fits what the link took: no further change.
    t += 0.25;
    CHECK(controller.update(t, 0.5, 1330) == 0);
    // Behind with no measurement: a firm step down, not below the floor.
    t += 1;
    const int blind = controller.update(t, 0.5, 0);
    CHECK(blind == Approx(std::max(375.0, lowered * 0.5)).margin(1));
    for (int i = 0; i < 20; ++i) {
        t += 1;
        controller.update(t, 1.0, 0);
    }
    CHECK(controller.current_kbps() == controller.floor_kbps());
    CHECK(controller.floor_kbps() == 375);  // 15 % of 2500
    // The link recovers: the queue empties; after 3 s of calm the rate probes beyond what
    // the link last carried, each probe that holds twice as bold as the one before.
    int steps = 0;
    const double recovered_at = t;
    while (controller.current_kbps() < 2500 && t < recovered_at + 30) {
        t += 0.25;
        if (controller.update(t, 0.0, 0) > 0)
            ++steps;
    }
    CHECK(controller.current_kbps() == 2500);
    CHECK(steps == 5);  // 375 -> 500 -> 750 -> 1250 -> 2250 -> 2500
    CHECK(t - recovered_at <= 8.0);
    // At the target it stays there.
    for (int i = 0; i < 8; ++i) {
        t += 0.25;
        CHECK(controller.update(t, 0.0, 0) == 0);
    }
}

TEST_CASE("dynamic bitrate does not climb while writes block, even with no queue",
          "[output][bitrate]") {
    BitrateController controller(2500, 160);
    CHECK(controller.update(0, 0.5, 1330) > 0);
    const int lowered = controller.current_kbps();
    for (double t = 0.25; t < 20; t += 0.25)
        CHECK(controller.update(t, 0.0, 0, 0.5) == 0);  // the link is near its capacity
    CHECK(controller.current_kbps() == lowered);
    CHECK(controller.update(20, 0.0, 0, 0.05) == 0);  // free again: a second of calm first
    CHECK(controller.update(21.1, 0.0, 0, 0.05) > lowered);
}

TEST_CASE("dynamic bitrate waits while the queue neither grows nor empties", "[output][bitrate]") {
    BitrateController controller(2000, 128);
    CHECK(controller.update(0, 0.5, 1000) > 0);
    const int lowered = controller.current_kbps();
    for (double t = 1; t < 20; t += 0.25)
        CHECK(controller.update(t, 0.1, 0) == 0);  // between 50 and 250 ms: hold
    CHECK(controller.current_kbps() == lowered);
}

TEST_CASE("dynamic bitrate climbs fast to what the link carried, then probes beyond it",
          "[output][bitrate]") {
    BitrateController controller(2500, 160);
    // The link carries 1330 kbps: the ceiling for video is 1170.
    const int lowered = controller.update(0, 0.2, 1330);
    REQUIRE(lowered > 0);
    REQUIRE(controller.ceiling_kbps() == 1170);
    double t = 0;
    // The next change while the link keeps up (queue empty), at most 10 s away.
    auto next_change = [&] {
        for (const double end = t + 10; t < end;) {
            t += 0.25;
            if (const int kbps = controller.update(t, 0.0, 0); kbps > 0)
                return kbps;
        }
        return 0;
    };
    CHECK(next_change() == lowered + 250);  // 10 % of the target
    CHECK(next_change() == 1170);           // up to the ceiling, not past it in a 10 % step
    CHECK(next_change() == 1170 + 125);     // the first probe: 5 % of the target
    // The probe overshoots: the queue grows again (once the change has settled). The next
    // lowering restarts the probes small.
    t += 0.5;
    CHECK(controller.update(t, 0.3, 1330) > 0);
    CHECK(controller.ceiling_kbps() == 1170);
    int rate = 0;
    while ((rate = next_change()) > 0 && rate < 1170) {
    }
    CHECK(rate == 1170);
    CHECK(next_change() == 1170 + 125);
    // Probes that hold double: 250, 500, 1000 more, then the target.
    CHECK(next_change() == 1170 + 125 + 250);
    CHECK(next_change() == 1170 + 125 + 250 + 500);
    const double from = t;
    CHECK(next_change() == 2500);
    CHECK(t - from <= 1.5);
}
