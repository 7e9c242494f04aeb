#include "core/scene/properties.hpp"

#include <catch2/catch.hpp>

using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

// The schema of a test-pattern-like source plus one of every other type.
lm::PropertySchema schema() {
    lm::PropertySchema s;
    s.push_back({"width", "Width", lm::PropertyType::integer, 1280, 16, 8192, {}, "", false, {}});
    s.push_back({"beep", "Beep", lm::PropertyType::boolean, true, 0, 0, {}, "", false, {}});
    s.push_back(
        {"level_dbfs", "Level", lm::PropertyType::number, -20.0, -96, 0, {}, "", false, {}});
    s.push_back(
        {"gain", "Gain", lm::PropertyType::number, 1.0, 0, 0, {}, "", false, {}});  // unbounded
    s.push_back({"title", "Title", lm::PropertyType::text, "", 0, 0, {}, "", false, {}});
    s.push_back({"file", "File", lm::PropertyType::path, json(), 0, 0, {}, "", false, {}});
    s.push_back({"color", "Colour", lm::PropertyType::color, 0xFF000000u, 0, 0, {}, "", false, {}});
    s.push_back({"rate_control",
                 "Rate control",
                 lm::PropertyType::list,
                 "cbr",
                 0,
                 0,
                 {{"Constant bitrate", "cbr"}, {"Variable bitrate", "vbr"}},
                 "",
                 false,
                 {}});
    s.push_back({"key", "Stream key", lm::PropertyType::text, "", 0, 0, {}, "", true, {}});
    return s;
}

std::string refusal(const json& settings) {
    try {
        lm::apply_schema(schema(), settings);
    } catch (const std::invalid_argument& error) {
        return error.what();
    }
    return "(accepted)";
}

}  // namespace

TEST_CASE("apply_schema fills every missing setting with its default", "[scene]") {
    const json result = lm::apply_schema(schema(), json::object());
    CHECK(result["width"] == 1280);
    CHECK(result["beep"] == true);
    CHECK(result["level_dbfs"] == -20.0);
    CHECK(result["title"] == "");
    CHECK(result["color"] == 0xFF000000u);
    CHECK(result["rate_control"] == "cbr");
    // A property without a default stays unset rather than becoming null.
    CHECK_FALSE(result.contains("file"));
    // Null settings (nothing saved yet) are an empty object.
    CHECK(lm::apply_schema(schema(), json()) == result);
    // A null value means "back to the default".
    CHECK(lm::apply_schema(schema(), {{"width", nullptr}})["width"] == 1280);
}

TEST_CASE("apply_schema keeps valid values and unknown keys", "[scene]") {
    const json settings = {{"width", 640},          {"beep", false},
                           {"level_dbfs", -6.5},    {"title", "Hello"},
                           {"file", "/a.png"},      {"color", 0xFF00FF00u},
                           {"rate_control", "vbr"}, {"from_a_newer_version", 3}};
    const json result = lm::apply_schema(schema(), settings);
    json expected = settings;
    expected["gain"] = 1.0;  // the defaults of the two that were not given
    expected["key"] = "";
    CHECK(result == expected);
}

TEST_CASE("apply_schema accepts whole floats for integers and stores an integer", "[scene]") {
    const json result = lm::apply_schema(schema(), {{"width", 1920.0}});
    CHECK(result["width"].is_number_integer());
    CHECK(result["width"] == 1920);
}

TEST_CASE("apply_schema refuses wrong types, naming key, value and what is allowed", "[scene]") {
    CHECK(refusal({{"width", "wide"}}) ==
          "setting 'width' is \"wide\"; allowed: an integer from 16 to 8192");
    CHECK(refusal({{"width", 12.5}}) ==
          "setting 'width' is 12.5; allowed: an integer from 16 to 8192");
    CHECK(refusal({{"beep", "yes"}}) == "setting 'beep' is \"yes\"; allowed: true or false");
    CHECK(refusal({{"beep", 1}}) == "setting 'beep' is 1; allowed: true or false");
    CHECK(refusal({{"gain", "loud"}}) == "setting 'gain' is \"loud\"; allowed: a number");
    CHECK(refusal({{"title", 5}}) == "setting 'title' is 5; allowed: a string");
    CHECK(refusal({{"file", false}}) == "setting 'file' is false; allowed: a file path (a string)");
    CHECK_THAT(refusal({{"color", "red"}}),
               Contains("setting 'color' is \"red\"") && Contains("0xAARRGGBB"));
}

TEST_CASE("apply_schema enforces ranges", "[scene]") {
    CHECK(refusal({{"width", 15}}) == "setting 'width' is 15; allowed: an integer from 16 to 8192");
    CHECK(refusal({{"width", 8193}}) ==
          "setting 'width' is 8193; allowed: an integer from 16 to 8192");
    CHECK(refusal({{"width", 16}}) == "(accepted)");
    CHECK(refusal({{"width", 8192}}) == "(accepted)");
    CHECK(refusal({{"level_dbfs", 0.5}}) ==
          "setting 'level_dbfs' is 0.5; allowed: a number from -96 to 0");
    CHECK(refusal({{"level_dbfs", -96}}) == "(accepted)");
    // min == max means unbounded.
    CHECK(refusal({{"gain", 1e6}}) == "(accepted)");
    CHECK(refusal({{"gain", -1e6}}) == "(accepted)");
    // Colours are 32-bit.
    CHECK(refusal({{"color", 0xFFFFFFFFu}}) == "(accepted)");
    CHECK_THAT(refusal({{"color", 0x100000000u}}), Contains("setting 'color' is 4294967296"));
    CHECK_THAT(refusal({{"color", -1}}), Contains("setting 'color' is -1"));
}

TEST_CASE("apply_schema checks list membership and lists the options", "[scene]") {
    CHECK(refusal({{"rate_control", "abr"}}) ==
          "setting 'rate_control' is \"abr\"; allowed: one of \"cbr\" (Constant bitrate), "
          "\"vbr\" (Variable bitrate)");
    CHECK(refusal({{"rate_control", "vbr"}}) == "(accepted)");
}

TEST_CASE("apply_schema never repeats a secret value in its message", "[scene]") {
    const std::string message = refusal({{"key", 123456789}});
    CHECK(message == "setting 'key' is (hidden); allowed: a string");
    CHECK_THAT(message, !Contains("123456789"));
}

TEST_CASE("apply_schema refuses settings that are not an object", "[scene]") {
    CHECK(refusal(json::array({1, 2})) == "settings must be a JSON object, got array");
    CHECK(refusal("width=5") == "settings must be a JSON object, got string");
}

TEST_CASE("apply_schema shortens long values without splitting a character", "[scene]") {
    std::string long_text;
    for (int i = 0; i < 100; ++i)
        long_text += "é";
    const std::string message = refusal({{"width", long_text}});
    CHECK_THAT(message, Contains("...; allowed: an integer from 16 to 8192"));
    CHECK(message.size() < 120);
    // Still valid UTF-8: writing it as JSON (the remote control does) must not throw.
    CHECK_NOTHROW(json(message).dump());
}
