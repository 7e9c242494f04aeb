// AvMuxer: a small wrapper over libavformat that writes encoded packets to a file or a network
// URL, shared by the RTMP and recording outputs. Keeps FFmpeg out of its users' headers.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/media/packet.hpp"
#include "core/output/output.hpp"

struct AVFormatContext;

namespace lm {

/// Which step of the muxer failed.
enum class AvMuxerStage {
    open_io = 1,    ///< connecting, or creating the file
    write_header,   ///< container header (and, for RTMP, nothing else: publish is in open_io)
    write_packet,   ///< a packet
    write_trailer,  ///< the index, or closing the connection
};

/// An OutputError that also says where it happened and the FFmpeg error code, so an output can
/// rephrase it for its users (an RTMP "connection refused" means "is the server running?").
class AvMuxerError : public OutputError {
public:
    AvMuxerError(const std::string& message, AvMuxerStage stage, int av_error, bool timed_out,
                 bool interrupted)
        : OutputError(message),
          stage_(stage),
          av_error_(av_error),
          timed_out_(timed_out),
          interrupted_(interrupted) {}

    AvMuxerStage stage() const { return stage_; }
    /// The AVERROR code (negative errno or an FFmpeg tag).
    int av_error() const { return av_error_; }
    /// The per-operation deadline (connect or write-stall timeout) passed.
    bool timed_out() const { return timed_out_; }
    /// interrupt() was called.
    bool interrupted() const { return interrupted_; }

private:
    AvMuxerStage stage_;
    int av_error_;
    bool timed_out_;
    bool interrupted_;
};

/// FFmpeg's text for an AVERROR code ("Connection refused").
std::string av_error_text(int av_error);

struct AvMuxerOptions {
    /// Names the destination in every message, in place of the URL, which may carry a stream
    /// key. Without one, messages say "the output".
    std::string display_name;
    /// Longest open() may take (TCP connect, TLS and RTMP handshakes, publish).
    std::chrono::milliseconds connect_timeout{10'000};
    /// Longest one write()/close() may block without finishing (a stalled socket or disk).
    std::chrono::milliseconds write_stall_timeout{10'000};
    /// Muxer options, e.g. {"movflags", "+frag_keyframe"}.
    std::vector<std::pair<std::string, std::string>> format_options;
    /// Protocol options passed to avio_open2.
    std::vector<std::pair<std::string, std::string>> io_options;
};

/// Writes at most one video and one audio stream into a container ("flv", "matroska", "mp4")
/// at a file path or URL.
///
/// Threads: open(), write() and close() are called on one output thread and may block (bounded
/// by the timeouts); interrupt() and bytes_written() are MT safe. Not copyable or movable (the
/// FFmpeg interrupt callback points at it).
class AvMuxer {
public:
    AvMuxer() = default;
    /// Abandons an open destination without writing the trailer.
    ~AvMuxer();
    AvMuxer(const AvMuxer&) = delete;
    AvMuxer& operator=(const AvMuxer&) = delete;

    /// Creates the streams, opens `url` (a path must be given as "file:<path>") and writes the
    /// header. Throws AvMuxerError (OutputError for bad arguments); nothing stays open then.
    void open(const std::string& url, const std::string& format_name,
              const std::vector<StreamInfo>& streams, const AvMuxerOptions& options);
    /// Writes one packet to the stream of its kind. Timestamps are rescaled from
    /// packet.time_base; dts must not go backwards within a stream. Throws AvMuxerError.
    void write(const Packet& packet);
    /// Flushes, writes the trailer and closes the file or connection. Always releases
    /// everything, even when it throws AvMuxerError.
    void close();
    /// Makes the blocking call in progress, and every later one, give up soon. MT safe.
    void interrupt() { interrupted_ = true; }

    bool is_open() const { return context_ != nullptr; }
    /// Bytes handed to the file or socket so far (container overhead included). MT safe.
    int64_t bytes_written() const { return bytes_written_; }

private:
    struct StreamSlot {
        int index = -1;
        Rational packet_duration{0, 1};  ///< seconds per packet, for the last packet's length
    };

    static int interrupt_callback(void* opaque);
    void start_deadline(std::chrono::milliseconds timeout);
    [[noreturn]] void fail(AvMuxerStage stage, int av_error, const std::string& what);
    void release();
    void add_stream(const StreamInfo& info);

    AVFormatContext* context_ = nullptr;
    std::string display_name_;
    bool network_ = false;  ///< connects somewhere (vs. a file)
    std::chrono::milliseconds connect_timeout_{0};
    std::chrono::milliseconds write_stall_timeout_{0};
    std::chrono::milliseconds current_timeout_{0};
    StreamSlot video_;
    StreamSlot audio_;

    // Read by the interrupt callback on the output thread, written by interrupt() anywhere.
    std::atomic<bool> interrupted_{false};
    std::atomic<int64_t> deadline_ns_{0};  ///< steady_clock time the current call must end by
    std::atomic<bool> timed_out_{false};
    std::atomic<int64_t> bytes_written_{0};
};

}  // namespace lm
