#include "app/command_line.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <functional>
#include <map>
#include <regex>

#include "core/studio.hpp"

namespace lm {
namespace {

double parse_number(const std::string& option, const std::string& text, double min, double max) {
    double value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end || !std::isfinite(value)) {
        throw UsageError(fmt::format("{} '{}': not a number", option, text));
    }
    if (value < min || value > max) {
        throw UsageError(fmt::format("{} '{}': must be between {} and {}", option, text, min, max));
    }
    return value;
}

int parse_integer(const std::string& option, const std::string& text, int min, int max) {
    int value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end) {
        throw UsageError(fmt::format("{} '{}': not a whole number", option, text));
    }
    if (value < min || value > max) {
        throw UsageError(fmt::format("{} '{}': must be between {} and {}", option, text, min, max));
    }
    return value;
}

/// Frame rates people type, mapped to their exact broadcast values.
Rational parse_frame_rate(const std::string& text) {
    static const std::map<std::string, Rational> kNtscRates{{"23.976", {24000, 1001}},
                                                            {"23.98", {24000, 1001}},
                                                            {"29.97", {30000, 1001}},
                                                            {"59.94", {60000, 1001}},
                                                            {"119.88", {120000, 1001}}};
    if (auto it = kNtscRates.find(text); it != kNtscRates.end())
        return it->second;
    double fps = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, fps);
    if (ec != std::errc() || ptr != end || !std::isfinite(fps))
        return {0, 1};
    return Rational{std::llround(fps * 1000), 1000}.reduced();
}

}  // namespace

VideoFormat parse_video_format(const std::string& text) {
    static const std::regex kPattern(R"((\d{1,6})x(\d{1,6})@([0-9.]+))");
    std::smatch match;
    if (!std::regex_match(text, match, kPattern)) {
        throw UsageError(
            fmt::format("--video '{}': expected WIDTHxHEIGHT@FPS, for example 1280x720@30", text));
    }
    VideoFormat format;
    format.width = std::stoi(match[1]);
    format.height = std::stoi(match[2]);
    format.frame_rate = parse_frame_rate(match[3]);
    try {
        validate_video_format(format);
    } catch (const StudioError& e) {
        throw UsageError(fmt::format("--video '{}': {}", text, e.what()));
    }
    return format;
}

CommandLineOptions parse_command_line(const std::vector<std::string>& args) {
    CommandLineOptions options;
    using Handler = std::function<void(const std::string&)>;
    const std::map<std::string, Handler> with_value{
        {"--stream", [&](const std::string& v) { options.stream_urls.push_back(v); }},
        {"--stream-bitrate",
         [&](const std::string& v) {
             if (options.stream_urls.empty())
                 throw UsageError("--stream-bitrate: put it after the --stream it is for");
             const size_t stream = options.stream_urls.size() - 1;
             if (options.stream_video_bitrates.count(stream))
                 throw UsageError("--stream-bitrate: given twice for the same --stream");
             options.stream_video_bitrates[stream] =
                 parse_integer("--stream-bitrate", v, 100, 200'000);
         }},
        {"--trust-cert",
         [&](const std::string& v) {
             if (options.trusted_certificate)
                 throw UsageError(
                     "--trust-cert: give it only once (one PEM file may hold several)");
             options.trusted_certificate = v;
         }},
        {"--record",
         [&](const std::string& v) {
             if (options.record_path)
                 throw UsageError("--record: give it only once");
             options.record_path = v;
         }},
        {"--record-split-time",
         [&](const std::string& v) {
             options.record_split_time_s =
                 parse_number("--record-split-time", v, 1, 7.0 * 24 * 3600);
         }},
        {"--record-split-size",
         [&](const std::string& v) {
             options.record_split_size_mb = parse_integer("--record-split-size", v, 1, 100'000'000);
         }},
        {"--hls",
         [&](const std::string& v) {
             if (options.hls_folder)
                 throw UsageError("--hls: give it only once");
             options.hls_folder = v;
         }},
        {"--replay-buffer",
         [&](const std::string& v) {
             options.replay_buffer_s = parse_number("--replay-buffer", v, 1, 3600);
         }},
        {"--replay-folder", [&](const std::string& v) { options.replay_folder = v; }},
        {"--replay-format",
         [&](const std::string& v) {
             if (v != "mkv" && v != "mp4" && v != "flv")
                 throw UsageError(fmt::format("--replay-format '{}': use mkv, mp4 or flv", v));
             options.replay_format = v;
         }},
        {"--duration",
         [&](const std::string& v) {
             options.duration_s = parse_number("--duration", v, 0.1, 366.0 * 24 * 3600);
         }},
        {"--collection", [&](const std::string& v) { options.collection_path = v; }},
        {"--video", [&](const std::string& v) { options.video = parse_video_format(v); }},
        {"--video-bitrate",
         [&](const std::string& v) {
             options.video_bitrate_kbps = parse_integer("--video-bitrate", v, 100, 200'000);
         }},
        {"--audio-bitrate",
         [&](const std::string& v) {
             options.audio_bitrate_kbps = parse_integer("--audio-bitrate", v, 32, 512);
         }},
        {"--preset", [&](const std::string& v) { options.preset = v; }},
        {"--tune", [&](const std::string& v) { options.tune = v; }},
        {"--encoder",
         [&](const std::string& v) {
             if (v.empty())
                 throw UsageError("--encoder '': name an encoder (see --list-encoders)");
             options.video_encoder = v;
         }},
        {"--keyint",
         [&](const std::string& v) { options.keyint_s = parse_number("--keyint", v, 0.1, 60); }},
        {"--stats-json", [&](const std::string& v) { options.stats_json_path = v; }},
        {"--plugin-dir", [&](const std::string& v) { options.plugin_dir = v; }},
        {"--monitor-device",
         [&](const std::string& v) {
             if (v.empty())
                 throw UsageError(
                     "--monitor-device '': name an output device, or 'default' "
                     "(see --list-monitor-devices)");
             options.monitoring_device = v;
         }},
        {"--reconnect-attempts",
         [&](const std::string& v) {
             options.reconnect_attempts = parse_integer("--reconnect-attempts", v, 0, 1'000'000);
         }},
        {"--reconnect-delay",
         [&](const std::string& v) {
             options.reconnect_delay_s = parse_number("--reconnect-delay", v, 0.1, 3600);
         }},
        {"--reconnect-max-delay",
         [&](const std::string& v) {
             options.reconnect_max_delay_s = parse_number("--reconnect-max-delay", v, 0.1, 3600);
         }},
    };
    const std::map<std::string, bool*> flags{
        {"--headless", &options.headless},
        {"--help", &options.show_help},
        {"-h", &options.show_help},
        {"--version", &options.show_version},
        {"--no-dynamic-bitrate", &options.no_dynamic_bitrate},
        {"--follow-slowest", &options.follow_slowest},
        {"--list-encoders", &options.list_encoders},
        {"--list-monitor-devices", &options.list_monitor_devices},
        {"--encoder-fallback", &options.encoder_fallback}};

    for (size_t i = 0; i < args.size(); ++i) {
        std::string name = args[i];
        std::optional<std::string> inline_value;
        if (const auto eq = name.find('='); name.starts_with("--") && eq != std::string::npos) {
            inline_value = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        if (auto flag = flags.find(name); flag != flags.end()) {
            if (inline_value)
                throw UsageError(fmt::format("{} takes no value", name));
            *flag->second = true;
            continue;
        }
        auto option = with_value.find(name);
        if (option == with_value.end()) {
            throw UsageError(fmt::format("unknown option '{}' (see --help)", args[i]));
        }
        if (!inline_value) {
            if (i + 1 >= args.size())
                throw UsageError(fmt::format("{} needs a value", name));
            inline_value = args[++i];
        }
        option->second(*inline_value);
    }
    if (options.reconnect_max_delay_s < options.reconnect_delay_s) {
        throw UsageError(fmt::format(
            "--reconnect-max-delay {} is shorter than --reconnect-delay {}: the first wait would "
            "already be past the cap",
            options.reconnect_max_delay_s, options.reconnect_delay_s));
    }
    if (options.replay_folder && options.replay_buffer_s <= 0)
        throw UsageError("--replay-folder: add --replay-buffer SECONDS");
    if (!options.record_path && options.record_split_time_s > 0)
        throw UsageError("--record-split-time: add --record FILE");
    if (!options.record_path && options.record_split_size_mb > 0)
        throw UsageError("--record-split-size: add --record FILE");
    return options;
}

std::string usage_text() {
    return R"(Usage: livemachine [--headless] [options]

Live Machine, a broadcasting studio. Without --headless it opens the studio window.

Headless streaming and recording (at least one of --stream / --record / --hls /
--replay-buffer):
  --stream URL           push to an RTMP or RTMPS server (repeat for several destinations)
  --stream-bitrate KBPS  give the --stream just before it an encode of its own at this video
                         bitrate (a second encoder, e.g. lower for a service that asks less)
  --trust-cert FILE      for rtmps://, also trust the certificates in this PEM file (a
                         self-signed server's own certificate, a private CA)
  --record FILE          record the same encode (.mkv default, .mp4, .flv by extension)
  --record-split-time SECONDS
                         split the recording into FILE-001.mkv, FILE-002.mkv, ... at the
                         first keyframe after every SECONDS
  --record-split-size MB split it when a part reaches MB megabytes (1 MB = 1,000,000 bytes)
  --hls FOLDER           write HLS (stream.m3u8 and 2 s segments) into FOLDER, for a web server
  --replay-buffer SECONDS
                         keep the last SECONDS of the encode in memory; SIGUSR1 saves them
                         as replay-YYYY-MM-DD_HH-MM-SS.mkv
  --replay-folder DIR    where saved replays go (default: the current folder)
  --replay-format EXT    mkv (default), mp4 or flv
  --duration SECONDS     stop after this much stream time (default: until Ctrl-C / SIGTERM)
  --collection FILE      scene collection to show (default: the test pattern with its beep)

Encoding:
  --video WxH@FPS        canvas size and frame rate (default 1280x720@30)
  --video-bitrate KBPS   H.264 bitrate, CBR (default 2500)
  --audio-bitrate KBPS   AAC bitrate (default 160)
  --encoder NAME         video encoder: x264 (default) or nvenc; see --list-encoders
  --encoder-fallback     if the chosen encoder cannot open or fails mid-stream, say why and
                         go on with x264
  --preset NAME          the encoder's preset: x264 ultrafast..placebo (default
                         veryfast), nvenc p1..p7 (default p5)
  --tune NAME            x264's tune: none (default), zerolatency, film, animation, grain,
                         stillimage, fastdecode
  --keyint SECONDS       keyframe interval (default 2)

Network destinations:
  --reconnect-attempts N     tries after a stream drops, 0 to give up at once (default 100)
  --reconnect-delay SECONDS  wait before the first try (default 2); each next wait is 1.5x
  --reconnect-max-delay SECONDS  the longest wait between tries (default 2.5)
  --no-dynamic-bitrate       keep the bitrate when the network falls behind (frames are dropped
                             instead)
  --follow-slowest           with several --stream: lower the bitrate for all when one falls
                             behind (default: the slow one drops frames alone)

Audio monitoring (items whose collection entry has "monitoring"):
  --monitor-device NAME  the output device they are heard on (default: the system's default
                         output, followed when it changes); see --list-monitor-devices
  --list-monitor-devices list the output devices monitoring can play on

Other:
  --stats-json FILE      write the final counters as JSON when stopping
  --plugin-dir DIR       load plugin modules from DIR
  --list-encoders        list the video encoders and whether each can run here
  --version              print the version
  --help                 print this help

Signals: SIGINT/SIGTERM stop cleanly; SIGUSR1 saves a replay; SIGUSR2 pauses or resumes a
recording (only without --stream).

Exit codes: 0 done, 1 could not start, 2 bad command line, 3 a destination failed on the way.
)";
}

}  // namespace lm
