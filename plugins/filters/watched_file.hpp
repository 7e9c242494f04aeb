// A file a filter reads (a LUT, a mask image), read again whenever it changes, so a fixed or
// replaced file shows without touching the filter, as file sources do.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <variant>

#include "core/media/file_watch.hpp"
#include "core/scene/source_status.hpp"

namespace lm {

/// Threads: the constructor reads the file once; a FileWatch thread reads it again after each
/// change. The video thread takes the newest good content with take_if_new(), which only swaps
/// a pointer under a short lock; it never touches the file.
template <typename T>
class WatchedFile {
public:
    /// The content, or what is wrong with the file as a creator should read it.
    using Loader = std::function<std::variant<T, std::string>(const std::filesystem::path&)>;

    /// An empty `path` is not watched: `status()` says `unset_message`.
    WatchedFile(std::filesystem::path path, Loader loader, std::string unset_message,
                std::chrono::milliseconds interval = std::chrono::milliseconds(500))
        : path_(std::move(path)), loader_(std::move(loader)) {
        if (path_.empty()) {
            status_.set_error(std::move(unset_message));
            return;
        }
        load();
        watch_ = std::make_unique<FileWatch>(path_, interval, [this] { load(); });
    }
    ~WatchedFile() { watch_.reset(); }  // joins the watch thread before the members it uses go
    WatchedFile(const WatchedFile&) = delete;
    WatchedFile& operator=(const WatchedFile&) = delete;

    /// Fine, or why the file cannot be used (the last good content stays available). MT safe.
    SourceStatus status() const { return status_.get(); }

    /// The newest good content when it changed since the last call, else null. Video thread.
    std::shared_ptr<const T> take_if_new() {
        const std::lock_guard lock(mutex_);
        return std::move(fresh_);
    }

private:
    void load() {
        auto loaded = loader_(path_);
        if (auto* error = std::get_if<std::string>(&loaded)) {
            status_.set_error(std::move(*error));
            return;
        }
        {
            const std::lock_guard lock(mutex_);
            fresh_ = std::make_shared<const T>(std::move(std::get<T>(loaded)));
        }
        status_.set_ok();
    }

    const std::filesystem::path path_;
    const Loader loader_;
    SourceStatusBox status_;
    std::mutex mutex_;
    std::shared_ptr<const T> fresh_;    // guarded by mutex_
    std::unique_ptr<FileWatch> watch_;  // last: stopped before what it calls into goes
};

}  // namespace lm
