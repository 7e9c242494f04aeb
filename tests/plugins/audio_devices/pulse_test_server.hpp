// A private PulseAudio server for the audio capture tests: a null output "vsink" whose monitor
// is the default input, a silent null input "vmic", reachable only through this process's
// PULSE_SERVER, started and killed by the test. Plus a tone player (the ffmpeg CLI playing into the
// server).
#pragma once

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace lm::test {

/// A child process started from an argument list, with this process's environment.
class ChildProcess {
public:
    explicit ChildProcess(std::vector<std::string> arguments) {
        std::vector<char*> argv;
        for (std::string& argument : arguments)
            argv.push_back(argument.data());
        argv.push_back(nullptr);
        REQUIRE(posix_spawnp(&pid_, argv[0], nullptr, nullptr, argv.data(), environ) == 0);
    }
    ~ChildProcess() { stop(SIGTERM); }
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    /// Sends `signal` and reaps the child; kills it outright if it is still there after 3 s.
    void stop(int signal) {
        if (pid_ <= 0)
            return;
        kill(pid_, signal);
        for (int waited_ms = 0; waitpid(pid_, nullptr, WNOHANG) == 0; waited_ms += 10) {
            if (waited_ms == 3000)
                kill(pid_, SIGKILL);
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        pid_ = -1;
    }

private:
    pid_t pid_ = -1;
};

/// Runs a shell command to completion; true when it exited with 0.
inline bool run_quietly(const std::string& command) {
    return std::system((command + " >/dev/null 2>&1").c_str()) == 0;
}

class PulseTestServer {
public:
    static constexpr const char* kSinkName = "vsink";
    /// An input that is not an output's monitor (silent).
    static constexpr const char* kMicrophoneName = "vmic";

    /// Creates the temp dir and points this process at it (XDG_RUNTIME_DIR, PULSE_SERVER): call
    /// before any sound client in the process connects. Then starts the server.
    PulseTestServer() {
        root_ = std::filesystem::temp_directory_path() /
                fmt::format("lm-audio-test-{}-{}", getpid(), instance_counter()++);
        std::filesystem::create_directories(root_ / "xdg");
        chmod((root_ / "xdg").c_str(), 0700);
        setenv("XDG_RUNTIME_DIR", (root_ / "xdg").c_str(), 1);
        setenv("PULSE_SERVER", ("unix:" + (root_ / "native").string()).c_str(), 1);
        std::ofstream(root_ / "default.pa")
            << "load-module module-native-protocol-unix auth-anonymous=1 socket="
            << (root_ / "native").string() << "\n"
            << "load-module module-null-sink sink_name=" << kSinkName << " rate=48000 channels=2\n"
            << "load-module module-null-source source_name=" << kMicrophoneName << "\n"
            << "set-default-sink " << kSinkName << "\n"
            << "set-default-source " << kSinkName << ".monitor\n";
        start();
    }
    ~PulseTestServer() {
        stop(SIGTERM);
        std::error_code ignored;
        std::filesystem::remove_all(root_, ignored);
    }
    PulseTestServer(const PulseTestServer&) = delete;
    PulseTestServer& operator=(const PulseTestServer&) = delete;

    /// Starts the server and waits until it answers (fails the test after 10 s).
    void start() {
        server_ = std::make_unique<ChildProcess>(std::vector<std::string>{
            "pulseaudio", "-n", "-F", (root_ / "default.pa").string(), "--exit-idle-time=-1",
            "--daemonize=no", "--use-pid-file=no", "--disallow-exit",
            "--log-target=file:" + (root_ / "pulse.log").string()});
        for (int attempt = 0; attempt < 100; ++attempt) {
            if (run_quietly("pactl info"))
                return;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        FAIL("the test PulseAudio server did not start; see " << (root_ / "pulse.log"));
    }
    /// Stops the server with `signal` (SIGKILL: as if it crashed).
    void stop(int signal) {
        if (server_)
            server_->stop(signal);
        server_.reset();
    }

private:
    static int& instance_counter() {
        static int counter = 0;
        return counter;
    }

    std::filesystem::path root_;
    std::unique_ptr<ChildProcess> server_;
};

/// Plays a 440 Hz stereo sine of amplitude 0.25 (RMS -15.05 dBFS) into the default output, in
/// real time, until destroyed. It asks for a 20 ms buffer: a null output left to itself renders
/// in 2 s blocks, and its monitor would then deliver nothing for up to 2 s at a time.
class TonePlayer {
public:
    static constexpr double kFrequencyHz = 440;
    static constexpr double kRmsDbfs = -15.05;

    TonePlayer()
        : ffmpeg_({"ffmpeg", "-nostdin", "-loglevel", "fatal", "-re", "-f", "lavfi", "-i",
                   "sine=frequency=440:sample_rate=48000", "-af", "volume=2,pan=stereo|c0=c0|c1=c0",
                   "-c:a", "pcm_f32le", "-f", "pulse", "-buffer_duration", "20", "lm-test-tone"}) {
        // Until the player is connected the null output idles in 2 s blocks; tests start
        // capturing only once it plays.
        for (int attempt = 0; attempt < 100; ++attempt) {
            if (run_quietly("pactl list short sink-inputs | grep -q ."))
                return;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        FAIL("the test tone did not start playing");
    }

private:
    ChildProcess ffmpeg_;
};

}  // namespace lm::test
