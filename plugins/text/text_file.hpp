// Reading the text a source shows from a UTF-8 file (a "now playing" line a script rewrites,
// a ticker), and repairing text that is not valid UTF-8 so Pango never sees invalid bytes.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace lm {

/// Files longer than this are cut (at a character boundary): more would never fit a picture.
inline constexpr std::size_t kMaxTextFileBytes = 64 * 1024;

struct TextFileContent {
    std::optional<std::string> text;  ///< valid UTF-8, or nothing when the file cannot be read
    std::string error;                ///< why it could not be read ("No such file or directory")
    bool had_invalid_utf8 = false;    ///< invalid bytes were replaced with U+FFFD
    bool truncated = false;           ///< only the first kMaxTextFileBytes are kept
};

/// Reads `path` whole (a leading byte-order mark and one trailing newline dropped). Blocks on
/// the file system: call it on a thread that may wait (the file watch's, a constructor's).
TextFileContent read_text_file(const std::filesystem::path& path);

/// `bytes` as valid UTF-8: each invalid sequence and each NUL becomes U+FFFD. Sets
/// `*had_invalid` when anything was replaced.
std::string make_valid_utf8(std::string_view bytes, bool* had_invalid);

}  // namespace lm
