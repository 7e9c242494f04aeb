#include "app/headless_runner.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/build_info.hpp"
#include "app/encoder_list.hpp"
#include "app/plugin_directory.hpp"
#include "app/status_printer.hpp"
#include "core/plugin/module_loader.hpp"
#include "core/scene/scene_collection.hpp"
#include "core/studio.hpp"

namespace lm {
namespace {

/// The output group Studio::start runs.
constexpr const char* kCommandLineGroup = "main";

void print_error(const std::string& message) {
    std::cerr << "livemachine: " << message << "\n";
}

/// "NAME: ERROR", unless the error already names the destination (a recording's messages
/// quote their path).
std::string describe_failure(const std::string& name, const std::string& error) {
    return error.find(name) == std::string::npos ? fmt::format("{}: {}", name, error) : error;
}

/// The default scene: the test pattern over the whole canvas, its sync beep the only audio.
std::shared_ptr<const Scene> default_scene(const PluginRegistry& registry,
                                           const VideoFormat& video) {
    auto scene = std::make_shared<Scene>();
    scene->name = "Test pattern";
    SceneItem item;
    item.id = 1;
    item.name = "Test pattern";
    item.source =
        registry.create_source("test_pattern", {{"width", video.width}, {"height", video.height}});
    scene->items.push_back(std::move(item));
    return scene;
}

std::shared_ptr<const Scene> scene_from_collection(const SceneCollection& collection) {
    for (const Scene& scene : collection.scenes) {
        if (scene.name == collection.current_scene)
            return std::make_shared<Scene>(scene);
    }
    return std::make_shared<Scene>(collection.scenes.front());
}

StudioSettings studio_settings(const CommandLineOptions& options) {
    StudioSettings settings;
    settings.video = options.video;
    settings.video_encoder = options.video_encoder;
    if (options.encoder_fallback)
        settings.video_encoder_fallback = "x264";
    settings.video_encoder_settings = {{"rate_control", "cbr"},
                                       {"bitrate_kbps", options.video_bitrate_kbps},
                                       {"keyint_s", options.keyint_s}};
    if (options.preset)
        settings.video_encoder_settings["preset"] = *options.preset;
    if (options.tune)
        settings.video_encoder_settings["tune"] = *options.tune;
    settings.audio_encoder_settings = {{"bitrate_kbps", options.audio_bitrate_kbps}};
    settings.monitoring_device = options.monitoring_device;
    settings.network.reconnect.max_attempts = options.reconnect_attempts;
    settings.network.reconnect.first_delay_s = options.reconnect_delay_s;
    settings.network.reconnect.max_delay_s = options.reconnect_max_delay_s;
    settings.network.dynamic_bitrate = !options.no_dynamic_bitrate;
    settings.network.follow_slowest = options.follow_slowest;
    return settings;
}

OutputRequest stream_request(const CommandLineOptions& options, const std::string& url) {
    nlohmann::json settings{{"url", url}};
    if (options.trusted_certificate)
        settings["trusted_certificate"] = *options.trusted_certificate;
    return {"rtmp", std::move(settings)};
}

/// The main encode's outputs: every stream without a bitrate of its own, the recording, HLS
/// and the replay buffer.
std::vector<OutputRequest> main_requests(const CommandLineOptions& options) {
    std::vector<OutputRequest> requests;
    for (size_t i = 0; i < options.stream_urls.size(); ++i) {
        const auto own = options.stream_video_bitrates.find(i);
        if (own == options.stream_video_bitrates.end() ||
            own->second == options.video_bitrate_kbps) {
            requests.push_back(stream_request(options, options.stream_urls[i]));
        }
    }
    if (options.record_path) {
        nlohmann::json settings{{"path", *options.record_path}};
        if (options.record_split_time_s > 0)
            settings["split_time_s"] = options.record_split_time_s;
        if (options.record_split_size_mb > 0)
            settings["split_size_mb"] = options.record_split_size_mb;
        requests.push_back({"record", settings});
    }
    if (options.hls_folder)
        requests.push_back({"hls", {{"folder", *options.hls_folder}}});
    if (options.replay_buffer_s > 0) {
        requests.push_back({"replay_buffer",
                            {{"seconds", options.replay_buffer_s},
                             {"folder", options.replay_folder.value_or(".")},
                             {"format", options.replay_format}}});
    }
    return requests;
}

/// The groups to start: the main encode, then one more per other bitrate asked with
/// --stream-bitrate (streams asking the same one share it). Ordered by name, as the studio
/// lists its groups' outputs, so the results and the stats line up.
std::vector<GroupRequest> group_requests(const CommandLineOptions& options) {
    std::map<std::string, GroupRequest> groups;
    if (auto main = main_requests(options); !main.empty())
        groups[kCommandLineGroup] = {kCommandLineGroup, std::move(main), nullptr};
    for (const auto& [stream, kbps] : options.stream_video_bitrates) {
        if (kbps == options.video_bitrate_kbps)
            continue;
        // Zero-padded so that name order is bitrate order.
        const std::string name = fmt::format("{} {:06d} kbps", kCommandLineGroup, kbps);
        GroupRequest& group = groups[name];
        group.name = name;
        group.video_encoder_settings = {{"bitrate_kbps", kbps}};
        group.outputs.push_back(stream_request(options, options.stream_urls[stream]));
    }
    std::vector<GroupRequest> ordered;
    for (auto& [name, group] : groups)
        ordered.push_back(std::move(group));
    return ordered;
}

/// The signals the command line acts on: stop (SIGINT, SIGTERM), save a replay (SIGUSR1),
/// pause or resume the recording (SIGUSR2).
sigset_t control_signals() {
    sigset_t signals;
    sigemptyset(&signals);
    for (int signal : {SIGINT, SIGTERM, SIGUSR1, SIGUSR2})
        sigaddset(&signals, signal);
    return signals;
}

/// SIGUSR2: pauses the recording, or resumes it; says which on stdout.
void toggle_pause(Studio& studio) {
    try {
        if (studio.group_state(kCommandLineGroup) == GroupState::paused) {
            studio.resume_group(kCommandLineGroup);
            std::cout << "recording resumed" << std::endl;
        } else {
            studio.pause_group(kCommandLineGroup);
            std::cout << "recording paused" << std::endl;
        }
    } catch (const StudioError& e) {
        print_error(fmt::format("SIGUSR2: {}", e.what()));
    }
}

int open_control_signals() {
    const sigset_t signals = control_signals();
    return signalfd(-1, &signals, SFD_CLOEXEC);
}

/// Waits up to `timeout_ms` for one of the control signals; returns it, or 0.
int next_signal(int signal_fd, int timeout_ms) {
    pollfd fd{signal_fd, POLLIN, 0};
    if (poll(&fd, 1, timeout_ms) <= 0)
        return 0;
    signalfd_siginfo info{};
    if (read(signal_fd, &info, sizeof info) != sizeof info)
        return 0;
    return int(info.ssi_signo);
}

/// SIGUSR1: saves the replay buffer's window; says where on stdout, or why not on stderr.
void save_replay(Studio& studio) {
    try {
        for (const ReplaySaved& saved : studio.save_replay(kCommandLineGroup))
            std::cout << fmt::format("replay saved: {} ({:.1f} s)", saved.path, saved.duration_s)
                      << std::endl;
    } catch (const StudioError& e) {
        print_error(fmt::format("replay not saved: {}", e.what()));
    }
}

void write_stats_json(const std::string& path, const StatsSnapshot& stats) {
    std::ofstream file(path);
    file << stats_to_json(stats).dump(2) << "\n";
    if (!file)
        print_error(fmt::format("cannot write --stats-json '{}'", path));
}

}  // namespace

void block_control_signals() {
    const sigset_t signals = control_signals();
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

int run_headless(const CommandLineOptions& options) {
    if (options.stream_urls.empty() && !options.record_path && !options.hls_folder &&
        options.replay_buffer_s <= 0) {
        print_error(
            "--headless needs something to do: add --stream URL, --record FILE, --hls FOLDER "
            "and/or --replay-buffer SECONDS");
        return kExitUsage;
    }

    // Declared first so it is destroyed last: the registry and every object it creates run
    // code that lives in the modules.
    ModuleLoader modules;
    PluginRegistry registry;
    if (!load_plugins(options, modules, registry))
        return kExitStartFailed;

    if (const EncoderCheck check = check_video_encoder(registry, options); check.exit_code != 0) {
        print_error(check.error);
        return check.exit_code;
    }

    std::shared_ptr<const Scene> scene;
    try {
        scene = options.collection_path
                    ? scene_from_collection(instantiate(
                          load_scene_collection_file(*options.collection_path), registry))
                    : default_scene(registry, options.video);
    } catch (const std::exception& e) {
        print_error(e.what());
        return kExitStartFailed;
    }

    const int signal_fd = open_control_signals();
    std::optional<Studio> studio;
    std::vector<OutputOpenResult> opened;
    try {
        studio.emplace(registry, studio_settings(options));
        studio->set_scene(scene);
        opened = studio->start(group_requests(options), options.duration_s);
    } catch (const StudioError& e) {
        print_error(e.what());
        return e.kind() == StudioError::Kind::invalid_settings ? kExitUsage : kExitStartFailed;
    }
    size_t failed_to_open = 0;
    for (const auto& result : opened) {
        if (result.error.empty())
            continue;
        print_error(describe_failure(result.name, result.error));
        ++failed_to_open;
    }
    if (failed_to_open == opened.size()) {
        if (opened.size() > 1)
            print_error("no destination could be opened; nothing was sent");
        return kExitStartFailed;
    }

    std::shared_ptr<const StatsSnapshot> printed;
    bool stopping = false;
    while (!studio->wait_finished(std::chrono::milliseconds(0))) {
        const int signal = next_signal(signal_fd, 100);
        if (signal == SIGUSR1) {
            save_replay(*studio);
        } else if (signal == SIGUSR2) {
            toggle_pause(*studio);
        } else if (signal == SIGINT || signal == SIGTERM) {
            if (stopping) {
                // The user asked twice: no trailers, no waiting on a dead server. What was
                // written stays playable (MKV and fragmented MP4 need no trailer to play).
                print_error("quitting at once, without closing the outputs");
                std::_Exit(kExitInterrupted);
            }
            print_error("stopping: flushing encoders and closing outputs (again to quit at once)");
            studio->stop();
            stopping = true;
        }
        if (auto stats = studio->last_second_stats(); stats && stats != printed) {
            std::cout << format_status_line(*stats) << std::endl;
            printed = stats;
        }
    }
    close(signal_fd);

    const StatsSnapshot final_stats = studio->stats();
    if (options.stats_json_path)
        write_stats_json(*options.stats_json_path, final_stats);
    bool any_failed = false;
    for (size_t i = 0; i < final_stats.outputs.size(); ++i) {
        const OutputCounters& output = final_stats.outputs[i].counters;
        if (output.state != OutputState::failed)
            continue;
        any_failed = true;
        // Open failures were reported when they happened.
        if (i < opened.size() && opened[i].error.empty()) {
            print_error(describe_failure(output.name, output.error));
        }
    }
    return any_failed ? kExitDestinationFailed : kExitOk;
}

}  // namespace lm
