#include "ui/settings/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <system_error>

namespace lm::ui {
namespace {

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& path, int error) {
    throw std::system_error(error, std::generic_category(), what + " " + path.string());
}

/// Closes the descriptor and removes the temporary file unless release() was called.
class TemporaryFile {
public:
    explicit TemporaryFile(const std::filesystem::path& target)
        : path_(target.string() + ".tmp-XXXXXX") {
        fd_ = ::mkstemp(path_.data());
        if (fd_ < 0)
            fail("cannot create a temporary file for", target, errno);
    }
    ~TemporaryFile() {
        if (fd_ >= 0)
            ::close(fd_);
        if (!released_)
            ::unlink(path_.c_str());
    }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;

    int fd() const { return fd_; }
    const std::string& path() const { return path_; }
    void close(const std::filesystem::path& target) {
        const int fd = fd_;
        fd_ = -1;
        if (::close(fd) != 0)
            fail("cannot write", target, errno);
    }
    void release() { released_ = true; }

private:
    std::string path_;
    int fd_ = -1;
    bool released_ = false;
};

void write_all(int fd, std::string_view contents, const std::filesystem::path& target) {
    while (!contents.empty()) {
        const ssize_t written = ::write(fd, contents.data(), contents.size());
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            fail("cannot write", target, written < 0 ? errno : ENOSPC);
        contents.remove_prefix(static_cast<size_t>(written));
    }
}

void keep_backup(const std::filesystem::path& path, mode_t mode) {
    const std::filesystem::path backup = backup_path(path);
    const std::string staged = backup.string() + ".new";
    ::unlink(staged.c_str());
    // A hard link keeps the old bytes without copying them; the rename then swaps the backup
    // in one step, so an older backup survives until the new one is complete.
    if (::link(path.c_str(), staged.c_str()) != 0) {
        std::error_code error;
        std::filesystem::copy_file(path, staged, std::filesystem::copy_options::overwrite_existing,
                                   error);
        if (error)
            fail("cannot keep a backup of", path, error.value());
    }
    ::chmod(staged.c_str(), mode);
    if (::rename(staged.c_str(), backup.c_str()) != 0) {
        const int error = errno;
        ::unlink(staged.c_str());
        fail("cannot keep a backup of", path, error);
    }
}

}  // namespace

std::filesystem::path backup_path(const std::filesystem::path& path) {
    return std::filesystem::path(path.string() + ".bak");
}

void write_file_atomically(const std::filesystem::path& path, std::string_view contents,
                           mode_t mode, KeepBackup backup) {
    TemporaryFile temporary(path);
    if (::fchmod(temporary.fd(), mode) != 0)
        fail("cannot set the permissions of", path, errno);
    write_all(temporary.fd(), contents, path);
    if (::fsync(temporary.fd()) != 0)
        fail("cannot write", path, errno);
    temporary.close(path);

    if (backup == KeepBackup::yes && ::access(path.c_str(), F_OK) == 0)
        keep_backup(path, mode);
    if (::rename(temporary.path().c_str(), path.c_str()) != 0)
        fail("cannot replace", path, errno);
    temporary.release();

    // The rename itself is only durable once the folder's entry is on disk.
    const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : ".";
    const int folder_fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (folder_fd >= 0) {
        ::fsync(folder_fd);
        ::close(folder_fd);
    }
}

}  // namespace lm::ui
