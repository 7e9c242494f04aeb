#include "plugins/text/text_file.hpp"

#include <fcntl.h>
#include <glib.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace lm {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";

// Closes the descriptor on every path out of read_text_file.
class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : fd_(fd) {}
    ~FileDescriptor() {
        if (fd_ >= 0)
            ::close(fd_);
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    int get() const { return fd_; }

private:
    int fd_;
};

// Cuts `bytes` to at most `limit` without splitting a UTF-8 sequence, so the cut itself never
// produces a replacement character.
void cut_at_character(std::string& bytes, std::size_t limit) {
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(bytes[cut]) & 0xC0) == 0x80)
        --cut;
    bytes.resize(cut);
}

}  // namespace

std::string make_valid_utf8(std::string_view bytes, bool* had_invalid) {
    *had_invalid = false;
    // g_utf8_make_valid keeps NULs, which would end the text early inside Pango.
    std::string result;
    result.reserve(bytes.size());
    std::size_t start = 0;
    while (start <= bytes.size()) {
        const std::size_t nul = std::min(bytes.find('\0', start), bytes.size());
        const std::string_view piece = bytes.substr(start, nul - start);
        const char* end = nullptr;
        if (g_utf8_validate(piece.data(), gssize(piece.size()), &end)) {
            result.append(piece);
        } else {
            *had_invalid = true;
            char* valid = g_utf8_make_valid(piece.data(), gssize(piece.size()));
            result.append(valid);
            g_free(valid);
        }
        if (nul == bytes.size())
            break;
        *had_invalid = true;
        result.append(kReplacementCharacter);
        start = nul + 1;
    }
    return result;
}

TextFileContent read_text_file(const std::filesystem::path& path) {
    TextFileContent content;
    const FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
        content.error = std::strerror(errno);
        return content;
    }
    std::string bytes;
    char buffer[16 * 1024];
    while (bytes.size() <= kMaxTextFileBytes) {
        const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            content.error = std::strerror(errno);  // EISDIR for a folder, EIO on a bad disk
            return content;
        }
        if (n == 0)
            break;
        bytes.append(buffer, std::size_t(n));
    }
    if (bytes.size() > kMaxTextFileBytes) {
        content.truncated = true;
        cut_at_character(bytes, kMaxTextFileBytes);
    }
    if (std::string_view(bytes).starts_with(kByteOrderMark))
        bytes.erase(0, kByteOrderMark.size());
    // Editors end files with a newline; shown, it would add an empty line under the text.
    if (bytes.ends_with("\r\n")) {
        bytes.resize(bytes.size() - 2);
    } else if (bytes.ends_with('\n')) {
        bytes.pop_back();
    }
    content.text = make_valid_utf8(bytes, &content.had_invalid_utf8);
    return content;
}

}  // namespace lm
