// What a source tells the creator about itself: fine, or what is wrong and what to do. Shown
// next to the source in the window and logged once when it changes; the show goes on either
// way (a source with an error draws nothing, or its no-signal picture).
#pragma once

#include <mutex>
#include <string>

namespace lm {

struct SourceStatus {
    enum class Level { ok, warning, error };
    Level level = Level::ok;
    /// Specific and actionable: "image 'logo.png': file not found; pick another file".
    std::string message;

    bool ok() const { return level == Level::ok; }
    friend bool operator==(const SourceStatus&, const SourceStatus&) = default;
};

/// A source's current status, written by whichever thread finds out and read by the UI.
class SourceStatusBox {
public:
    /// Replaces the status; logs it (warning or error level) when it differs from the last.
    void set(SourceStatus status);
    void set_ok() { set({}); }
    void set_error(std::string message) { set({SourceStatus::Level::error, std::move(message)}); }
    void set_warning(std::string message) {
        set({SourceStatus::Level::warning, std::move(message)});
    }
    SourceStatus get() const;

private:
    mutable std::mutex mutex_;
    SourceStatus status_;  // guarded by mutex_
};

}  // namespace lm
