// livemachine: the studio window, or with --headless the engine alone (docs/command-line.md).
#include <iostream>

extern "C" {
#include <libavutil/log.h>
}
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "app/build_info.hpp"
#include "app/command_line.hpp"
#include "app/encoder_list.hpp"
#include "app/gui_runner.hpp"
#include "app/headless_runner.hpp"
#include "app/monitor_device_list.hpp"

int main(int argc, char** argv) {
    lm::block_control_signals();
    // Our own messages say what failed; FFmpeg's would repeat them in its own words.
    av_log_set_level(AV_LOG_QUIET);
    auto logger = spdlog::stderr_logger_mt("livemachine");
    logger->set_pattern("livemachine: %v");
    logger->set_level(spdlog::level::warn);
    spdlog::set_default_logger(logger);

    lm::CommandLineOptions options;
    try {
        options = lm::parse_command_line({argv + 1, argv + argc});
    } catch (const lm::UsageError& e) {
        std::cerr << "livemachine: " << e.what() << "\n";
        return lm::kExitUsage;
    }
    if (options.show_help) {
        std::cout << lm::usage_text();
        return lm::kExitOk;
    }
    if (options.show_version) {
        std::cout << "livemachine " << lm::build_info::kVersion << "\n";
        return lm::kExitOk;
    }
    if (options.list_encoders)
        return lm::list_encoders(options);
    if (options.list_monitor_devices)
        return lm::list_monitor_devices(options);
    if (!options.headless)
        return lm::run_gui(options, argc, argv);
    return lm::run_headless(options);
}
