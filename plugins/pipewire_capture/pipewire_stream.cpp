#include "plugins/pipewire_capture/pipewire_stream.hpp"

#include <unistd.h>

#include <fmt/format.h>
#include <spa/param/video/format-utils.h>
#include <spa/pod/builder.h>

#include <cerrno>
#include <cstring>
#include <mutex>
#include <optional>

#include "plugins/pipewire_capture/rgbx_to_rgba.hpp"

namespace lm {
namespace {

// Largest picture accepted; bigger than any screen in use (8K is 7680x4320).
constexpr uint32_t kMaxSide = 16384;

std::optional<ChannelOrder> channel_order(spa_video_format format) {
    switch (format) {
        case SPA_VIDEO_FORMAT_RGBx:
        case SPA_VIDEO_FORMAT_RGBA:
            return ChannelOrder::rgb;
        case SPA_VIDEO_FORMAT_BGRx:
        case SPA_VIDEO_FORMAT_BGRA:
            return ChannelOrder::bgr;
        default:
            return std::nullopt;
    }
}

/// A PipeWire listener table with only the callbacks `set` fills in: designated initialisers
/// would have to name every callback of the table, in order.
template <typename Events, typename Set>
Events listener(uint32_t version, Set set) {
    Events events{};
    events.version = version;
    set(events);
    return events;
}

/// The formats we read, in shared memory, any size and rate.
const spa_pod* enum_format(spa_pod_builder& b) {
    spa_rectangle size_default{1920, 1080}, size_min{1, 1}, size_max{kMaxSide, kMaxSide};
    spa_fraction rate_default{30, 1}, rate_min{0, 1}, rate_max{1000, 1};
    return static_cast<const spa_pod*>(spa_pod_builder_add_object(
        &b, SPA_TYPE_OBJECT_Format, SPA_PARAM_EnumFormat,                        //
        SPA_FORMAT_mediaType, SPA_POD_Id(SPA_MEDIA_TYPE_video),                  //
        SPA_FORMAT_mediaSubtype, SPA_POD_Id(SPA_MEDIA_SUBTYPE_raw),              //
        SPA_FORMAT_VIDEO_format,                                                 //
        SPA_POD_CHOICE_ENUM_Id(5, SPA_VIDEO_FORMAT_BGRx, SPA_VIDEO_FORMAT_BGRx,  //
                               SPA_VIDEO_FORMAT_RGBx, SPA_VIDEO_FORMAT_BGRA,     //
                               SPA_VIDEO_FORMAT_RGBA),                           //
        SPA_FORMAT_VIDEO_size,                                                   //
        SPA_POD_CHOICE_RANGE_Rectangle(&size_default, &size_min, &size_max),     //
        SPA_FORMAT_VIDEO_framerate,                                              //
        SPA_POD_CHOICE_RANGE_Fraction(&rate_default, &rate_min, &rate_max)));
}

}  // namespace

std::unique_ptr<PipeWireStream> PipeWireStream::connect(int fd, uint32_t node_id,
                                                        FrameHandler on_frame, std::string& error) {
    std::unique_ptr<PipeWireStream> stream(new PipeWireStream(std::move(on_frame)));
    if (!stream->open(fd, node_id, error))
        return nullptr;
    return stream;
}

bool PipeWireStream::open(int fd, uint32_t node_id, std::string& error) {
    // libpipewire's process-wide set-up, once (two sources may start at the same time). It is
    // never undone: pw_deinit may run only once no PipeWire object is left in the process.
    static std::once_flag pipewire_initialised;
    std::call_once(pipewire_initialised, [] { pw_init(nullptr, nullptr); });
    loop_ = pw_loop_new(nullptr);
    context_ = loop_ ? pw_context_new(loop_, nullptr, 0) : nullptr;
    if (!context_) {
        close(fd);
        error = fmt::format("screen capture: cannot set up PipeWire: {}", std::strerror(errno));
        return false;
    }
    core_ = pw_context_connect_fd(context_, fd, nullptr, 0);  // owns fd from here, even failing
    if (!core_) {
        error = fmt::format("screen capture: cannot connect to PipeWire through the portal: {}",
                            std::strerror(errno));
        return false;
    }
    static const auto core_events = listener<pw_core_events>(
        PW_VERSION_CORE_EVENTS, [](pw_core_events& e) { e.error = on_core_error; });
    pw_core_add_listener(core_, &core_listener_, &core_events, this);
    // When the producer goes (its process ends, sharing stops) the stream itself may just sit
    // there; the node leaving the registry is what says so.
    node_id_ = node_id;
    registry_ = pw_core_get_registry(core_, PW_VERSION_REGISTRY, 0);
    if (registry_) {
        static const auto registry_events = listener<pw_registry_events>(
            PW_VERSION_REGISTRY_EVENTS,
            [](pw_registry_events& e) { e.global_remove = on_global_remove; });
        pw_registry_add_listener(registry_, &registry_listener_, &registry_events, this);
    }

    stream_ = pw_stream_new(core_, "Live Machine screen capture",
                            pw_properties_new(PW_KEY_MEDIA_TYPE, "Video", PW_KEY_MEDIA_CATEGORY,
                                              "Capture", PW_KEY_MEDIA_ROLE, "Screen", nullptr));
    if (!stream_) {
        error =
            fmt::format("screen capture: cannot make a PipeWire stream: {}", std::strerror(errno));
        return false;
    }
    static const auto stream_events =
        listener<pw_stream_events>(PW_VERSION_STREAM_EVENTS, [](pw_stream_events& e) {
            e.state_changed = on_state_changed;
            e.param_changed = on_param_changed;
            e.process = on_process;
        });
    pw_stream_add_listener(stream_, &stream_listener_, &stream_events, this);

    uint8_t buffer[1024];
    spa_pod_builder b{};
    spa_pod_builder_init(&b, buffer, sizeof buffer);
    const spa_pod* params[] = {enum_format(b)};
    const int r = pw_stream_connect(
        stream_, PW_DIRECTION_INPUT, node_id,
        static_cast<pw_stream_flags>(PW_STREAM_FLAG_AUTOCONNECT | PW_STREAM_FLAG_MAP_BUFFERS),
        params, 1);
    if (r < 0) {
        error = fmt::format("screen capture: cannot connect to PipeWire node {}: {}", node_id,
                            std::strerror(-r));
        return false;
    }
    return true;
}

PipeWireStream::~PipeWireStream() {
    if (stream_)
        pw_stream_destroy(stream_);
    if (registry_)
        pw_proxy_destroy(reinterpret_cast<pw_proxy*>(registry_));
    if (core_)
        pw_core_disconnect(core_);
    if (context_)
        pw_context_destroy(context_);
    if (loop_)
        pw_loop_destroy(loop_);
}

void PipeWireStream::iterate(int timeout_ms) {
    pw_loop_enter(loop_);
    pw_loop_iterate(loop_, timeout_ms);
    pw_loop_leave(loop_);
}

void PipeWireStream::end(std::string reason) {
    if (ended_)
        return;
    ended_ = true;
    end_reason_ = std::move(reason);
}

void PipeWireStream::on_core_error(void* data, uint32_t id, int /*seq*/, int res,
                                   const char* message) {
    // Errors about other objects come back on their own listeners; a core error means the
    // connection to the portal's PipeWire is gone.
    if (id == PW_ID_CORE)
        static_cast<PipeWireStream*>(data)->end(
            fmt::format("{} ({})", message ? message : "PipeWire error", std::strerror(-res)));
}

void PipeWireStream::on_global_remove(void* data, uint32_t id) {
    auto& self = *static_cast<PipeWireStream*>(data);
    if (id == self.node_id_)
        self.end("the shared screen's PipeWire node went away");
}

void PipeWireStream::on_state_changed(void* data, pw_stream_state /*old*/, pw_stream_state state,
                                      const char* error) {
    auto& self = *static_cast<PipeWireStream*>(data);
    if (state == PW_STREAM_STATE_STREAMING)
        self.streaming_ = true;
    if (state == PW_STREAM_STATE_ERROR)
        self.end(error ? error : "PipeWire stream error");
    // Unconnected after having streamed: the node went away (sharing stopped).
    if (state == PW_STREAM_STATE_UNCONNECTED && self.streaming_)
        self.end("the PipeWire node went away");
}

void PipeWireStream::on_param_changed(void* data, uint32_t id, const spa_pod* param) {
    auto& self = *static_cast<PipeWireStream*>(data);
    if (id != SPA_PARAM_Format || !param)
        return;
    spa_video_info_raw info{};
    if (spa_format_video_raw_parse(param, &info) < 0 || !channel_order(info.format)) {
        self.end("the producer offered no video format we read");
        return;
    }
    self.format_ = info;
    // Memory buffers only: a DMA-BUF would need importing into our GL context.
    uint8_t buffer[256];
    spa_pod_builder b{};
    spa_pod_builder_init(&b, buffer, sizeof buffer);
    const spa_pod* params[] = {static_cast<const spa_pod*>(spa_pod_builder_add_object(
        &b, SPA_TYPE_OBJECT_ParamBuffers, SPA_PARAM_Buffers,  //
        SPA_PARAM_BUFFERS_dataType,
        SPA_POD_CHOICE_FLAGS_Int((1 << SPA_DATA_MemPtr) | (1 << SPA_DATA_MemFd))))};
    pw_stream_update_params(self.stream_, params, 1);
}

void PipeWireStream::on_process(void* data) {
    auto& self = *static_cast<PipeWireStream*>(data);
    // Only the newest buffer matters: older ones go straight back to the producer.
    pw_buffer* newest = nullptr;
    while (pw_buffer* b = pw_stream_dequeue_buffer(self.stream_)) {
        if (newest)
            pw_stream_queue_buffer(self.stream_, newest);
        newest = b;
    }
    if (!newest)
        return;
    const spa_data& d = newest->buffer->datas[0];
    const auto order = channel_order(self.format_.format);
    const int width = int(self.format_.size.width);
    const int height = int(self.format_.size.height);
    const int stride = d.chunk->stride > 0 ? d.chunk->stride : width * 4;
    // An empty chunk carries no picture (a producer may send one when nothing changed).
    const bool usable =
        d.data && d.chunk->size > 0 && order && width > 0 && height > 0 &&
        (d.chunk->flags & SPA_CHUNK_FLAG_CORRUPTED) == 0 &&
        uint64_t(d.chunk->offset) + uint64_t(stride) * uint64_t(height) <= d.maxsize;
    if (usable) {
        auto frame = std::make_shared<VideoFrame>(PixelFormat::rgba, width, height);
        rgbx_to_rgba(static_cast<const uint8_t*>(d.data) + d.chunk->offset, stride, *order, *frame);
        self.on_frame_(std::move(frame));
    }
    pw_stream_queue_buffer(self.stream_, newest);
}

}  // namespace lm
