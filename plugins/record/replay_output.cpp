#include "plugins/record/replay_output.hpp"

#include <pthread.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <stdexcept>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/scene/properties.hpp"
#include "plugins/record/record_types.hpp"

namespace lm {
namespace {

/// How many "-2", "-3", … names are tried when replays are saved within the same second.
constexpr int kMaxNameTries = 1000;

double dts_s(const PacketPtr& packet) {
    return double(packet->dts) * double(packet->time_base.num) / double(packet->time_base.den);
}

}  // namespace

ReplayOutput::ReplayOutput(const nlohmann::json& settings) {
    nlohmann::json checked;
    try {
        checked = apply_schema(replay_buffer_properties(), settings);
    } catch (const std::invalid_argument& e) {
        throw OutputError(fmt::format("replay buffer: {}", e.what()));
    }
    folder_ = checked.value("folder", std::string("."));
    if (folder_.empty())
        folder_ = ".";
    seconds_ = checked.value("seconds", 20.0);
    const std::string format = checked.value("format", std::string("mkv"));
    if (format == "mkv") {
        container_ = RecordContainer::matroska;
    } else if (format == "mp4") {
        container_ = RecordContainer::mp4;
    } else if (format == "flv") {
        container_ = RecordContainer::flv;
    } else {
        throw OutputError(
            fmt::format("replay buffer: unknown format '{}' (use mkv, mp4 or flv)", format));
    }
    extension_ = "." + format;
}

ReplayOutput::~ReplayOutput() {
    interrupt();
    close();
}

std::string ReplayOutput::display_name() const {
    return (std::filesystem::path(folder_) / ("replay-*" + extension_)).string();
}

std::string ReplayOutput::path_for(std::time_t time) const {
    std::tm local{};
    localtime_r(&time, &local);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%d_%H-%M-%S", &local);
    return (std::filesystem::path(folder_) / fmt::format("replay-{}{}", stamp, extension_))
        .string();
}

void ReplayOutput::open(const std::vector<StreamInfo>& streams) {
    namespace fs = std::filesystem;
    std::error_code error;
    const fs::file_status status = fs::status(folder_, error);
    if (!fs::exists(status))
        throw OutputError(fmt::format("replay buffer: folder '{}' does not exist", folder_));
    if (!fs::is_directory(status))
        throw OutputError(fmt::format("replay buffer: '{}' is not a folder", folder_));
    if (::access(folder_.c_str(), W_OK) != 0) {
        throw OutputError(fmt::format("replay buffer: cannot write in '{}': {}", folder_,
                                      errno == EROFS ? "read-only file system" : "no permission"));
    }
    Rational frame_duration{0, 1};
    for (const StreamInfo& info : streams) {
        if (info.kind == MediaKind::video && info.frame_rate.num > 0)
            frame_duration = info.frame_rate.inverse();
    }
    streams_ = streams;
    buffer_ = std::make_unique<ReplayBuffer>(seconds_, frame_duration);
    {
        std::lock_guard lock(mutex_);
        open_ = true;
        closing_ = false;
    }
    saver_ = std::thread([this] { save_loop(); });
}

void ReplayOutput::write(const Packet& packet) {
    buffer_->add(std::make_shared<Packet>(packet));
}

void ReplayOutput::close() {
    {
        std::lock_guard lock(mutex_);
        closing_ = true;
    }
    wake_.notify_all();
    if (saver_.joinable())
        saver_.join();
    std::lock_guard lock(mutex_);
    open_ = false;
}

void ReplayOutput::interrupt() {
    std::lock_guard lock(mutex_);
    interrupted_ = true;
    if (writing_)
        writing_->interrupt();
}

ReplaySaved ReplayOutput::save_replay() {
    auto job = std::make_shared<Job>();
    std::future<ReplaySaved> done = job->done.get_future();
    {
        std::lock_guard lock(mutex_);
        if (!open_ || closing_)
            throw OutputError("the replay buffer is not running");
        job->snapshot = buffer_->snapshot();
        if (job->snapshot.video.empty() && job->snapshot.audio.empty())
            throw OutputError("the replay buffer holds nothing yet (no keyframe encoded so far)");
        jobs_.push_back(job);
    }
    wake_.notify_all();
    return done.get();  // rethrows the saver's OutputError
}

std::optional<ReplayStatus> ReplayOutput::replay_status() const {
    ReplayStatus status;
    status.capacity_s = seconds_;
    std::lock_guard lock(mutex_);
    status.saved = saved_;
    if (open_) {
        status.window_s = buffer_->held_s();
        status.window_bytes = buffer_->bytes();
    }
    return status;
}

void ReplayOutput::save_loop() {
    pthread_setname_np(pthread_self(), "lm-replay");
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [&] { return closing_ || !jobs_.empty(); });
        if (jobs_.empty())
            return;  // closing, and every save asked for is done
        std::shared_ptr<Job> job = jobs_.front();
        jobs_.pop_front();
        lock.unlock();
        try {
            ReplaySaved saved = write_file(job->snapshot);
            lock.lock();
            ++saved_;
            lock.unlock();
            job->done.set_value(std::move(saved));
        } catch (const std::exception& e) {
            job->done.set_exception(std::make_exception_ptr(OutputError(e.what())));
        }
        lock.lock();
    }
}

std::string ReplayOutput::free_path(std::time_t time) const {
    const std::string first = path_for(time);
    if (!std::filesystem::exists(std::filesystem::symlink_status(first)))
        return first;
    const std::filesystem::path path(first);
    for (int n = 2; n < kMaxNameTries; ++n) {
        const std::filesystem::path next =
            path.parent_path() / fmt::format("{}-{}{}", path.stem().string(), n, extension_);
        if (!std::filesystem::exists(std::filesystem::symlink_status(next)))
            return next.string();
    }
    throw OutputError(fmt::format("replay buffer: no free name for '{}'", first));
}

ReplaySaved ReplayOutput::write_file(const ReplaySnapshot& snapshot) {
    const std::string path = free_path(std::time(nullptr));
    auto file = std::make_unique<RecordFile>(path, container_, streams_);
    {
        std::lock_guard lock(mutex_);
        if (interrupted_)
            file->interrupt();
        writing_ = file.get();
    }
    try {
        // Both streams by decode time, as a recording receives them.
        size_t v = 0;
        size_t a = 0;
        while (v < snapshot.video.size() || a < snapshot.audio.size()) {
            const bool video_next =
                a == snapshot.audio.size() ||
                (v < snapshot.video.size() && dts_s(snapshot.video[v]) <= dts_s(snapshot.audio[a]));
            const PacketPtr& packet = video_next ? snapshot.video[v++] : snapshot.audio[a++];
            file->write(*packet, snapshot.start_s);
        }
        file->close();
    } catch (const OutputError& e) {
        {
            std::lock_guard lock(mutex_);
            writing_ = nullptr;
        }
        file.reset();
        std::error_code ignored;
        std::filesystem::remove(path, ignored);
        throw OutputError(fmt::format("replay not saved to '{}': {}", path, e.what()));
    }
    {
        std::lock_guard lock(mutex_);
        writing_ = nullptr;
    }
    spdlog::info("{}: replay of {:.1f} s saved", path, snapshot.duration_s);
    return ReplaySaved{path, snapshot.duration_s};
}

}  // namespace lm
