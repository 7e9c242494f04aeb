#include "core/scene/json_positions.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_set>

namespace lm {

namespace {

// Walks forward through the text, keeping the line and column of the read position, so that
// positions for the whole document cost one pass however long its lines are.
class Cursor {
public:
    /// Starts after a UTF-8 byte order mark, which editors do not show as a column.
    explicit Cursor(std::string_view text) : text_(text) {
        if (text_.substr(0, 3) == "\xEF\xBB\xBF")
            offset_ = 3;
    }

    size_t offset() const { return offset_; }
    bool at_end() const { return offset_ >= text_.size(); }
    char peek() const { return at_end() ? '\0' : text_[offset_]; }
    TextPosition position() const { return {line_, column_}; }

    void advance(size_t count = 1) {
        for (size_t i = 0; i < count && !at_end(); ++i) {
            const auto byte = static_cast<unsigned char>(text_[offset_++]);
            if (byte == '\n') {
                ++line_;
                column_ = 1;
            } else if ((byte & 0xC0) != 0x80) {  // UTF-8 continuation bytes are not columns
                ++column_;
            }
        }
    }
    void skip_whitespace() {
        while (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')
            advance();
    }
    /// Skips a string token and returns it raw, quotes and escapes included.
    std::string_view skip_string() {
        const size_t start = offset_;
        advance();  // opening quote
        while (!at_end() && peek() != '"')
            advance(peek() == '\\' ? 2 : 1);
        advance();  // closing quote
        return text_.substr(start, offset_ - start);
    }
    void skip_scalar() {
        while (!at_end()) {
            const char c = peek();
            if (c == ',' || c == ']' || c == '}' || c == ' ' || c == '\t' || c == '\n' ||
                c == '\r') {
                break;
            }
            advance();
        }
    }

private:
    std::string_view text_;
    size_t offset_ = 0;
    int line_ = 1;
    int column_ = 1;
};

std::string decode_key(std::string_view raw) {
    if (raw.size() >= 2 && raw.find('\\') == std::string_view::npos) {
        return std::string(raw.substr(1, raw.size() - 2));
    }
    return nlohmann::json::parse(raw).get<std::string>();
}

// The same escaping as json_pointer::to_string(), so lookups by pointer match.
std::string child_pointer(const std::string& parent, std::string_view token) {
    std::string out = parent;
    out += '/';
    for (const char c : token) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out += c;
        }
    }
    return out;
}

struct Frame {
    bool object = false;
    std::string pointer;
    size_t next_index = 0;
    std::unordered_set<std::string> keys;
};

}  // namespace

TextPosition text_position(std::string_view text, size_t offset) {
    Cursor cursor(text);
    if (offset > cursor.offset())
        cursor.advance(offset - cursor.offset());
    return cursor.position();
}

JsonSyntaxError locate_syntax_error(std::string_view text, const nlohmann::json::exception& error) {
    std::string what = error.what();
    // Drop nlohmann's "[json.exception.parse_error.101] parse error at line 2, column 9: ".
    if (const size_t at = what.find("parse error"); at != std::string::npos) {
        if (const size_t colon = what.find(": ", at); colon != std::string::npos) {
            what = what.substr(colon + 2);
        }
    } else if (const size_t bracket = what.find("] "); bracket != std::string::npos) {
        what = what.substr(bracket + 2);
    }

    size_t offset = 0;
    if (const auto* parse_error = dynamic_cast<const nlohmann::json::parse_error*>(&error)) {
        // nlohmann gives the 1-based index of the last byte it read.
        offset = std::min(parse_error->byte > 0 ? parse_error->byte - 1 : 0, text.size());
    } else if (const size_t open = what.find('\''); open != std::string::npos) {
        // "number overflow parsing '1e400'" has no position: find the literal.
        const size_t close = what.find('\'', open + 1);
        const size_t found = text.find(what.substr(open + 1, close - open - 1));
        if (found != std::string_view::npos)
            offset = found;
    }

    if (what.find("end of input") != std::string::npos) {
        offset = text.size();
    } else if (what.find("unexpected string literal") != std::string::npos &&
               offset < text.size()) {
        // nlohmann stops at the last byte of the unexpected token; people look for its start.
        for (size_t i = offset; i-- > 0;) {
            size_t backslashes = 0;
            while (i > backslashes && text[i - backslashes - 1] == '\\')
                ++backslashes;
            if (text[i] == '"' && backslashes % 2 == 0) {
                offset = i;
                break;
            }
        }
    } else if (what.find("unexpected number literal") != std::string::npos ||
               what.find("unexpected true literal") != std::string::npos ||
               what.find("unexpected false literal") != std::string::npos ||
               what.find("unexpected null literal") != std::string::npos) {
        auto in_token = [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
        };
        while (offset > 0 && in_token(text[offset - 1]))
            --offset;
    }
    return {text_position(text, offset), what};
}

JsonPositions::JsonPositions(std::string_view text, size_t max_depth) {
    Cursor cursor(text);
    std::vector<Frame> stack;

    // Records where a value starts and steps over it, or into it for containers.
    auto start_value = [&](const std::string& pointer, bool indexed) {
        if (indexed)
            values_[pointer] = cursor.position();
        const char c = cursor.peek();
        if (c == '{' || c == '[') {
            stack.push_back(Frame{c == '{', pointer, 0, {}});
            cursor.advance();
        } else if (c == '"') {
            cursor.skip_string();
        } else {
            cursor.skip_scalar();
        }
    };

    cursor.skip_whitespace();
    start_value("", true);
    while (!stack.empty() && !cursor.at_end()) {
        cursor.skip_whitespace();
        const char c = cursor.peek();
        if (c == '}' || c == ']') {
            cursor.advance();
            stack.pop_back();
            continue;
        }
        if (c == ',') {
            cursor.advance();
            cursor.skip_whitespace();
        }
        Frame& frame = stack.back();
        // Below max_depth no pointers are built: they would cost depth^2 memory.
        const bool indexed = stack.size() <= max_depth;
        std::string child;
        if (frame.object) {
            const TextPosition key_position = cursor.position();
            const std::string_view raw_name = cursor.skip_string();
            if (indexed) {
                const std::string name = decode_key(raw_name);
                child = child_pointer(frame.pointer, name);
                keys_[child] = key_position;
                if (!frame.keys.insert(name).second)
                    duplicate_keys_.emplace_back(child);
            }
            cursor.skip_whitespace();
            cursor.advance();  // ':'
            cursor.skip_whitespace();
        } else if (indexed) {
            child = child_pointer(frame.pointer, std::to_string(frame.next_index++));
        }
        start_value(child, indexed);  // may push, invalidating `frame`
    }
}

TextPosition JsonPositions::value(const Pointer& pointer) const {
    const auto found = values_.find(pointer.to_string());
    return found == values_.end() ? TextPosition{} : found->second;
}

TextPosition JsonPositions::key(const Pointer& pointer) const {
    const auto found = keys_.find(pointer.to_string());
    return found == keys_.end() ? TextPosition{} : found->second;
}

}  // namespace lm
