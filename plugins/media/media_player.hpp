// Plays one media file into play buffers: a demuxer thread reads packets, a video and an audio
// decoder thread each turn them into frames and samples stamped with their play time. Looping
// continues the timestamps (loop n starts at n x the file's duration), so sync holds across
// loops. The threads run ahead of the mixers only as far as the buffers allow.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

#include "plugins/media/packet_queue.hpp"
#include "plugins/media/play_buffers.hpp"

struct AVFormatContext;

namespace lm {

class MediaError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct MediaPlayerOptions {
    bool loop = true;
    double speed = 1.0;  ///< 2.0 plays twice as fast (audio pitch rises, as in a tape deck)
    bool hardware_decode = true;
    size_t video_frames = 8;  ///< decoded frames held ahead of the mixer
};

struct MediaInfo {
    bool has_video = false;
    bool has_audio = false;
    int width = 0;
    int height = 0;
    int64_t duration_ns = 0;  ///< 0 when the container does not say
    std::string description;  ///< "h264 1280x720 (hardware: vaapi), aac 44100 Hz 2 ch"
};

class MediaPlayer {
public:
    /// Opens `path` and starts decoding from the beginning. Throws MediaError with a message
    /// for a user ("cannot open 'x.mp4': No such file or directory").
    MediaPlayer(const std::string& path, const MediaPlayerOptions& options);
    ~MediaPlayer();  ///< stops and joins the threads
    MediaPlayer(const MediaPlayer&) = delete;
    MediaPlayer& operator=(const MediaPlayer&) = delete;

    const MediaInfo& info() const { return info_; }
    FrameQueue& frames() { return frames_; }
    AudioRing& audio() { return audio_; }
    /// Whether the pictures decoded last have an alpha channel (a .mov in qtrle or ProRes
    /// 4444, a WebM with alpha); without one they are opaque and drawn without blending.
    bool pictures_have_alpha() const { return pictures_have_alpha_.load(); }
    /// True once every decoder has delivered its last frame (never while looping).
    bool decoding_finished() const;
    /// The last problem met while playing (a read or decode error), empty when none.
    std::string problem() const;

private:
    struct Decoder;
    void demux();
    bool rewind();  ///< demux thread: back to the start of the file for the next loop
    void decode_video();
    void decode_audio();
    void note_problem(std::string message);

    const std::string path_;
    const MediaPlayerOptions options_;
    MediaInfo info_;
    AVFormatContext* format_ = nullptr;
    std::unique_ptr<Decoder> video_;
    std::unique_ptr<Decoder> audio_decoder_;
    int64_t start_ns_ = 0;  // the file's first timestamp: play time 0

    FrameQueue frames_;
    AudioRing audio_;
    PacketQueue video_packets_;
    PacketQueue audio_packets_;

    std::atomic<bool> stopping_{false};
    std::atomic<bool> pictures_have_alpha_{true};  // until a picture says otherwise
    std::atomic<int> decoders_running_{0};
    mutable std::mutex problem_mutex_;
    std::string problem_;  // guarded by problem_mutex_
    std::thread demux_thread_;
    std::thread video_thread_;
    std::thread audio_thread_;
};

}  // namespace lm
