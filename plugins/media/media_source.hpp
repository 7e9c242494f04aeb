// The media file source: plays any file FFmpeg opens, picture and sound, in sync with each
// other and with the show. Playback time starts when the source is first shown; while hidden
// it pauses (or starts over when shown again, the default, as a creator expects of an intro
// clip). A missing or broken file is a status, not a failure: the show goes on, and the file
// is picked up when it appears or is fixed.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/media/file_watch.hpp"
#include "core/scene/source.hpp"
#include "core/video/frame_painter.hpp"
#include "plugins/media/media_player.hpp"

namespace lm {

struct MediaSettings {
    std::string file;
    bool loop = true;
    bool restart_when_shown = true;
    double speed = 1.0;
    bool hardware_decode = true;
};

class MediaSource : public Source {
public:
    explicit MediaSource(MediaSettings settings);
    ~MediaSource() override;

    unsigned capabilities() const override { return kVideo | kAudio; }
    int width() const override { return width_.load(); }
    int height() const override { return height_.load(); }
    void render_video(VideoRenderContext& context) override;
    void release_gpu() override;
    void render_audio(AudioRenderContext& context) override;
    SourceStatus status() const override;

    /// What is playing ("h264 1280x720, aac 48000 Hz 2 ch"), empty when nothing is. MT safe.
    std::string description() const;
    /// How many times the file was (re)opened: tests wait on it. MT safe.
    int opened_count() const { return opened_count_.load(); }

private:
    /// Moves the play clock to stream time `stream_ns`; false while it cannot run yet (no
    /// player, or nothing decoded). Caller holds mutex_.
    bool advance_clock(int64_t stream_ns, bool has_data, int64_t& play_ns);
    void request_reopen();
    void control_loop();
    bool open_player();  ///< control thread (and the constructor); true on success

    const MediaSettings settings_;
    std::atomic<int> width_{0};
    std::atomic<int> height_{0};
    std::atomic<int> opened_count_{0};
    SourceStatusBox status_;
    FramePainter painter_;  // video thread

    mutable std::mutex mutex_;
    std::unique_ptr<MediaPlayer> player_;  // guarded by mutex_
    VideoFramePtr current_frame_;          // guarded by mutex_
    bool anchored_ = false;                // guarded by mutex_
    int64_t anchor_ns_ = 0;                // stream time of play time 0; guarded by mutex_
    int64_t last_render_ns_ = 0;           // guarded by mutex_
    int64_t last_video_ns_ = INT64_MIN;    // guarded by mutex_
    int64_t last_audio_ns_ = INT64_MIN;    // guarded by mutex_

    std::mutex control_mutex_;
    std::condition_variable control_wake_;
    bool reopen_requested_ = false;  // guarded by control_mutex_
    bool stopping_ = false;          // guarded by control_mutex_
    std::thread control_thread_;
    std::unique_ptr<FileWatch> watch_;
};

}  // namespace lm
