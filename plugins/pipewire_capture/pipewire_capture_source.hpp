// PipeWireCaptureSource: a screen or window shared through the desktop portal (Wayland, and
// any desktop with org.freedesktop.portal.ScreenCast), received from PipeWire. A thread of its
// own runs the portal handshake — which waits for the user to choose — and then the PipeWire
// stream; the video thread only takes the newest picture from a one-frame slot, so it never
// waits on the portal, the user or the producer.
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>

#include "core/scene/source.hpp"
#include "core/video/frame_painter.hpp"
#include "plugins/pipewire_capture/screencast_portal.hpp"

namespace lm {

struct PipeWireCaptureSettings {
    /// The session bus (DBUS_SESSION_BUS_ADDRESS syntax); empty: there is none.
    std::string bus_address;
    ScreenCastRequest request;
};

class PipeWireCaptureSource final : public Source {
public:
    /// Starts the session thread, which asks the portal at once.
    explicit PipeWireCaptureSource(PipeWireCaptureSettings settings);
    ~PipeWireCaptureSource() override;  ///< closes the portal session and joins the thread
    PipeWireCaptureSource(const PipeWireCaptureSource&) = delete;
    PipeWireCaptureSource& operator=(const PipeWireCaptureSource&) = delete;

    unsigned capabilities() const override { return kVideo; }
    /// The size of the newest picture; 0x0 (not drawn) before the first and after the end.
    int width() const override;
    int height() const override;
    void render_video(VideoRenderContext& context) override;
    void release_gpu() override { painter_.release(); }
    SourceStatus status() const override { return status_.get(); }

    /// Pictures received so far. MT safe.
    uint64_t captured_frames() const { return captured_frames_.load(); }
    /// The restore token the portal gave for this session (persist_mode 2), to keep in the
    /// source's settings so that the next start shares the same thing without asking; empty
    /// until the portal has answered. MT safe.
    std::string restore_token() const;
    /// {"restore_token": ...} once the portal has given one, for the collection to keep.
    nlohmann::json learned_settings() const override;

private:
    void run();  // the session thread
    void publish(VideoFramePtr frame);

    const PipeWireCaptureSettings settings_;
    SourceStatusBox status_;
    std::atomic<bool> stopping_{false};
    std::atomic<uint64_t> captured_frames_{0};

    mutable std::mutex mutex_;
    VideoFramePtr slot_;         // guarded by mutex_
    std::string restore_token_;  // guarded by mutex_

    FramePainter painter_;  // video thread only
    std::thread thread_;    // last: starts after everything it uses exists
};

}  // namespace lm
