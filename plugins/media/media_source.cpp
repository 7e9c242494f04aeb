#include "plugins/media/media_source.hpp"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>

#include "core/media/rational.hpp"

namespace lm {
namespace {

// Longer than any mixer hiccup, shorter than a creator's scene switch back and forth.
constexpr int64_t kHiddenGapNs = 500'000'000;
// A picture or sound nobody has asked for in this long is not being shown or heard.
constexpr int64_t kUnattendedNs = 300'000'000;

}  // namespace

MediaSource::MediaSource(MediaSettings settings) : settings_(std::move(settings)) {
    if (settings_.file.empty()) {
        status_.set_warning("media: no file chosen; pick one in the source's properties");
        return;
    }
    // Watching starts before the first open, so a file that appears in between is not missed.
    control_thread_ = std::thread([this] { control_loop(); });
    watch_ = std::make_unique<FileWatch>(settings_.file, std::chrono::milliseconds(1000),
                                         [this] { request_reopen(); });
    open_player();
}

MediaSource::~MediaSource() {
    watch_.reset();
    {
        std::lock_guard lock(control_mutex_);
        stopping_ = true;
    }
    control_wake_.notify_all();
    if (control_thread_.joinable())
        control_thread_.join();
    std::unique_ptr<MediaPlayer> player;
    {
        std::lock_guard lock(mutex_);
        player = std::move(player_);
    }
}

bool MediaSource::open_player() {
    std::unique_ptr<MediaPlayer> player;
    if (!std::filesystem::exists(settings_.file)) {
        status_.set_error(fmt::format(
            "media: '{}' not found; choose another file (it is picked up if it appears)",
            settings_.file));
        return false;
    }
    try {
        MediaPlayerOptions options;
        options.loop = settings_.loop;
        options.speed = settings_.speed;
        options.hardware_decode = settings_.hardware_decode;
        player = std::make_unique<MediaPlayer>(settings_.file, options);
    } catch (const MediaError& error) {
        status_.set_error(fmt::format("media: {}", error.what()));
        return false;
    }
    width_ = player->info().width;
    height_ = player->info().height;
    {
        std::lock_guard lock(mutex_);
        std::swap(player, player_);
        anchored_ = false;
    }
    opened_count_.fetch_add(1);
    status_.set_ok();
    return true;  // the old player, if any, is stopped here, off the mixer threads
}

void MediaSource::request_reopen() {
    {
        std::lock_guard lock(control_mutex_);
        reopen_requested_ = true;
    }
    control_wake_.notify_all();
}

void MediaSource::control_loop() {
    std::unique_lock lock(control_mutex_);
    while (true) {
        control_wake_.wait(lock, [this] { return stopping_ || reopen_requested_; });
        if (stopping_)
            return;
        reopen_requested_ = false;
        lock.unlock();
        open_player();
        lock.lock();
    }
}

bool MediaSource::advance_clock(int64_t stream_ns, bool has_data, int64_t& play_ns) {
    if (anchored_ && stream_ns - last_render_ns_ > kHiddenGapNs) {
        // Not shown for a while: start over, or go on from where it paused.
        if (settings_.restart_when_shown) {
            anchored_ = false;
            request_reopen();
        } else {
            anchor_ns_ += stream_ns - last_render_ns_;
        }
    }
    last_render_ns_ = std::max(last_render_ns_, stream_ns);
    if (!anchored_) {
        if (!player_ || !has_data)
            return false;
        anchor_ns_ = stream_ns;  // play time 0 is now
        anchored_ = true;
    }
    play_ns = stream_ns - anchor_ns_;
    return true;
}

void MediaSource::render_video(VideoRenderContext& context) {
    const int64_t stream_ns = context.pts_ns;
    VideoFramePtr frame;
    // Most video has no alpha: then the picture is drawn without scanning it or blending.
    FramePainter::Alpha alpha = FramePainter::Alpha::straight;
    {
        std::lock_guard lock(mutex_);
        last_video_ns_ = stream_ns;
        if (player_) {
            int64_t play_ns = 0;
            if (advance_clock(stream_ns, player_->frames().front_time() >= 0, play_ns)) {
                if (VideoFramePtr due = player_->frames().take_due(play_ns))
                    current_frame_ = std::move(due);
                // Nobody hears the sound (a preview): move it on with the picture.
                if (last_audio_ns_ == INT64_MIN || stream_ns - last_audio_ns_ > kUnattendedNs)
                    player_->audio().skip_to(
                        std::llround(double(play_ns) * kAudioSampleRate / 1e9));
            }
        }
        frame = current_frame_;
        if (player_ && !player_->pictures_have_alpha())
            alpha = FramePainter::Alpha::opaque;
    }
    painter_.draw(context, frame, alpha);
}

void MediaSource::release_gpu() {
    painter_.release();
}

void MediaSource::render_audio(AudioRenderContext& context) {
    AudioBlock& out = context.out;
    if (out.channels < 2)
        return;
    const int64_t stream_ns =
        int64_t(double(context.start_sample) * 1e9 / double(kAudioSampleRate));
    std::lock_guard lock(mutex_);
    last_audio_ns_ = stream_ns;
    if (!player_ || !player_->info().has_audio)
        return;
    int64_t play_ns = 0;  // unused: the position is worked out in samples below
    if (!advance_clock(
            stream_ns,
            player_->audio().front_position() >= 0 || player_->frames().front_time() >= 0, play_ns))
        return;
    // In samples, not nanoseconds, so consecutive ticks are exactly one tick apart.
    const int64_t anchor_samples = std::llround(double(anchor_ns_) * kAudioSampleRate / 1e9);
    const int64_t position = context.start_sample - anchor_samples;
    player_->audio().read(position, out.samples.data(), out.frames, out.frames);
    // Nobody sees the picture (an audio-only item's picture, a hidden one): move it on too.
    if (last_video_ns_ == INT64_MIN || stream_ns - last_video_ns_ > kUnattendedNs) {
        if (VideoFramePtr due = player_->frames().take_due(
                rescale(position, Rational{1, kAudioSampleRate}, kNanoseconds)))
            current_frame_ = std::move(due);
    }
}

SourceStatus MediaSource::status() const {
    SourceStatus status = status_.get();
    if (!status.ok())
        return status;
    std::lock_guard lock(mutex_);
    if (player_) {
        if (std::string problem = player_->problem(); !problem.empty())
            return {SourceStatus::Level::warning, "media: " + problem};
    }
    return status;
}

std::string MediaSource::description() const {
    std::lock_guard lock(mutex_);
    return player_ ? player_->info().description : std::string();
}

}  // namespace lm
