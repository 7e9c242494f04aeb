// One file of a recording: claims its name, writes the container so that a crash loses at most
// about a second, and pushes the data to the disk every couple of seconds.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "core/media/packet.hpp"
#include "core/output/av_muxer.hpp"

namespace lm {

enum class RecordContainer {
    matroska = 1,  ///< .mkv: the default; every closed cluster (~1 s) survives a crash
    mp4,           ///< .mp4: fragmented; every closed fragment (~1 s) survives a crash
    flv,           ///< .flv: every packet survives a crash
};

/// libavformat's name for the container ("matroska", "mp4", "flv").
const char* format_name_of(RecordContainer container);

/// What survives what (docs/recording.md):
/// * kill -9 of the studio: everything handed to the kernel, i.e. every cluster (MKV) or
///   fragment (MP4) closed so far, as the muxer's IO is flushed after each of them; clusters
///   and fragments close at least every second.
/// * power loss: what the last fdatasync() reached, at most `kSyncInterval` old.
///
/// Threads: everything on the output thread, except interrupt() (MT safe).
class RecordFile {
public:
    /// How often written data is forced to the disk. Not per packet: an fdatasync on a
    /// spinning disk can take tens of milliseconds.
    static constexpr std::chrono::milliseconds kSyncInterval{2000};

    /// Creates `path` and writes the header. Never overwrites: fails when the file exists.
    /// Throws OutputError ("cannot record to 'x.mkv': the file already exists (…)"); the file
    /// is removed then.
    RecordFile(const std::string& path, RecordContainer container,
               const std::vector<StreamInfo>& streams);
    /// Abandons the file without its trailer (what was flushed stays playable).
    ~RecordFile();
    RecordFile(const RecordFile&) = delete;
    RecordFile& operator=(const RecordFile&) = delete;

    const std::string& path() const { return path_; }

    /// Writes `packet` with `offset` (in seconds, exact) subtracted from its timestamps, so a
    /// later part of a split recording starts at 0. Throws AvMuxerError.
    void write(const Packet& packet, Rational offset_s);
    /// Forces written data to the disk when the last sync is `kSyncInterval` old.
    void sync_if_due(std::chrono::steady_clock::time_point now);
    /// Writes the trailer (index, duration), syncs and closes. Throws AvMuxerError.
    void close();
    void interrupt() { muxer_.interrupt(); }

    /// Bytes written so far. MT safe.
    int64_t bytes_written() const { return muxer_.bytes_written(); }
    /// Bytes handed to the muxer so far: unlike bytes_written(), which moves a cluster at a
    /// time, this follows every packet (for split_size_mb).
    int64_t bytes_queued() const { return std::max(bytes_queued_, bytes_written()); }
    /// Free bytes for an unprivileged writer on the file's file system, or -1 when unknown.
    int64_t free_bytes() const;
    /// Time spent in fdatasync so far (for the overhead measurements in docs/recording.md).
    std::chrono::nanoseconds sync_time() const { return sync_time_; }

private:
    void sync();

    std::string path_;
    /// A second descriptor of the file, kept for fdatasync/fstatvfs: FFmpeg's file protocol
    /// does not expose its own, and fdatasync flushes the file whichever descriptor names it.
    int fd_ = -1;
    AvMuxer muxer_;
    std::chrono::steady_clock::time_point last_sync_;
    std::chrono::nanoseconds sync_time_{0};
    int64_t bytes_queued_ = 0;
};

}  // namespace lm
