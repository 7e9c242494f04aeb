// PipeWireStream: receives the frames of one PipeWire video node over a connection the portal
// opened (a file descriptor), in shared memory (SHM or MemFd buffers; BGRx, BGRA, RGBx or
// RGBA), and turns each into an RGBA VideoFrame. DMA-BUF is not asked for: the producer then
// copies into memory buffers, which every portal backend can do.
//
// Not thread-safe: the thread that makes it calls iterate(), which runs the callbacks.
#pragma once

#include <pipewire/pipewire.h>
#include <spa/param/video/raw.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/media/video_frame.hpp"

namespace lm {

class PipeWireStream {
public:
    using FrameHandler = std::function<void(VideoFramePtr)>;

    /// Connects on `fd` (taken over, closed in every case) to node `node_id`. On failure
    /// returns null with `error` set.
    static std::unique_ptr<PipeWireStream> connect(int fd, uint32_t node_id, FrameHandler on_frame,
                                                   std::string& error);
    ~PipeWireStream();
    PipeWireStream(const PipeWireStream&) = delete;
    PipeWireStream& operator=(const PipeWireStream&) = delete;

    /// Runs what is due (frames, state changes), waiting up to `timeout_ms` for something.
    void iterate(int timeout_ms);
    /// Whether the producer went away or the stream failed; why is in end_reason().
    bool ended() const { return ended_; }
    const std::string& end_reason() const { return end_reason_; }

private:
    explicit PipeWireStream(FrameHandler on_frame) : on_frame_(std::move(on_frame)) {}
    bool open(int fd, uint32_t node_id, std::string& error);
    void end(std::string reason);

    static void on_state_changed(void* data, pw_stream_state old, pw_stream_state state,
                                 const char* error);
    static void on_param_changed(void* data, uint32_t id, const spa_pod* param);
    static void on_process(void* data);
    static void on_core_error(void* data, uint32_t id, int seq, int res, const char* message);
    static void on_global_remove(void* data, uint32_t id);

    FrameHandler on_frame_;
    pw_loop* loop_ = nullptr;
    pw_context* context_ = nullptr;
    pw_core* core_ = nullptr;
    pw_stream* stream_ = nullptr;
    pw_registry* registry_ = nullptr;  // watched for the node's removal
    uint32_t node_id_ = 0;
    spa_hook core_listener_{};
    spa_hook registry_listener_{};
    spa_hook stream_listener_{};
    spa_video_info_raw format_{};  // set when the producer and we agree on one
    bool streaming_ = false;       // reached PW_STREAM_STATE_STREAMING once
    bool ended_ = false;
    std::string end_reason_;
};

}  // namespace lm
