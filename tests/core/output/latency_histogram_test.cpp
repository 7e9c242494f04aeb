#include <catch2/catch.hpp>

#include "core/output/latency_histogram.hpp"

using lm::LatencyHistogram;

namespace {
constexpr int64_t ms(double v) {
    return int64_t(v * 1e6);
}
}  // namespace

TEST_CASE("the latency histogram tells what most frames stay under, not the one worst",
          "[output][latency]") {
    LatencyHistogram histogram;
    CHECK(histogram.percentile_ms(0.99) == 0);  // nothing measured

    for (int i = 0; i < 990; ++i)
        histogram.add(ms(10.4));
    for (int i = 0; i < 10; ++i)
        histogram.add(ms(80.2));                 // 1 % of the frames met a stall
    CHECK(histogram.percentile_ms(0.50) == 11);  // rounded up to the whole ms
    CHECK(histogram.percentile_ms(0.99) == 11);
    CHECK(histogram.percentile_ms(0.995) == 81);
    CHECK(histogram.percentile_ms(1.0) == 81);

    histogram.add(ms(5000));  // a reconnect: counted in the last step
    CHECK(histogram.percentile_ms(1.0) == LatencyHistogram::kBuckets);
    histogram.add(-5);  // a clock step backwards counts as no latency, not a crash
    CHECK(histogram.percentile_ms(0.0) == 1);
}
