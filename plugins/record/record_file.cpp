#include "plugins/record/record_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace lm {
namespace {

[[noreturn]] void refuse(const std::string& path, const std::string& why) {
    throw OutputError(fmt::format("cannot record to '{}': {}", path, why));
}

std::string folder_of(const std::string& path) {
    const std::string folder = std::filesystem::path(path).parent_path().string();
    return folder.empty() ? "." : folder;
}

/// Makes the new file's directory entry durable too: without it a power loss can keep the
/// data blocks but lose the name.
void sync_directory_of(const std::string& path) {
    const int fd = ::open(folder_of(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return;
    ::fsync(fd);
    ::close(fd);
}

AvMuxerOptions options_for(RecordContainer container, const std::string& path) {
    AvMuxerOptions options;
    options.display_name = path;
    // Push what the muxer has finished (a cluster, a fragment, an FLV tag) to the kernel right
    // away: after a kill -9 the page cache still reaches the disk, a user-space buffer does
    // not. Matroska and fragmented MP4 build each cluster/fragment in memory and hand it over
    // whole, so this costs one write() per cluster, not one per packet.
    options.format_options = {{"flush_packets", "1"}};
    switch (container) {
        case RecordContainer::matroska:
            // FFmpeg's defaults for a seekable file are 5 s / 5 MB clusters (a new one also
            // starts at a keyframe): a crash would lose up to 5 s. 1 s costs ~12 bytes of
            // cluster header per second (docs/recording.md).
            options.format_options.emplace_back("cluster_time_limit", "1000");
            options.format_options.emplace_back("cluster_size_limit", "4000000");
            break;
        case RecordContainer::mp4:
            // A plain MP4 is unreadable until its index (moov) is written at the end, so a crash
            // or a full disk would lose the whole recording. Fragmented MP4 writes a small index
            // per fragment instead, and players read it like any MP4. Fragments close at each
            // keyframe and at least every second (frag_duration, in microseconds). delay_moov
            // writes the initial index after the first fragment rather than before any packet,
            // so it can carry the edit lists that absorb the B-frame delay and the AAC priming;
            // without them each stream would start at zero on its own and audio would lead by
            // ~45 ms.
            options.format_options.emplace_back(
                "movflags", "+frag_keyframe+empty_moov+delay_moov+default_base_moof");
            options.format_options.emplace_back("frag_duration", "1000000");
            break;
        case RecordContainer::flv:
            break;
    }
    return options;
}

}  // namespace

const char* format_name_of(RecordContainer container) {
    switch (container) {
        case RecordContainer::matroska:
            return "matroska";
        case RecordContainer::mp4:
            return "mp4";
        case RecordContainer::flv:
            return "flv";
    }
    return "matroska";
}

RecordFile::RecordFile(const std::string& path, RecordContainer container,
                       const std::vector<StreamInfo>& streams)
    : path_(path) {
    // Claim the name atomically: the file may appear between any check and here, and FFmpeg's
    // file protocol would truncate it.
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd_ < 0) {
        const int error = errno;
        if (error == EEXIST) {
            refuse(path_,
                   "the file already exists (recordings never overwrite; choose another name)");
        }
        const std::string folder = folder_of(path_);
        switch (error) {
            case ENOSPC:
            case EDQUOT:
                refuse(path_, "the disk is full");
            case EROFS:
                refuse(path_, fmt::format("'{}' is on a read-only file system", folder));
            case EACCES:
            case EPERM:
                refuse(path_, fmt::format("no permission to create files in '{}'", folder));
            case ENOENT:
                // The folder exists (checked before): it is one that holds no ordinary files,
                // such as /proc.
                refuse(path_, fmt::format("'{}' does not accept new files ({})", folder,
                                          std::strerror(error)));
            default:
                refuse(path_, std::strerror(error));
        }
    }
    try {
        // "file:" so a ':' in the path is never taken for a protocol.
        muxer_.open("file:" + path_, format_name_of(container), streams,
                    options_for(container, path_));
    } catch (const OutputError&) {
        // The file is ours (created above) and holds at most a header: don't leave it behind.
        ::close(fd_);
        fd_ = -1;
        std::error_code ignored;
        std::filesystem::remove(path_, ignored);
        throw;
    }
    sync_directory_of(path_);
    last_sync_ = std::chrono::steady_clock::now();
}

RecordFile::~RecordFile() {
    if (fd_ >= 0)
        ::close(fd_);
}

void RecordFile::write(const Packet& packet, Rational offset_s) {
    bytes_queued_ += static_cast<int64_t>(packet.data.size());
    if (offset_s.num == 0) {
        muxer_.write(packet);
        return;
    }
    // A later part of a split recording: the same packet, moved to start at 0. Copying a
    // compressed packet (a few kB) is cheap next to encoding it.
    Packet moved = packet;
    const int64_t offset = rescale(1, offset_s, packet.time_base);
    moved.pts -= offset;
    moved.dts -= offset;
    muxer_.write(moved);
}

void RecordFile::sync_if_due(std::chrono::steady_clock::time_point now) {
    if (now - last_sync_ >= kSyncInterval) {
        sync();
        last_sync_ = now;
    }
}

void RecordFile::sync() {
    if (fd_ < 0)
        return;
    const auto start = std::chrono::steady_clock::now();
    // A failure here (EIO) will show as a write error soon enough; logging it once is enough.
    if (::fdatasync(fd_) != 0)
        spdlog::warn("{}: fdatasync failed: {}", path_, std::strerror(errno));
    sync_time_ += std::chrono::steady_clock::now() - start;
}

void RecordFile::close() {
    try {
        muxer_.close();
    } catch (const OutputError&) {
        ::close(fd_);
        fd_ = -1;
        throw;
    }
    sync();
    ::close(fd_);
    fd_ = -1;
}

int64_t RecordFile::free_bytes() const {
    struct statvfs info {};
    if (fd_ < 0 || ::fstatvfs(fd_, &info) != 0)
        return -1;
    // f_bavail, not f_bfree: the blocks reserved for root are not ours to plan with, even when
    // the studio runs as root.
    return static_cast<int64_t>(info.f_bavail) * static_cast<int64_t>(info.f_frsize);
}

}  // namespace lm
