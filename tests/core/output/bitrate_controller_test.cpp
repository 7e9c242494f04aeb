#include <catch2/catch.hpp>

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
    // The link halves: the queue grows past 250 ms while the writer measures ~1330 kbps.
    const int lowered = controller.update(t, 0.4, 1330);
    CHECK(lowered == Approx(1330 * 0.85 - 160).margin(1));
    CHECK(controller.current_kbps() == lowered);
    // Still behind, but the rate already fits what the link took: no further change.
    t += 0.25;
    CHECK(controller.update(t, 0.5, 1330) == 0);
    // Behind with no measurement: a firm step down, not below the floor.
    t += 1;
    const int blind = controller.update(t, 0.5, 0);
    CHECK(blind == Approx(lowered * 0.5).margin(1));
    for (int i = 0; i < 20; ++i) {
        t += 1;
        controller.update(t, 1.0, 0);
    }
    CHECK(controller.current_kbps() == controller.floor_kbps());
    CHECK(controller.floor_kbps() == 375);  // 15 % of 2500
    // The link recovers: the queue empties; after 3 s of calm the rate climbs 250 kbps a
    // second to 2500.
    int steps = 0;
    const double recovered_at = t;
    while (controller.current_kbps() < 2500 && t < recovered_at + 30) {
        t += 0.25;
        if (controller.update(t, 0.0, 0) > 0)
            ++steps;
    }
    CHECK(controller.current_kbps() == 2500);
    CHECK(steps == 9);  // 375 -> 625 -> ... -> 2375 -> 2500
    CHECK(t - recovered_at <= 10.0);
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
