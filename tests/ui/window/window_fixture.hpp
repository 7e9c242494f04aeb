// What every window test needs: the real plugin modules, temporary config folders, a
// helper to spin the event loop until something a user would see happens, and an RTMP server.
#pragma once

#include <QApplication>
#include <QElapsedTimer>
#include <QTest>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>

#include "core/plugin/module_loader.hpp"
#include "core/plugin/plugin_registry.hpp"
#include "ui/window/main_window.hpp"

namespace lm::ui::testing {

/// A fresh temporary folder, removed at the end.
class TempDir {
public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "lm-window-XXXXXX");
        path_ = mkdtemp(pattern.data());
    }
    ~TempDir() {
        std::error_code error;
        std::filesystem::remove_all(path_, error);
    }
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

/// The window's profiles and collections in `dir`, never the user's own.
inline WindowPaths paths_in(const TempDir& dir) {
    return {dir.path() / "profiles", dir.path() / "scenes"};
}

/// The plugins, loaded from the build tree exactly as the app loads them.
struct Plugins {
    Plugins() { modules.load_directory(LM_TEST_PLUGIN_DIR, registry); }
    ModuleLoader modules;  // before the registry: outlives what it creates
    PluginRegistry registry;
};

/// A window on its own configuration folder with the build's plugins, shown.
struct ShownWindow {
    TempDir config;
    Plugins plugins;
    MainWindow window{plugins.registry, paths_in(config)};
    ShownWindow() { window.show(); }
};

/// `window`'s profile with its recordings named `pattern` and written to `folder`.
inline Profile recording_profile(const MainWindow& window, const std::filesystem::path& folder,
                                 const std::string& pattern) {
    Profile profile = window.profile();
    profile.output.recording_folder = folder.string();
    profile.output.file_name_pattern = pattern;
    return profile;
}

/// Runs the event loop until `done` is true or `timeout_ms` passes; returns `done()`.
inline bool wait_until(const std::function<bool()>& done, int timeout_ms) {
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeout_ms)
            return false;
        QTest::qWait(20);
    }
    return true;
}

/// nginx with the RTMP module on a free loopback port, recording what it receives; with
/// `tls`, also an RTMPS ingest on a second port with a self-signed certificate.
class RtmpServer {
public:
    explicit RtmpServer(bool tls = false) {
        const std::string command = std::string(tls ? "RTMP_SERVER_TLS=1 " : "") + "bash '" +
                                    LM_TEST_RTMP_SERVER + "' start '" + dir_.path().string() +
                                    "' > '" + (dir_.path() / "port.txt").string() + "'";
        started_ = std::system(command.c_str()) == 0;
        std::ifstream(dir_.path() / "port.txt") >> port_;
        if (tls)
            std::ifstream(dir_.path() / "tls_port") >> tls_port_;
    }
    ~RtmpServer() {
        if (started_) {
            const std::string command = std::string("bash '") + LM_TEST_RTMP_SERVER + "' stop '" +
                                        dir_.path().string() + "'";
            [[maybe_unused]] int ignored = std::system(command.c_str());
        }
    }
    bool started() const { return started_ && port_ > 0; }
    std::string url(const std::string& key) const {
        return "rtmp://127.0.0.1:" + std::to_string(port_) + "/live/" + key;
    }
    /// The RTMPS ingest (a server started with `tls`) and its self-signed certificate.
    std::string tls_url(const std::string& key) const {
        return "rtmps://127.0.0.1:" + std::to_string(tls_port_) + "/live/" + key;
    }
    std::filesystem::path certificate() const { return dir_.path() / "cert.pem"; }
    /// Bytes the server has recorded so far, over every stream.
    uintmax_t bytes_received() const {
        uintmax_t total = 0;
        std::error_code error;
        for (const auto& entry :
             std::filesystem::directory_iterator(dir_.path() / "record", error)) {
            total += entry.file_size();
        }
        return total;
    }

private:
    TempDir dir_;
    bool started_ = false;
    int port_ = 0;
    int tls_port_ = 0;
};

}  // namespace lm::ui::testing
