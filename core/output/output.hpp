// Output: the plugin interface for a destination of encoded packets (RTMP server, file, HLS).
// Each output runs on its own thread (OutputRunner); these calls may block on the network or
// disk but never on the engine.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/media/packet.hpp"

namespace lm {

class OutputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A replay saved to a file (Output::save_replay).
struct ReplaySaved {
    std::string path;
    double duration_s = 0;  ///< of its video, from its first keyframe
};

/// What a replay buffer holds now (Output::replay_status).
struct ReplayStatus {
    double window_s = 0;        ///< media time held, from its oldest keyframe to its newest packet
    double capacity_s = 0;      ///< the seconds it was asked to keep
    uint64_t window_bytes = 0;  ///< payload bytes held (the whole memory it uses, but overhead)
    uint64_t saved = 0;         ///< replays saved so far
};

class Output {
public:
    virtual ~Output() = default;

    /// A name safe to print and log: the URL without its stream key, or the file path.
    virtual std::string display_name() const = 0;
    /// Connects or creates the file and writes the header for `streams` (at most one video and
    /// one audio). Throws OutputError with a message a user can act on.
    virtual void open(const std::vector<StreamInfo>& streams) = 0;
    /// Writes one packet of the stream of its kind. Throws OutputError when the destination
    /// fails (connection lost, disk full).
    virtual void write(const Packet& packet) = 0;
    /// Flushes and writes the trailer (FLV/MP4/MKV index). Throws OutputError.
    virtual void close() = 0;
    /// Makes a blocking open()/write()/close() on another thread give up soon. MT safe.
    virtual void interrupt() = 0;
    /// Whether open() may be called again after write() failed: a network destination that
    /// dropped (the runner reconnects it), not a file (a disk error does not heal by waiting).
    /// close() has been called on the broken connection first.
    virtual bool reconnectable() const { return false; }
    /// For a reconnectable output whose first connection the server closed within seconds
    /// of opening (`error` is write()'s message): what the creator should check. The server
    /// accepted the connection and then refused the stream (a wrong or already used stream
    /// key), so the output fails instead of retrying.
    virtual std::string describe_refusal(const std::string& error) const {
        return "the connection was closed as soon as the stream started (" + error + ")";
    }
    /// Something the creator should know while the output still works ("the disk has room for
    /// about 4 more minutes"), or empty. Shown beside the output's state. MT safe.
    virtual std::string warning() const { return {}; }

    /// Whether the output keeps the last seconds of the stream for save_replay().
    virtual bool keeps_replay() const { return false; }
    /// Writes what a replay buffer holds into a new file and returns once it is written; the
    /// output goes on taking packets meanwhile (the file is written on a thread of its own).
    /// Throws OutputError (nothing buffered yet, the disk refused). MT safe.
    virtual ReplaySaved save_replay() { throw OutputError("this output keeps no replay"); }
    /// A replay buffer's fill, or nothing for other outputs. MT safe.
    virtual std::optional<ReplayStatus> replay_status() const { return std::nullopt; }
};

}  // namespace lm
