#include "core/media/file_watch.hpp"

namespace lm {

FileWatch::FileWatch(std::filesystem::path path, std::chrono::milliseconds interval,
                     std::function<void()> on_change)
    : path_(std::move(path)), interval_(interval), on_change_(std::move(on_change)) {
    // The first look is taken here, not on the thread: a change made right after
    // construction, before the thread first runs, must still count as a change.
    thread_ = std::thread([this, first = signature_of(path_)] { run(first); });
}

FileWatch::~FileWatch() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

FileWatch::Signature FileWatch::signature_of(const std::filesystem::path& path) {
    std::error_code error;
    Signature signature;
    signature.size = std::filesystem::file_size(path, error);
    if (error)
        return {};
    signature.modified = std::filesystem::last_write_time(path, error);
    signature.exists = !error;
    return signature;
}

void FileWatch::run(Signature last) {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
        lock.unlock();
        const Signature now = signature_of(path_);
        if (now != last) {
            last = now;
            on_change_();
        }
        lock.lock();
    }
}

}  // namespace lm
