// An audio-only source fed by a capture device. A supervisor thread of its own runs capture
// attempts through a CaptureBackend, each on a worker thread, writing into a CaptureRing; the
// audio thread only copies from the ring. When the device cannot be opened or goes away, the
// source reports it through status(), plays silence and tries again every 2 s, so the show goes
// on and recovers by itself.
//
// Sound libraries can hang (ALSA's pulse plugin can deadlock when its server dies mid-read): an
// attempt that shows no sign of life is abandoned, its worker left behind with everything it
// uses kept alive, and a fresh attempt starts, so the source still recovers and can always be
// destroyed promptly.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "core/scene/source.hpp"
#include "plugins/audio_devices/capture_backend.hpp"

namespace lm {

class AudioCaptureSource final : public Source {
public:
    static constexpr std::chrono::milliseconds kRetryInterval{2000};  ///< "every 2 s" in messages

    /// Starts capturing at once. `label` starts the source's own messages ("microphone");
    /// `thread_name` names its threads (15 characters at most).
    AudioCaptureSource(std::shared_ptr<CaptureBackend> backend, std::string label,
                       std::string thread_name);
    /// Stops capturing; returns within ~1 s even if a sound library hangs.
    ~AudioCaptureSource() override;
    AudioCaptureSource(const AudioCaptureSource&) = delete;
    AudioCaptureSource& operator=(const AudioCaptureSource&) = delete;

    unsigned capabilities() const override { return kAudio; }
    /// Audio thread only (one consumer): copies the tick's samples from the ring; silence when
    /// there are none. Never blocks, allocates or logs.
    void render_audio(AudioRenderContext& context) override;
    SourceStatus status() const override { return status_.get(); }

    /// MT safe.
    CaptureCounters counters() const { return ring_->counters(); }

private:
    struct Attempt;
    void supervise();
    /// Runs one attempt until it ends, is abandoned or the source stops; returns its error.
    std::string run_attempt();

    const std::shared_ptr<CaptureBackend> backend_;
    const std::string label_;
    const std::string thread_name_;
    const std::shared_ptr<CaptureRing> ring_;
    /// Abandoned attempts still stuck in a library; shared with their workers, which count
    /// themselves out if they ever return.
    const std::shared_ptr<std::atomic<int>> stuck_workers_;
    SourceStatusBox status_;
    StopSignal stop_;
    std::thread supervisor_;  // last member: starts after everything it uses exists
};

}  // namespace lm
