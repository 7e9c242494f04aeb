// The replay buffer output: keeps the last seconds of the encode in memory (ReplayBuffer) and,
// when asked, saves them as a new file "replay-2026-12-04_10-11-12.mkv" in its folder.
// docs/recording.md describes what a saved replay holds.
#pragma once

#include <nlohmann/json.hpp>

#include <condition_variable>
#include <cstdint>
#include <ctime>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/output/output.hpp"
#include "core/output/replay_buffer.hpp"
#include "plugins/record/record_file.hpp"

namespace lm {

/// Threads: open/write/close on the output thread; the files are written on a thread of its
/// own ("lm-replay"), so the output goes on taking packets while one is saved; save_replay(),
/// replay_status(), interrupt() and display_name() from anywhere.
class ReplayOutput final : public Output {
public:
    /// Reads "folder" (default "."), "seconds" (the window, default 20) and "format" ("mkv",
    /// "mp4" or "flv"; default "mkv"). Throws OutputError for a bad value; whether the folder
    /// exists and is writable is checked by open().
    explicit ReplayOutput(const nlohmann::json& settings);
    ~ReplayOutput() override;

    /// "FOLDER/replay-*.mkv"
    std::string display_name() const override;
    /// The file a replay saved at `time` (local time) is given, before any "-2" for a name
    /// already taken.
    std::string path_for(std::time_t time) const;

    void open(const std::vector<StreamInfo>& streams) override;
    void write(const Packet& packet) override;
    /// Finishes the saves asked for so far; nothing else is written (a replay buffer is saved
    /// only on demand).
    void close() override;
    void interrupt() override;

    bool keeps_replay() const override { return true; }
    ReplaySaved save_replay() override;
    std::optional<ReplayStatus> replay_status() const override;

private:
    struct Job {
        ReplaySnapshot snapshot;
        std::promise<ReplaySaved> done;
    };
    void save_loop();
    ReplaySaved write_file(const ReplaySnapshot& snapshot);
    std::string free_path(std::time_t time) const;

    std::string folder_;
    double seconds_ = 20;
    std::string extension_ = ".mkv";
    RecordContainer container_ = RecordContainer::matroska;
    std::vector<StreamInfo> streams_;  // set by open(), read by the saver afterwards
    std::unique_ptr<ReplayBuffer> buffer_;

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::shared_ptr<Job>> jobs_;  // guarded by mutex_
    bool open_ = false;                      // guarded by mutex_
    bool closing_ = false;                   // guarded by mutex_
    bool interrupted_ = false;               // guarded by mutex_
    RecordFile* writing_ = nullptr;          // guarded by mutex_: for interrupt()
    uint64_t saved_ = 0;                     // guarded by mutex_
    std::thread saver_;
};

}  // namespace lm
