#include "plugins/pipewire_capture/pipewire_capture_source.hpp"

#include <pthread.h>

#include <fmt/format.h>

#include "plugins/pipewire_capture/pipewire_stream.hpp"

namespace lm {
namespace {

// How long the session thread waits for PipeWire before it looks at the stop flag again.
constexpr int kIterateTimeout_ms = 100;

std::string what_of(PortalCaptureKind kind) {
    return kind == PortalCaptureKind::window ? "window capture (PipeWire)"
                                             : "screen capture (PipeWire)";
}

}  // namespace

PipeWireCaptureSource::PipeWireCaptureSource(PipeWireCaptureSettings settings)
    : settings_(std::move(settings)) {
    thread_ = std::thread([this] { run(); });
}

PipeWireCaptureSource::~PipeWireCaptureSource() {
    stopping_.store(true);
    thread_.join();
}

int PipeWireCaptureSource::width() const {
    std::lock_guard lock(mutex_);
    return slot_ ? slot_->width() : 0;
}

int PipeWireCaptureSource::height() const {
    std::lock_guard lock(mutex_);
    return slot_ ? slot_->height() : 0;
}

void PipeWireCaptureSource::render_video(VideoRenderContext& context) {
    VideoFramePtr frame;
    {
        std::lock_guard lock(mutex_);
        frame = slot_;
    }
    if (frame)
        painter_.draw(context, frame, FramePainter::Alpha::opaque);  // made opaque by rgbx_to_rgba
}

std::string PipeWireCaptureSource::restore_token() const {
    std::lock_guard lock(mutex_);
    return restore_token_;
}

nlohmann::json PipeWireCaptureSource::learned_settings() const {
    std::string token = restore_token();
    if (token.empty())
        return nlohmann::json::object();
    return {{"restore_token", std::move(token)}};
}

void PipeWireCaptureSource::publish(VideoFramePtr frame) {
    if (frame)
        captured_frames_.fetch_add(1);
    std::lock_guard lock(mutex_);
    slot_ = std::move(frame);
}

void PipeWireCaptureSource::run() {
    pthread_setname_np(pthread_self(), "lm-pwcapture");
    const std::string what = what_of(settings_.request.kind);
    std::string error;
    auto portal = ScreenCastPortal::connect(settings_.bus_address, error);
    if (!portal) {
        status_.set_error(fmt::format("{}: {}", what, error));
        return;
    }
    status_.set_warning(
        fmt::format("{}: waiting for the desktop portal (choose what to share)", what));
    PortalFailure failure = PortalFailure::none;
    auto grant = portal->start(
        settings_.request, [this] { return stopping_.load(); }, failure, error);
    if (!grant) {
        // A cancelled choice is not asked again on its own: that would reopen the dialog the
        // user just closed. Editing the source makes a new one, which asks again.
        if (failure != PortalFailure::stopped)
            status_.set_error(fmt::format("{}: {}", what, error));
        return;
    }
    {
        std::lock_guard lock(mutex_);
        restore_token_ = grant->restore_token;
    }
    auto stream = PipeWireStream::connect(
        grant->pipewire_fd, grant->node_id, [this](VideoFramePtr f) { publish(std::move(f)); },
        error);
    if (!stream) {
        status_.set_error(fmt::format("{}: {}", what, error));
        return;
    }
    status_.set_ok();
    while (!stopping_.load()) {
        stream->iterate(kIterateTimeout_ms);
        if (stream->ended() || !portal->session_alive()) {
            publish(nullptr);
            const std::string reason =
                stream->ended() ? stream->end_reason() : "the portal closed the session";
            status_.set_error(fmt::format(
                "{}: the stream ended ({}); open the source's properties to share again", what,
                reason));
            return;
        }
    }
}

}  // namespace lm
