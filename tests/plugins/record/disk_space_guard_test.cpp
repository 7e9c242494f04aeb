// Tests plugins/record/disk_space_guard: when a recording warns and when it stops, from
// measured free space and bytes written (no disk needed; the e2e test fills a real tmpfs).
#include <catch2/catch.hpp>

#include "plugins/record/disk_space_guard.hpp"

using namespace lm;
using Catch::Matchers::StartsWith;

TEST_CASE("a disk with hours of room says nothing", "[record][disk]") {
    DiskSpaceGuard guard("/rec");
    // 1 MB/s onto a disk with 100 GB free.
    CHECK(guard.update(100'000'000'000, 0, 0.0) == DiskVerdict::ok);
    CHECK(guard.update(99'998'000'000, 2'000'000, 2.0) == DiskVerdict::ok);
    CHECK(guard.rate_bytes_per_s() == Approx(1e6));
    CHECK(guard.warning().empty());
}

TEST_CASE("a disk that lasts minutes at this rate is a warning with the minutes",
          "[record][disk]") {
    DiskSpaceGuard guard("/rec");
    CHECK(guard.update(300'000'000, 0, 0.0) == DiskVerdict::ok);  // rate not known yet
    // 1 MB/s with ~300 MB left (3 MB of it kept in reserve): about 5 minutes.
    CHECK(guard.update(298'000'000, 2'000'000, 2.0) == DiskVerdict::low);
    CHECK(guard.warning() == "the disk holding /rec has room for about 5 minutes at this rate");
    SECTION("seconds when it is close") {
        CHECK(guard.update(40'000'000, 4'000'000, 4.0) == DiskVerdict::low);
        CHECK(guard.warning() == "the disk holding /rec has room for about 37 s at this rate");
    }
    SECTION("and it goes away when space is freed") {
        CHECK(guard.update(5'000'000'000, 4'000'000, 4.0) == DiskVerdict::ok);
        CHECK(guard.warning().empty());
    }
}

TEST_CASE("the recording stops while a few seconds of writing still fit", "[record][disk]") {
    DiskSpaceGuard guard("/rec");
    // 2.5 MB/s: the reserve is 3 s of it, 7.5 MB.
    CHECK(guard.update(20'000'000, 0, 0.0) != DiskVerdict::full);
    CHECK(guard.update(15'000'000, 5'000'000, 2.0) != DiskVerdict::full);
    CHECK(guard.reserve_bytes() == 7'500'000);
    CHECK(guard.update(7'400'000, 12'600'000, 5.0) == DiskVerdict::full);
    CHECK_THAT(guard.full_message(),
               StartsWith("stopped: the disk is full (7.4 MB left on the disk holding /rec"));
}

TEST_CASE("a nearly full disk stops at once, before any rate is known", "[record][disk]") {
    DiskSpaceGuard guard("/rec");
    CHECK(guard.update(1'000'000, 0, 0.0) == DiskVerdict::full);
}

TEST_CASE("an unknown free space decides nothing", "[record][disk]") {
    DiskSpaceGuard guard("/rec");
    CHECK(guard.update(-1, 0, 0.0) == DiskVerdict::ok);
    CHECK(guard.update(-1, 100'000'000, 1.0) == DiskVerdict::ok);
}
