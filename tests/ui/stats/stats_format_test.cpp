#include "ui/stats/stats_format.hpp"

#include <catch2/catch.hpp>

using lm::ui::Severity;

TEST_CASE("Frame loss is a warning from the first frame and an error from 5%") {
    CHECK(lm::ui::frame_loss_severity(0, 300) == Severity::normal);
    CHECK(lm::ui::frame_loss_severity(1, 10000) == Severity::warning);
    CHECK(lm::ui::frame_loss_severity(14, 300) == Severity::warning);
    CHECK(lm::ui::frame_loss_severity(15, 300) == Severity::error);
    CHECK(lm::ui::format_ratio(1, 10000) == "1 / 10000 (0.0%)");
    CHECK(lm::ui::format_ratio(0, 0) == "0 / 0 (0.0%)");
}

TEST_CASE("Output states colour by name, including ones OutputState does not have yet") {
    CHECK(lm::ui::output_status_severity("failed") == Severity::error);
    CHECK(lm::ui::output_status_severity("connecting") == Severity::warning);
    CHECK(lm::ui::output_status_severity("reconnecting") == Severity::warning);
    CHECK(lm::ui::output_status_severity("running") == Severity::normal);
    CHECK(lm::ui::output_status_severity("finished") == Severity::normal);
}

TEST_CASE("Data sizes switch from MB to GB at a gibibyte") {
    CHECK(lm::ui::format_bytes(0) == "0.0 MB");
    CHECK(lm::ui::format_bytes(1023ull << 20) == "1023.0 MB");
    CHECK(lm::ui::format_bytes(1ull << 30) == "1.00 GB");
}
