// Scene collection files on disk: reading, and saving without ever losing the previous file.
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <string_view>
#include <system_error>

#include "core/scene/scene_collection.hpp"

namespace lm {

namespace {

std::string errno_text(int error) {
    return std::strerror(error);
}

// Closes a descriptor on every path out, and removes the temporary file unless it was renamed.
class TempFile {
public:
    TempFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
    ~TempFile() {
        if (fd_ >= 0)
            ::close(fd_);
        if (!path_.empty())
            ::unlink(path_.c_str());
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    int fd() const { return fd_; }
    const std::string& path() const { return path_; }
    /// Closes explicitly, since close() can report a delayed write error (NFS, quota).
    int close() {
        const int result = ::close(fd_);
        fd_ = -1;
        return result;
    }
    void keep() { path_.clear(); }

private:
    int fd_;
    std::string path_;
};

void write_all(int fd, std::string_view data) {
    while (!data.empty()) {
        const ssize_t written = ::write(fd, data.data(), data.size());
        if (written < 0) {
            if (errno == EINTR)
                continue;
            throw std::system_error(errno, std::generic_category());
        }
        data.remove_prefix(static_cast<size_t>(written));
    }
}

}  // namespace

SceneCollectionDescription load_scene_collection_file(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        throw SceneCollectionError(
            fmt::format("cannot open scene collection '{}': {}", path.string(), errno_text(errno)));
    }
    std::string text;
    char buffer[16384];
    for (;;) {
        const ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            const int error = errno;  // e.g. EISDIR: open() succeeds on a directory
            ::close(fd);
            throw SceneCollectionError(fmt::format("cannot read scene collection '{}': {}",
                                                   path.string(), errno_text(error)));
        }
        if (got == 0)
            break;
        text.append(buffer, static_cast<size_t>(got));
    }
    ::close(fd);
    return parse_scene_collection(text, path.string());
}

void save_scene_collection_file(const std::filesystem::path& path,
                                const SceneCollectionDescription& description) {
    // Serialize first: a description that cannot be written must not cost a temporary file.
    const std::string text = serialize(description);
    auto failed = [&](const std::string& why) {
        return SceneCollectionError(
            fmt::format("cannot save scene collection '{}': {}", path.string(), why));
    };

    // Through a symbolic link (dotfiles kept in a repository) the file it points to is
    // replaced, not the link.
    std::filesystem::path target = path;
    std::error_code link_error;
    if (std::filesystem::is_symlink(path, link_error)) {
        const std::filesystem::path resolved = std::filesystem::canonical(path, link_error);
        if (!link_error)
            target = resolved;
    }

    // The temporary lives in the same directory, so the final rename() stays on one file
    // system and is atomic: readers see the old file or the new one, never half of either.
    const std::filesystem::path directory =
        target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
    std::string temp_path = (directory / ("." + target.filename().string() + ".XXXXXX")).string();
    const int fd = ::mkostemp(temp_path.data(), O_CLOEXEC);
    if (fd < 0) {
        throw failed(fmt::format("cannot create a temporary file in '{}': {}", directory.string(),
                                 errno_text(errno)));
    }
    TempFile temp(fd, temp_path);

    // mkostemp creates 0600, right for a new file (settings may hold secrets); an existing
    // file keeps the permissions its owner chose.
    struct stat existing {};
    if (::stat(target.c_str(), &existing) == 0) {
        ::fchmod(temp.fd(), existing.st_mode & 07777);
    }
    try {
        write_all(temp.fd(), text);
    } catch (const std::system_error& error) {
        throw failed(
            fmt::format("cannot write '{}': {}", temp.path(), errno_text(error.code().value())));
    }
    // Data on disk before the rename, or a crash could leave a renamed but empty file.
    if (::fsync(temp.fd()) != 0) {
        throw failed(fmt::format("cannot flush '{}': {}", temp.path(), errno_text(errno)));
    }
    if (temp.close() != 0) {
        throw failed(fmt::format("cannot close '{}': {}", temp.path(), errno_text(errno)));
    }
    if (::rename(temp.path().c_str(), target.c_str()) != 0) {
        throw failed(errno_text(errno));
    }
    temp.keep();

    // Make the rename itself durable. A failure here is not reported: the new file is in
    // place and complete, only its name might not survive a power cut.
    const int dir_fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd >= 0) {
        ::fsync(dir_fd);
        ::close(dir_fd);
    }
}

}  // namespace lm
