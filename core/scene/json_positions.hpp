// Line and column of every value in a JSON text, so errors in files people edit by hand can
// point at the offending value ("show.json:12:5: ..."). nlohmann::json 3.11 keeps no positions,
// hence this second, position-only pass over text nlohmann has already accepted.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace lm {

/// 1-based line and column; the column counts Unicode code points (a tab is one), as editors
/// do. line == 0 means unknown.
struct TextPosition {
    int line = 0;
    int column = 0;
    bool known() const { return line > 0; }
    friend bool operator==(TextPosition, TextPosition) = default;
};

/// Position of byte `offset` in `text`; an offset at or past the end is the position just
/// after the last character.
TextPosition text_position(std::string_view text, size_t offset);

/// Where a JSON syntax error is, and what it is.
struct JsonSyntaxError {
    /// The start of the unexpected token, or just after the last character when the text
    /// ends too early.
    TextPosition position;
    /// nlohmann's description without its "[json.exception...] parse error at ..." prefix.
    std::string message;
};

/// Places an exception thrown by nlohmann::json::parse(text): a parse_error (which carries a
/// byte offset) or an out_of_range for a number too large (found by its literal).
JsonSyntaxError locate_syntax_error(std::string_view text, const nlohmann::json::exception& error);

class JsonPositions {
public:
    using Pointer = nlohmann::json::json_pointer;

    /// Indexes `text`, which must be JSON that nlohmann::json::parse accepted (a UTF-8 byte
    /// order mark is skipped, as nlohmann does). Keeps no reference to `text`. Values nested
    /// deeper than `max_depth` are stepped over but not indexed, and the walk is iterative, so
    /// hostile input costs neither stack nor quadratic memory.
    explicit JsonPositions(std::string_view text, size_t max_depth = 32);

    /// Where the value at `pointer` starts; unknown when there is no such value.
    TextPosition value(const Pointer& pointer) const;
    /// Where the member name of the object member at `pointer` starts (its opening quote);
    /// unknown for array elements and the root.
    TextPosition key(const Pointer& pointer) const;
    /// Members whose name already appeared earlier in the same object, in text order.
    /// nlohmann keeps only the last of them, so a reader usually wants to refuse these.
    const std::vector<Pointer>& duplicate_keys() const { return duplicate_keys_; }

private:
    std::unordered_map<std::string, TextPosition> values_;
    std::unordered_map<std::string, TextPosition> keys_;
    std::vector<Pointer> duplicate_keys_;
};

}  // namespace lm
