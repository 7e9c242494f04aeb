#include "plugins/filters/cube_lut.hpp"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <fstream>
#include <sstream>

namespace lm {
namespace {

constexpr int kMaxSize = 256;
constexpr size_t kMaxFileBytes = size_t{1} << 30;

std::string_view trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string_view::npos)
        return {};
    const auto last = s.find_last_not_of(" \t\r");
    return s.substr(first, last - first + 1);
}

/// Splits on spaces and tabs.
std::vector<std::string_view> words(std::string_view line) {
    std::vector<std::string_view> out;
    size_t at = 0;
    while (at < line.size()) {
        const size_t start = line.find_first_not_of(" \t", at);
        if (start == std::string_view::npos)
            break;
        const size_t end = line.find_first_of(" \t", start);
        out.push_back(line.substr(start, end == std::string_view::npos ? line.npos : end - start));
        at = end == std::string_view::npos ? line.size() : end;
    }
    return out;
}

bool to_float(std::string_view word, float& value) {
    const char* end = word.data() + word.size();
    const auto [ptr, error] = std::from_chars(word.data(), end, value);
    return error == std::errc() && ptr == end;
}

/// Three numbers, or the reason they are not.
std::string three_numbers(const std::vector<std::string_view>& w, size_t first,
                          std::array<float, 3>& out) {
    if (w.size() - first != 3)
        return fmt::format("expected three numbers, found {}", w.size() - first);
    for (size_t i = 0; i < 3; ++i) {
        if (!to_float(w[first + i], out[i]))
            return fmt::format("expected a number, found '{}'", w[first + i]);
    }
    return {};
}

}  // namespace

CubeLutResult parse_cube_lut(std::string_view text) {
    CubeLutResult result;
    CubeLut& lut = result.lut;
    size_t expected = 0;
    int line_number = 0;
    const auto fail = [&](const std::string& what) {
        result.error = fmt::format("line {}: {}", line_number, what);
        result.lut = {};
        return result;
    };
    size_t at = 0;
    while (at <= text.size()) {
        const size_t end = std::min(text.find('\n', at), text.size());
        const std::string_view line = trim(text.substr(at, end - at));
        at = end + 1;
        ++line_number;
        if (line.empty() || line.front() == '#')
            continue;
        const auto w = words(line);
        const std::string_view keyword = w.front();
        std::array<float, 3> numbers{};
        if (keyword == "TITLE") {
            continue;
        } else if (keyword == "LUT_1D_SIZE") {
            return fail("a 1D LUT (LUT_1D_SIZE); only 3D LUTs (LUT_3D_SIZE) are supported");
        } else if (keyword == "LUT_3D_SIZE") {
            int size = 0;
            if (w.size() != 2 ||
                std::from_chars(w[1].data(), w[1].data() + w[1].size(), size).ec != std::errc() ||
                size < 2 || size > kMaxSize) {
                return fail(
                    fmt::format("LUT_3D_SIZE must be a whole number from 2 to {}", kMaxSize));
            }
            if (lut.size != 0 || !lut.rgb.empty())
                return fail("LUT_3D_SIZE must come once, before the table");
            lut.size = size;
            expected = size_t(size) * size * size;
            lut.rgb.reserve(expected * 3);
        } else if (keyword == "DOMAIN_MIN" || keyword == "DOMAIN_MAX") {
            if (const std::string error = three_numbers(w, 1, numbers); !error.empty())
                return fail(fmt::format("{}: {}", keyword, error));
            (keyword == "DOMAIN_MIN" ? lut.domain_min : lut.domain_max) = numbers;
        } else if (std::isalpha(static_cast<unsigned char>(keyword.front()))) {
            return fail(fmt::format("unknown keyword '{}'", keyword));
        } else {
            if (const std::string error = three_numbers(w, 0, numbers); !error.empty())
                return fail(error);
            if (lut.size == 0)
                return fail("a table entry before LUT_3D_SIZE");
            if (lut.rgb.size() == expected * 3) {
                return fail(
                    fmt::format("more than the {} entries LUT_3D_SIZE {} has", expected, lut.size));
            }
            lut.rgb.insert(lut.rgb.end(), numbers.begin(), numbers.end());
        }
    }
    if (lut.size == 0) {
        result.error = "no LUT_3D_SIZE line: not a 3D .cube LUT";
        result.lut = {};
        return result;
    }
    if (lut.rgb.size() != expected * 3) {
        result.error = fmt::format("{} entries where LUT_3D_SIZE {} needs {}", lut.rgb.size() / 3,
                                   lut.size, expected);
        result.lut = {};
        return result;
    }
    for (int c = 0; c < 3; ++c) {
        if (!(lut.domain_max[c] > lut.domain_min[c])) {
            result.error = "DOMAIN_MAX must be above DOMAIN_MIN";
            result.lut = {};
            return result;
        }
    }
    return result;
}

CubeLutResult load_cube_lut(const std::filesystem::path& path) {
    CubeLutResult result;
    const std::string name = path.filename().string();
    std::error_code error;
    const auto bytes = std::filesystem::file_size(path, error);
    if (error) {
        result.error = fmt::format("LUT '{}': {}; pick a .cube file", path.string(),
                                   error == std::errc::no_such_file_or_directory
                                       ? std::string("file not found")
                                       : error.message());
        return result;
    }
    if (bytes > kMaxFileBytes) {
        result.error = fmt::format("LUT '{}': the file is too large for a .cube LUT", name);
        return result;
    }
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    if (!file) {
        result.error = fmt::format("LUT '{}': cannot read the file", name);
        return result;
    }
    result = parse_cube_lut(text.str());
    if (!result.error.empty())
        result.error =
            fmt::format("LUT '{}': {}; fix the file or pick another", name, result.error);
    return result;
}

}  // namespace lm
