#include "plugins/media/stinger_overlay.hpp"

#include <fmt/format.h>
#include <pthread.h>

#include <chrono>
#include <filesystem>

namespace lm {

StingerOverlay::StingerOverlay(std::string file) : file_(std::move(file)) {
    if (file_.empty()) {
        status_.set_error("stinger: no video file chosen");
        failed_ = true;
        return;
    }
    prepare_thread_ = std::thread([this] { prepare_loop(); });
}

StingerOverlay::~StingerOverlay() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    if (prepare_thread_.joinable())
        prepare_thread_.join();
}

void StingerOverlay::prepare_loop() {
    pthread_setname_np(pthread_self(), "lm-stinger");
    std::unique_lock lock(mutex_);
    while (true) {
        changed_.wait(lock,
                      [this] { return stopping_ || !retired_.empty() || (!ready_ && !failed_); });
        if (stopping_)
            break;
        // Closing a player joins its threads: done here, off the mixer threads.
        auto retired = std::move(retired_);
        retired_.clear();
        const bool open_next = !ready_ && !failed_;
        lock.unlock();
        retired.clear();
        std::unique_ptr<MediaPlayer> player;
        if (open_next) {
            try {
                if (!std::filesystem::exists(file_))
                    throw MediaError(fmt::format("'{}' not found", file_));
                MediaPlayerOptions options;
                options.loop = false;
                player = std::make_unique<MediaPlayer>(file_, options);
                if (!player->info().has_video)
                    throw MediaError(fmt::format("'{}' has no video", file_));
                if (player->info().duration_ns <= 0)
                    throw MediaError(fmt::format("'{}' does not say how long it is", file_));
                status_.set_ok();
            } catch (const MediaError& error) {
                player.reset();
                status_.set_error(fmt::format("stinger: {}", error.what()));
            }
        }
        lock.lock();
        if (open_next) {
            failed_ = player == nullptr;
            if (player) {
                // Known only with a player waiting: a run that sees the length has a video.
                width_ = player->info().width;
                height_ = player->info().height;
                duration_ns_ = player->info().duration_ns;
            }
            ready_ = std::move(player);
            changed_.notify_all();
        }
    }
    auto players = std::move(retired_);
    players.push_back(std::move(playing_));
    players.push_back(std::move(ready_));
    lock.unlock();
}

void StingerOverlay::begin_run() {
    {
        std::lock_guard lock(mutex_);
        if (!ready_)
            return;  // not opened yet (or broken): the run shows nothing of the clip
        if (playing_)
            retired_.push_back(std::move(playing_));
        playing_ = std::move(ready_);
        current_frame_.reset();
    }
    changed_.notify_all();
}

bool StingerOverlay::wait_ready(int timeout_ms) const {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    std::unique_lock lock(mutex_);
    while (!failed_ && !(ready_ && ready_->frames().front_time() >= 0)) {
        if (changed_.wait_for(lock, std::chrono::milliseconds(10)) == std::cv_status::timeout &&
            std::chrono::steady_clock::now() >= deadline)
            return false;
    }
    return !failed_;
}

void StingerOverlay::render_video(VideoRenderContext& context) {
    VideoFramePtr frame;
    {
        std::lock_guard lock(mutex_);
        if (playing_) {
            if (VideoFramePtr due = playing_->frames().take_due(context.pts_ns))
                current_frame_ = std::move(due);
        }
        frame = current_frame_;
    }
    painter_.draw(context, frame);
}

void StingerOverlay::release_gpu() {
    painter_.release();
}

void StingerOverlay::render_audio(AudioRenderContext& context) {
    AudioBlock& out = context.out;
    if (out.channels < 2)
        return;
    std::lock_guard lock(mutex_);
    if (playing_ && playing_->info().has_audio)
        playing_->audio().read(context.start_sample, out.samples.data(), out.frames, out.frames);
}

SourceStatus StingerOverlay::status() const {
    return status_.get();
}

}  // namespace lm
