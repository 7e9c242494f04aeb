#include "plugins/record/record_output.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cmath>
#include <filesystem>
#include <stdexcept>
#include <system_error>

#include "core/scene/properties.hpp"
#include "plugins/record/record_types.hpp"

namespace lm {
namespace {

struct ContainerChoice {
    const char* extension;
    RecordContainer container;
};

constexpr ContainerChoice kContainers[] = {
    {".mkv", RecordContainer::matroska},
    {".mp4", RecordContainer::mp4},
    {".flv", RecordContainer::flv},
};

/// How many later part names are tried when one is taken.
constexpr int kMaxPartNameTries = 1000;
/// How often the free space is measured: often enough that the reserve (3 s of writing) is
/// never overrun between two checks, and fstatvfs costs microseconds.
constexpr std::chrono::milliseconds kDiskCheckInterval{500};

[[noreturn]] void refuse(const std::string& path, const std::string& why) {
    throw OutputError(fmt::format("cannot record to '{}': {}", path, why));
}

std::string lowercase(std::string text) {
    for (char& c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::string folder_of(const std::string& path) {
    const std::string folder = std::filesystem::path(path).parent_path().string();
    return folder.empty() ? "." : folder;
}

/// A packet's time in seconds, exactly.
Rational seconds_of(int64_t value, Rational time_base) {
    return Rational{value * time_base.num, time_base.den};
}

/// a >= b for rationals with positive denominators.
bool at_or_after(Rational a, Rational b) {
    return static_cast<__int128>(a.num) * b.den >= static_cast<__int128>(b.num) * a.den;
}

Rational plus(Rational a, Rational b) {
    return Rational{a.num * b.den + b.num * a.den, a.den * b.den}.reduced();
}

bool disk_full_error(const OutputError& error) {
    const auto* muxer_error = dynamic_cast<const AvMuxerError*>(&error);
    // AVERROR(e) is -e on every platform FFmpeg builds for.
    return muxer_error != nullptr &&
           (muxer_error->av_error() == -ENOSPC || muxer_error->av_error() == -EDQUOT);
}

}  // namespace

RecordOutput::RecordOutput(const nlohmann::json& settings) : disk_guard_(".") {
    namespace fs = std::filesystem;
    const auto it = settings.is_object() ? settings.find("path") : settings.end();
    if (!settings.is_object() || it == settings.end() || !it->is_string() ||
        it->get<std::string>().empty()) {
        throw OutputError("no recording path given (set 'path' to a file such as show.mkv)");
    }
    path_ = it->get<std::string>();
    if (path_.back() == '/')
        refuse(path_, "that is a folder; add a file name, as in show.mkv");

    const std::string extension = fs::path(path_).extension().string();
    if (extension.empty())
        path_ += ".mkv";  // the crash-safe default
    const std::string wanted = extension.empty() ? ".mkv" : lowercase(extension);
    bool known = false;
    for (const ContainerChoice& choice : kContainers) {
        if (wanted == choice.extension) {
            container_ = choice.container;
            known = true;
        }
    }
    if (!known) {
        refuse(path_, fmt::format("unknown extension '{}' (use .mkv, .mp4 or .flv)", extension));
    }

    nlohmann::json checked;
    try {
        checked = apply_schema(record_properties(), settings);
    } catch (const std::invalid_argument& e) {
        refuse(path_, e.what());
    }
    split_time_s_ = checked.value("split_time_s", 0.0);
    split_size_bytes_ = checked.value("split_size_mb", int64_t{0}) * 1'000'000;
    if (split_time_s_ > 0 && split_time_s_ < 1) {
        refuse(path_, fmt::format("split_time_s {} is too short (0 for no split, or at least 1)",
                                  split_time_s_));
    }
    disk_guard_ = DiskSpaceGuard(folder_of(path_));
}

RecordOutput::~RecordOutput() = default;

std::string RecordOutput::part_path(int number) const {
    const std::filesystem::path path(path_);
    const std::filesystem::path name =
        fmt::format("{}-{:03}{}", path.stem().string(), number, path.extension().string());
    return (path.parent_path() / name).string();
}

std::string RecordOutput::display_name() const {
    if (!splitting())
        return path_;
    const std::filesystem::path path(path_);
    return (path.parent_path() / (path.stem().string() + "-NNN" + path.extension().string()))
        .string();
}

// Where the file goes is checked when the output opens, not when it is configured: the folder
// may appear (a USB disk mounted) in between, and a bad folder is a failing destination, which
// must not stop the others (docs/command-line.md), not a malformed setting.
void RecordOutput::check_destination(const std::string& path) const {
    namespace fs = std::filesystem;
    const fs::path folder = folder_of(path);
    std::error_code error;
    const fs::file_status folder_status = fs::status(folder, error);
    if (!fs::exists(folder_status))
        refuse(path, "directory does not exist");
    if (!fs::is_directory(folder_status))
        refuse(path, fmt::format("'{}' is not a directory", folder.string()));
    if (::access(folder.c_str(), W_OK) != 0) {
        // Root passes every permission check, so for root this is the read-only case.
        if (errno == EROFS)
            refuse(path, fmt::format("'{}' is on a read-only file system", folder.string()));
        refuse(path, fmt::format("no permission to write in '{}'", folder.string()));
    }
    const fs::file_status file_status = fs::symlink_status(path, error);
    if (fs::is_directory(file_status))
        refuse(path, "that is a folder");
    if (fs::exists(file_status))
        refuse(path, "the file already exists (recordings never overwrite; choose another name)");
}

void RecordOutput::open(const std::vector<StreamInfo>& streams) {
    streams_ = streams;
    for (const StreamInfo& info : streams) {
        has_video_ = has_video_ || info.kind == MediaKind::video;
        if (info.kind == MediaKind::audio) {
            has_audio_ = true;
            audio_frame_size_ = info.frame_size > 0 ? info.frame_size : 1024;
            audio_sample_rate_ = info.sample_rate > 0 ? info.sample_rate : 48000;
        }
    }
    const std::string first = splitting() ? part_path(1) : path_;
    check_destination(first);
    auto file = std::make_unique<RecordFile>(first, container_, streams_);
    std::lock_guard lock(files_mutex_);
    current_ = std::move(file);
    part_number_ = 1;
    if (split_time_s_ > 0)
        split_at_s_ = Rational{std::llround(split_time_s_ * 1000), 1000};
}

// A later part's name may have been taken since the recording started (another recording,
// a copy): never overwrite it, take the next number, and say so in the log.
std::unique_ptr<RecordFile> RecordOutput::open_part() {
    for (int tries = 0; tries < kMaxPartNameTries; ++tries) {
        ++part_number_;
        const std::string path = part_path(part_number_);
        if (std::filesystem::exists(std::filesystem::symlink_status(path))) {
            spdlog::warn("{}: exists, continuing the recording in the next part", path);
            continue;
        }
        return std::make_unique<RecordFile>(path, container_, streams_);
    }
    refuse(display_name(), "no free name for the next part");
}

bool RecordOutput::at_or_after_split(const Packet& packet) const {
    return split_at_s_ && at_or_after(seconds_of(packet.pts, packet.time_base), *split_at_s_);
}

void RecordOutput::write(const Packet& packet) {
    if (!current_)
        throw OutputError(display_name() + ": write after the recording ended");
    const auto now = std::chrono::steady_clock::now();
    try {
        if (now - last_disk_check_ >= kDiskCheckInterval) {
            last_disk_check_ = now;
            check_disk(now);
        }
        // Stopping in decode order right before a frame others are shown after (a keyframe or
        // P frame) leaves no hole at the end: the B frames before it are written.
        const bool b_frame = packet.priority == packet_priority::b_frame ||
                             packet.priority == packet_priority::b_reference;
        if (stop_before_anchor_ && (!has_video_ || (packet.kind == MediaKind::video && !b_frame)))
            stop_for_full_disk();
        if (packet.kind == MediaKind::video)
            write_video(packet);
        else
            write_audio(packet);
    } catch (const OutputError& e) {
        if (!disk_full_error(e))
            throw;  // including check_disk's own "stopped: the disk is full"
        // The write that failed left the file without its end, but every cluster or fragment
        // before it plays (that is what the format choices above are for).
        throw OutputError(
            fmt::format("stopped: the disk is full ({}; what was written before plays)", e.what()));
    }
    current_->sync_if_due(now);
    if (previous_)
        previous_->sync_if_due(now);
}

void RecordOutput::note_size_limit() {
    if (split_size_bytes_ <= 0 || current_->bytes_queued() < split_size_bytes_)
        return;
    // Split as soon as possible, but not before the end of the audio already written (it would
    // be in the wrong part); audio past this point is held from now on, so this stays put.
    if (!split_at_s_ || at_or_after(*split_at_s_, last_audio_end_s_))
        split_at_s_ = last_audio_end_s_;
}

void RecordOutput::write_video(const Packet& packet) {
    note_size_limit();
    if (packet.keyframe && at_or_after_split(packet))
        start_next_part(packet);
    current_->write(packet, current_start_s_);
}

void RecordOutput::write_audio(const Packet& packet) {
    const Rational start_s = seconds_of(packet.pts, packet.time_base);
    if (previous_) {
        if (!at_or_after(start_s, current_start_s_)) {
            previous_->write(packet, previous_start_s_);
            return;
        }
        close_previous();  // audio has caught up with the split point
    }
    note_size_limit();
    if (at_or_after_split(packet)) {
        if (!has_video_) {
            start_next_part(packet);  // every AAC packet can start a part
        } else {
            held_audio_.push_back(packet);
            return;
        }
    }
    current_->write(packet, current_start_s_);
    const int64_t length =
        rescale(audio_frame_size_, Rational{1, audio_sample_rate_}, packet.time_base);
    last_audio_end_s_ = seconds_of(packet.pts + length, packet.time_base);
}

void RecordOutput::start_next_part(const Packet& first) {
    // A part that still waits for audio when the next split comes (splits less than the audio
    // lag apart) is closed now; its last audio packets go to the new part.
    close_previous();
    auto next = open_part();
    {
        std::lock_guard lock(files_mutex_);
        previous_ = std::move(current_);
        current_ = std::move(next);
    }
    previous_start_s_ = current_start_s_;
    current_start_s_ = seconds_of(first.pts, first.time_base);
    split_at_s_.reset();
    if (split_time_s_ > 0) {
        split_at_s_ = plus(current_start_s_, Rational{std::llround(split_time_s_ * 1000), 1000});
    }
    spdlog::info("{}: part {} starts at {:.3f} s", current_->path(), part_number_,
                 current_start_s_.to_double());
    if (!has_audio_ || !has_video_)
        close_previous();
    // The held audio is at or after the split point, but the keyframe may come later than that
    // point: the audio before the keyframe still belongs to the previous part. Route it again.
    std::deque<Packet> held;
    held.swap(held_audio_);
    for (const Packet& audio : held)
        write_audio(audio);
}

void RecordOutput::close_previous() {
    if (!previous_)
        return;
    std::unique_ptr<RecordFile> closing;
    {
        std::lock_guard lock(files_mutex_);
        closing = std::move(previous_);
    }
    closing->close();
    finished_bytes_ += closing->bytes_written();
}

void RecordOutput::check_disk(std::chrono::steady_clock::time_point now) {
    if (!current_)
        return;
    const double now_s = std::chrono::duration<double>(now.time_since_epoch()).count();
    const DiskVerdict verdict = disk_guard_.update(current_->free_bytes(), bytes_written(), now_s);
    {
        std::lock_guard lock(warning_mutex_);
        warning_ = disk_guard_.warning();
    }
    if (verdict == DiskVerdict::full)
        stop_before_anchor_ = true;
}

void RecordOutput::stop_for_full_disk() {
    // Close while the end still fits: the trailer (index, duration) is written and the file
    // is complete, rather than cut by a failed write.
    finish_all();
    {
        // "Room for about 3 s" would be stale now; what is still true stays visible.
        std::lock_guard lock(warning_mutex_);
        warning_ = fmt::format("the disk holding {} is nearly full", folder_of(path_));
    }
    throw OutputError(disk_guard_.full_message());
}

void RecordOutput::finish_all() {
    // Held audio is past the last video frame of the current part; it still belongs in it.
    std::deque<Packet> held;
    held.swap(held_audio_);
    split_at_s_.reset();
    for (const Packet& audio : held)
        write_audio(audio);
    close_previous();
    std::unique_ptr<RecordFile> closing;
    {
        std::lock_guard lock(files_mutex_);
        closing = std::move(current_);
    }
    if (closing) {
        closing->close();
        finished_bytes_ += closing->bytes_written();
    }
}

void RecordOutput::close() {
    finish_all();
}

void RecordOutput::interrupt() {
    std::lock_guard lock(files_mutex_);
    if (current_)
        current_->interrupt();
    if (previous_)
        previous_->interrupt();
}

std::string RecordOutput::warning() const {
    std::lock_guard lock(warning_mutex_);
    return warning_;
}

int64_t RecordOutput::bytes_written() const {
    std::lock_guard lock(files_mutex_);
    int64_t total = finished_bytes_;
    if (current_)
        total += current_->bytes_written();
    if (previous_)
        total += previous_->bytes_written();
    return total;
}

}  // namespace lm
