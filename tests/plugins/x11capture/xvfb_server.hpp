// A private X server for the capture tests: Xvfb on a display number nobody uses, started with
// the given screens and extensions and killed when the object goes.
#pragma once

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace lm::test {

class XvfbServer {
public:
    /// Starts `Xvfb :N <args> -noreset -nolisten tcp` and waits for its socket. `args` name
    /// the screens ("-screen", "0", "640x480x24") and extensions ("-extension", "MIT-SHM").
    explicit XvfbServer(std::vector<std::string> args = {"-screen", "0", "640x480x24"}) {
        // Display numbers from a spread-out start, so parallel test runs rarely collide; a
        // collision (Xvfb exits: lock taken) just moves on to the next number.
        const int first = 200 + int(getpid() % 500);
        for (int n = first; n < first + 50; ++n) {
            if (std::filesystem::exists(socket_path(n)) ||
                std::filesystem::exists("/tmp/.X" + std::to_string(n) + "-lock")) {
                continue;
            }
            if (start(n, args))
                return;
        }
        FAIL("could not start Xvfb on any display from :" << first);
    }
    ~XvfbServer() {
        if (pid_ > 0) {
            kill(pid_, SIGTERM);
            waitpid(pid_, nullptr, 0);
        }
    }
    XvfbServer(const XvfbServer&) = delete;
    XvfbServer& operator=(const XvfbServer&) = delete;

    const std::string& display() const { return display_; }

    /// A display number with no server (for the "cannot open" tests).
    static std::string unused_display() {
        for (int n = 900;; ++n) {
            if (!std::filesystem::exists(socket_path(n)))
                return ":" + std::to_string(n);
        }
    }

private:
    static std::string socket_path(int n) { return "/tmp/.X11-unix/X" + std::to_string(n); }

    bool start(int n, const std::vector<std::string>& args) {
        std::vector<std::string> argv_strings{"Xvfb", ":" + std::to_string(n)};
        argv_strings.insert(argv_strings.end(), args.begin(), args.end());
        for (const char* arg : {"-noreset", "-nolisten", "tcp"})
            argv_strings.emplace_back(arg);
        std::vector<char*> argv;
        for (auto& s : argv_strings)
            argv.push_back(s.data());
        argv.push_back(nullptr);

        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
        pid_t pid = 0;
        const int spawned = posix_spawnp(&pid, "Xvfb", &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        REQUIRE(spawned == 0);

        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
        while (std::chrono::steady_clock::now() < deadline) {
            if (waitpid(pid, nullptr, WNOHANG) == pid)
                return false;  // exited: the display was taken meanwhile
            if (std::filesystem::exists(socket_path(n))) {
                pid_ = pid;
                display_ = ":" + std::to_string(n);
                return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
        return false;
    }

    pid_t pid_ = -1;
    std::string display_;
};

}  // namespace lm::test
