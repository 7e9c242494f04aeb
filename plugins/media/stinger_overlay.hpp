// The stinger transition's video: a media file played once, from its first frame, each time
// the transition runs. The file is opened and its first frames decoded ahead on a thread of
// its own, so starting a run only swaps in a player that is already waiting; the spent player
// is closed on that thread too, never on a mixer thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/scene/transition.hpp"
#include "core/video/frame_painter.hpp"
#include "plugins/media/media_player.hpp"

namespace lm {

class StingerOverlay : public TransitionOverlay {
public:
    /// Starts opening `file` at once (not waiting for it); status() tells a file that does not
    /// play.
    explicit StingerOverlay(std::string file);
    ~StingerOverlay() override;
    StingerOverlay(const StingerOverlay&) = delete;
    StingerOverlay& operator=(const StingerOverlay&) = delete;

    unsigned capabilities() const override { return kVideo | kAudio; }
    int width() const override { return width_.load(); }
    int height() const override { return height_.load(); }
    /// Play time: context.pts_ns counts from the start of the run.
    void render_video(VideoRenderContext& context) override;
    void release_gpu() override;
    /// Play time: context.start_sample counts from the start of the run.
    void render_audio(AudioRenderContext& context) override;
    SourceStatus status() const override;

    int64_t duration_ns() const override { return duration_ns_.load(); }
    void begin_run() override;

    /// Waits (up to `timeout_ms`) until a run can start from a decoded first frame, or the
    /// file is known not to play; true when ready. For tests and the command line.
    bool wait_ready(int timeout_ms) const;

private:
    void prepare_loop();

    const std::string file_;
    std::atomic<int> width_{0};
    std::atomic<int> height_{0};
    std::atomic<int64_t> duration_ns_{0};
    SourceStatusBox status_;
    FramePainter painter_;  // video thread

    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    std::unique_ptr<MediaPlayer> playing_;               // the run's player; guarded by mutex_
    std::unique_ptr<MediaPlayer> ready_;                 // the next run's; guarded by mutex_
    std::vector<std::unique_ptr<MediaPlayer>> retired_;  // to close; guarded by mutex_
    VideoFramePtr current_frame_;                        // guarded by mutex_
    bool failed_ = false;                                // guarded by mutex_
    bool stopping_ = false;                              // guarded by mutex_
    std::thread prepare_thread_;
};

}  // namespace lm
