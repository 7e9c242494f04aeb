// One run of the screenshot tool: the real plugins, a studio window over the real engine with
// its configuration in a temporary folder (the user's own profiles and scenes are never read
// or touched), a small show set up on it, a recording running so the stats have numbers, and
// pictures of the window, its docks and every settings page. GUI thread only.
#pragma once

#include <QString>

#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>

#include "core/plugin/module_loader.hpp"
#include "core/plugin/plugin_registry.hpp"

class QWidget;

namespace lm::ui {
class MainWindow;
}

namespace lm::tools {

/// Why a run failed, ready to print.
class ScreenshotError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class ScreenshotSession {
public:
    /// Loads the plugin modules from `plugin_dir`; throws ScreenshotError when none load.
    explicit ScreenshotSession(const std::filesystem::path& plugin_dir);
    ~ScreenshotSession();
    ScreenshotSession(const ScreenshotSession&) = delete;
    ScreenshotSession& operator=(const ScreenshotSession&) = delete;

    /// Opens the window (1600x900) with a test pattern, a lower-third bar and a tone, a
    /// profile with stream destinations and hotkeys, and recording into the temporary folder.
    void set_up_show();
    /// Starts the recording and the replay buffer and runs the show for `seconds`, so the
    /// graphs fill and the meters move. Throws when they do not go live.
    void run_show(int seconds);
    /// Saves the window, the stats dock and the audio mixer dock into `out_dir` (created if
    /// needed) while the show runs; throws on a failed write.
    void save_window_pictures(const std::filesystem::path& out_dir);
    /// Stops the recording and the replay buffer and waits until they have ended.
    void stop_recording();
    /// Opens the settings and saves each page. Taken with nothing live, as a creator usually
    /// sees them (while live, the encoder and video fields are read-only).
    /// studio-mode.png: a second scene prepared beside program.
    void save_studio_mode_picture(const std::filesystem::path& out_dir);
    void save_settings_pictures(const std::filesystem::path& out_dir);
    /// filters.png: the lower-third bar's Filters dialog with a colour correction (selected,
    /// its form showing) and a LUT whose file is missing (its row showing the problem); then
    /// Cancel, so the show is as it was.
    void save_filters_picture(const std::filesystem::path& out_dir);
    /// Closes the window; throws if it reported an error at any point (a picture would have
    /// shown a broken show).
    void finish();

private:
    void save(QWidget& widget, const std::filesystem::path& file) const;

    std::filesystem::path temp_dir_;
    ModuleLoader modules_;  // before the registry and the window: outlives what they create
    PluginRegistry registry_;
    std::unique_ptr<ui::MainWindow> window_;
};

/// Runs the event loop until `done` is true or `timeout_ms` passes; returns `done()`.
bool wait_until(const std::function<bool()>& done, int timeout_ms);
/// Runs the event loop for `ms` milliseconds.
void wait_ms(int ms);

}  // namespace lm::tools
