#include "core/scene/json_positions.hpp"

#include <catch2/catch.hpp>

using Pointer = nlohmann::json::json_pointer;

namespace Catch {
template <>
struct StringMaker<lm::TextPosition> {
    static std::string convert(lm::TextPosition p) {
        return std::to_string(p.line) + ":" + std::to_string(p.column);
    }
};
}  // namespace Catch

namespace {

lm::JsonPositions index(const std::string& text) {
    REQUIRE(nlohmann::json::accept(text));  // the contract: only text nlohmann accepts
    return lm::JsonPositions(text);
}

}  // namespace

TEST_CASE("positions of values and keys in nested objects and arrays", "[scene]") {
    const auto positions = index("{\n  \"a\": [10, {\"b\": true}],\n\t\"c\": \"x\"\n}");
    CHECK(positions.value(Pointer("")) == lm::TextPosition{1, 1});
    CHECK(positions.key(Pointer("/a")) == lm::TextPosition{2, 3});
    CHECK(positions.value(Pointer("/a")) == lm::TextPosition{2, 8});
    CHECK(positions.value(Pointer("/a/0")) == lm::TextPosition{2, 9});
    CHECK(positions.value(Pointer("/a/1")) == lm::TextPosition{2, 13});
    CHECK(positions.key(Pointer("/a/1/b")) == lm::TextPosition{2, 14});
    CHECK(positions.value(Pointer("/a/1/b")) == lm::TextPosition{2, 19});
    CHECK(positions.value(Pointer("/c")) == lm::TextPosition{3, 7});  // a tab is one column
    CHECK_FALSE(positions.value(Pointer("/missing")).known());
    CHECK_FALSE(positions.value(Pointer("/a/2")).known());
    CHECK_FALSE(positions.key(Pointer("/a/0")).known());  // array elements have no key
}

TEST_CASE("keys with escapes, slashes and tildes are found by their pointer", "[scene]") {
    const auto positions = index(R"({"a/b": 1, "t~x": 2, "q\"u\u00e9": 3, "é": [4]})");
    CHECK(positions.value(Pointer("/a~1b")) == lm::TextPosition{1, 9});
    CHECK(positions.value(Pointer("/t~0x")) == lm::TextPosition{1, 19});
    CHECK(positions.value(Pointer("/q\"u\xC3\xA9")) == lm::TextPosition{1, 36});
    // Columns count characters: "é" is two bytes but one column.
    CHECK(positions.value(Pointer("/\xC3\xA9/0")) == lm::TextPosition{1, 45});
}

TEST_CASE("columns count characters, not bytes, and the BOM is skipped", "[scene]") {
    const auto positions = index("\xEF\xBB\xBF{\"name\": \"Caméra ☕\", \"x\": 1}");
    CHECK(positions.value(Pointer("/name")) == lm::TextPosition{1, 10});
    CHECK(positions.value(Pointer("/x")) == lm::TextPosition{1, 27});
    CHECK(lm::text_position("ab\ncé\nd", 6) == lm::TextPosition{2, 3});  // the "\n" after é
    CHECK(lm::text_position("ab\n", 99) == lm::TextPosition{2, 1});      // past the end
}

TEST_CASE("duplicate keys are reported in text order", "[scene]") {
    const auto positions = index(R"({"a": 1, "b": {"c": 1, "c": 2}, "a": 3})");
    REQUIRE(positions.duplicate_keys().size() == 2);
    CHECK(positions.duplicate_keys()[0] == Pointer("/b/c"));
    CHECK(positions.duplicate_keys()[1] == Pointer("/a"));
    // nlohmann keeps the last value; its position is the one indexed.
    CHECK(positions.value(Pointer("/a")) == lm::TextPosition{1, 38});
    CHECK(index(R"({"a": {"c": 1}, "b": {"c": 2}})").duplicate_keys().empty());
}

TEST_CASE("deeply nested input is walked without recursion or quadratic memory", "[scene]") {
    const int depth = 100'000;
    const std::string text = std::string(depth, '[') + "1" + std::string(depth, ']');
    const auto positions = index(text);
    CHECK(positions.value(Pointer("/0/0")) == lm::TextPosition{1, 3});
    CHECK_FALSE(positions
                    .value(Pointer("/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/"
                                   "0/0/0/0/0/0/0/0/0/0/0/0/0"))
                    .known());
}
