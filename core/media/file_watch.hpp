// Notices when a file changes (written, replaced, created or deleted) by polling its size and
// modification time on a thread of its own, so no mixer thread ever waits on the file system
// (a network mount can hang a stat for seconds). Used by sources that reload what they show.
#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <thread>

namespace lm {

class FileWatch {
public:
    /// Calls `on_change` on the watch thread after each change it sees, at most once per
    /// `interval`. Changes are counted from the file as it is when the constructor returns;
    /// the first poll happens one interval later.
    FileWatch(std::filesystem::path path, std::chrono::milliseconds interval,
              std::function<void()> on_change);
    ~FileWatch();  ///< stops the thread; on_change is not called afterwards
    FileWatch(const FileWatch&) = delete;
    FileWatch& operator=(const FileWatch&) = delete;

private:
    struct Signature {
        bool exists = false;
        std::uintmax_t size = 0;
        std::filesystem::file_time_type modified{};
        friend bool operator==(const Signature&, const Signature&) = default;
    };
    static Signature signature_of(const std::filesystem::path& path);
    void run(Signature last);

    const std::filesystem::path path_;
    const std::chrono::milliseconds interval_;
    const std::function<void()> on_change_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;  // guarded by mutex_
    std::thread thread_;
};

}  // namespace lm
