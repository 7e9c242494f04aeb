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
    // The link recovers: the queue empties; after a second of calm the rate goes back to
    // what the link last carried, then probes beyond it, each probe that holds three times as
    // bold as the one before.
    int steps = 0;
    const double recovered_at = t;
    while (controller.current_kbps() < 2500 && t < recovered_at + 30) {
        t += 0.25;
        if (controller.update(t, 0.0, 0) > 0)
            ++steps;
    }
    CHECK(controller.current_kbps() == 2500);
    CHECK(steps == 3);  // 375 -> 500 (the blind ceiling) -> 750 -> 1750 -> 2500
    CHECK(t - recovered_at <= 6.0);
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
    // Straight to the ceiling, 2 s after lowering (the queue was empty for at least 1 s).
    CHECK(next_change() == 1170);
    CHECK(t <= 2.0);
    CHECK(next_change() == 1170 + 250);  // the first probe: 10 % of the target
    // The probe overshoots: the queue grows again (once the change has settled). The next
    // lowering restarts the probes small.
    t += 0.5;
    CHECK(controller.update(t, 0.3, 1330) > 0);
    CHECK(controller.ceiling_kbps() == 1170);
    CHECK(next_change() == 1170);
    CHECK(next_change() == 1170 + 250);
    // A probe that holds makes the next four times larger; one that would leave less than
    // a first probe to the target goes to the target.
    const double from = t;
    CHECK(next_change() == 2500);  // 1420 + 1000 = 2420: within 250 of it
    CHECK(t - from <= 1.5);
}

TEST_CASE("dynamic bitrate judges a probe only once the destination takes its rate",
          "[output][bitrate]") {
    BitrateController controller(2500, 160);
    double t = 0;
    // A steady start: the destination takes what is asked (the controller learns the ratio).
    for (; t < 5; t += 0.25)
        CHECK(controller.update(t, 0.0, 0, 0, 2660) == 0);
    REQUIRE(controller.update(t, 0.2, 1330) > 0);
    REQUIRE(controller.ceiling_kbps() == 1170);
    // The encoder follows a change a second or two late: the destination takes `lag_kbps`
    // until `follows_at`, then the current rate.
    double follows_at = 0;
    double lag_kbps = 0;
    int last_kbps = controller.current_kbps();
    auto look = [&](double buffered_s = 0.0) {
        t += 0.25;
        const double sent = t < follows_at ? lag_kbps : controller.current_kbps() + 160.0;
        const int kbps = controller.update(t, buffered_s, 0, 0, sent);
        if (kbps > 0) {
            lag_kbps = last_kbps + 160.0;
            last_kbps = kbps;
            follows_at = t + 2.0;
        }
        return kbps;
    };
    // Up to the ceiling quickly, as before.
    while (controller.current_kbps() < 1170 && t < 20)
        look();
    REQUIRE(controller.current_kbps() == 1170);
    // The first probe waits until the ceiling's rate really flows, then a second of calm.
    const double at_ceiling = t;
    int probe = 0;
    while ((probe = look()) == 0 && t < at_ceiling + 10) {
    }
    CHECK(probe == 1170 + 250);
    CHECK(t - at_ceiling >= 3.0 - 1e-9);  // 2 s until the encoder follows, 1 s of calm
    // While the probed rate does not flow yet, no further probe, however calm the queue.
    const double probed_at = t;
    while (t < probed_at + 1.75)
        CHECK(look() == 0);
    // A destination that takes its rate but then falls behind: lowered, not probed further.
    while (t < follows_at + 0.25)
        CHECK(look() == 0);
    CHECK(look(0.3) < 1170 + 250);
}

TEST_CASE("dynamic bitrate probes on when a calm scene never fills the probed rate",
          "[output][bitrate]") {
    BitrateController controller(2500, 160);
    REQUIRE(controller.update(0, 0.2, 1330) > 0);
    double t = 0;
    while (controller.current_kbps() < 1170 && t < 20) {
        t += 0.25;
        controller.update(t, 0.0, 0, 0, 300);  // a still picture: 300 kbps whatever is asked
    }
    REQUIRE(controller.current_kbps() == 1170);
    const double at_ceiling = t;
    while (controller.current_kbps() == 1170 && t < at_ceiling + 10) {
        t += 0.25;
        controller.update(t, 0.0, 0, 0, 300);
    }
    CHECK(controller.current_kbps() == 1170 + 250);
    CHECK(t - at_ceiling == Approx(4.0).margin(0.3));  // probe_confirm_max_s
}

TEST_CASE("dynamic bitrate lowers before a queue shows when writes block below the stream's rate",
          "[output][bitrate]") {
    BitrateController controller(2500, 160);
    // Writes blocked 95 % of the time, the link measured at 1330 kbps: lower now (less the
    // little there is to drain).
    const int lowered = controller.update(1, 0.02, 1330, 0.95, 1330);
    CHECK(lowered == Approx(1330 * 0.85 - 160 - 0.02 * 2660 / 4).margin(1));
    // Blocked as much but the link carries the stream: a keyframe's burst, nothing to do.
    BitrateController calm(2500, 160);
    CHECK(calm.update(1, 0.02, 2700, 0.95, 2600) == 0);
}

TEST_CASE("dynamic bitrate trusts what the destination took over a second spent behind",
          "[output][bitrate]") {
    // A far end that reads in bursts: the writer's half-second measure says 700 kbps, but
    // over the last second, all of it behind, the destination took 1300.
    BitrateController controller(2500, 160);
    CHECK(controller.update(0, 0.1, 0, 0.5, 1500) == 0);  // behind, not yet past 150 ms
    CHECK(controller.update(0.5, 0.12, 0, 0.6, 1400) == 0);
    const int lowered = controller.update(1.0, 0.3, 700, 0.8, 1300);
    CHECK(lowered == Approx(1300 * 0.85 - 160 - 0.3 * 2660 / 4).margin(1));
    CHECK(controller.ceiling_kbps() == 1300 - 160);
    // Only just behind: the second also held calmer times, so the writer's measure stands.
    BitrateController fresh(2500, 160);
    CHECK(fresh.update(0, 0.3, 1000, 0.8, 2000) ==
          Approx(1000 * 0.85 - 160 - 0.3 * 2660 / 4).margin(1));
    CHECK(fresh.ceiling_kbps() == 1000 - 160);
}
