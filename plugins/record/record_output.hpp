// Records the encoded streams into a file, or a series of files when split by time or size;
// the container follows the file's extension. docs/recording.md describes what survives a
// crash, how split parts are named and when the disk warnings come.
#pragma once

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/output/output.hpp"
#include "plugins/record/disk_space_guard.hpp"
#include "plugins/record/record_file.hpp"

namespace lm {

/// Writes one file, or parts "show-001.mkv", "show-002.mkv", … when `split_time_s` or
/// `split_size_mb` is set. Each part starts at a video keyframe and at timestamp 0; every
/// packet lands in exactly one part. Never overwrites: a part whose name exists is refused at
/// open() (the first) or skipped for the next free number (the later ones).
///
/// Stops by itself, trailer written, when the disk is about to be full (`OutputError`
/// "stopped: the disk is full (…)"), and warns before that (warning()).
///
/// Threads: open/write/close on the output thread; interrupt(), warning() and display_name()
/// anywhere.
class RecordOutput final : public Output {
public:
    /// Reads "path", "split_time_s" and "split_size_mb" and checks their form without touching
    /// the disk: a file name with a known extension (".mkv" is appended when there is none).
    /// Throws OutputError, e.g. "cannot record to 'x.avi': unknown extension '.avi' (use .mkv,
    /// .mp4 or .flv)". Whether the folder exists and is writable and the file is new is
    /// checked by open(), e.g. "cannot record to '/nonexistent/x.mkv': directory does not
    /// exist".
    explicit RecordOutput(const nlohmann::json& settings);
    ~RecordOutput() override;

    /// The path written (extension included); "show-NNN.mkv" when split.
    std::string display_name() const override;
    RecordContainer container() const { return container_; }
    /// The file of part `number` (1-based) of a split recording.
    std::string part_path(int number) const;

    void open(const std::vector<StreamInfo>& streams) override;
    void write(const Packet& packet) override;
    void close() override;
    void interrupt() override;
    std::string warning() const override;

    /// Bytes written so far, every part included. MT safe.
    int64_t bytes_written() const;

private:
    bool splitting() const { return split_time_s_ > 0 || split_size_bytes_ > 0; }
    void check_destination(const std::string& path) const;
    void check_disk(std::chrono::steady_clock::time_point now);
    /// Closes every part while its end still fits and throws the "disk is full" error.
    [[noreturn]] void stop_for_full_disk();
    /// Moves the split point forward once the current part has reached split_size_mb.
    void note_size_limit();
    void write_video(const Packet& packet);
    void write_audio(const Packet& packet);
    /// True when `packet` starts at or after the split point.
    bool at_or_after_split(const Packet& packet) const;
    void start_next_part(const Packet& keyframe);
    void close_previous();
    std::unique_ptr<RecordFile> open_part();
    void finish_all();

    std::string path_;
    RecordContainer container_ = RecordContainer::matroska;
    double split_time_s_ = 0;
    int64_t split_size_bytes_ = 0;
    std::vector<StreamInfo> streams_;
    bool has_video_ = false;
    bool has_audio_ = false;
    int audio_frame_size_ = 1024;  ///< samples per audio packet
    int audio_sample_rate_ = 48000;

    mutable std::mutex files_mutex_;  ///< guards the two pointers against interrupt()
    std::unique_ptr<RecordFile> current_;
    /// The part before a split, still taking the audio that belongs before the split point
    /// (audio and video reach the output in whatever order their encoders finish).
    std::unique_ptr<RecordFile> previous_;
    int part_number_ = 0;
    std::atomic<int64_t> finished_bytes_{0};  ///< bytes of the parts closed so far
    Rational current_start_s_{0, 1};
    Rational previous_start_s_{0, 1};
    /// The current part ends at the first video keyframe at or after this (seconds).
    std::optional<Rational> split_at_s_;
    /// Audio at or after the split point, waiting for the keyframe that starts the next part.
    std::deque<Packet> held_audio_;
    Rational last_audio_end_s_{0, 1};

    DiskSpaceGuard disk_guard_;
    std::chrono::steady_clock::time_point last_disk_check_{};
    /// The disk is nearly full: the recording stops before the next keyframe or P frame, so
    /// the B frames shown before the last one written are in the file too.
    bool stop_before_anchor_ = false;
    mutable std::mutex warning_mutex_;
    std::string warning_;
};

}  // namespace lm
