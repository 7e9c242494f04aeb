#include "probe_report.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace lm::e2e {

namespace {

std::string num(double v, int decimals = 3) {
    if (!std::isfinite(v)) {
        return "null";
    }
    if (std::abs(v) < 0.5 * std::pow(10.0, -decimals)) {
        v = 0.0;  // no "-0.0"
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string str(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

template <typename T, typename F>
std::string list(const std::vector<T>& values, F format) {
    std::string out = "[";
    for (size_t i = 0; i < values.size(); ++i) {
        out += (i ? ", " : "") + format(values[i]);
    }
    return out + "]";
}

bool parse_int(const std::string& s, int& out) {
    char* end = nullptr;
    const long v = std::strtol(s.c_str(), &end, 10);
    out = static_cast<int>(v);
    return !s.empty() && *end == '\0';
}

bool parse_double(const std::string& s, double& out) {
    char* end = nullptr;
    out = std::strtod(s.c_str(), &end);
    return !s.empty() && *end == '\0';
}

}  // namespace

const char* usage() {
    return "usage: lm_media_probe FILE [--print KEY]... [checks]\n"
           "  prints a JSON report (or only the values of the dotted KEYs, e.g. video.frames)\n"
           "checks (any check also requires that every packet decodes without error):\n"
           "  --expect-container NAME        flv, matroska, mov (one of the demuxer's names)\n"
           "  --expect-video CODEC:WxH@FPS   e.g. h264:1280x720@30 (measured fps within 1%)\n"
           "  --expect-frames N              decoded frames within --frames-tolerance-pct\n"
           "  --frames-tolerance-pct P       default 2\n"
           "  --min-frames N\n"
           "  --expect-audio CODEC:RATE:CH   e.g. aac:48000:2\n"
           "  --max-av-diff-ms MS            |audio duration - video duration|\n"
           "  --min-sync-pairs N             flash/beep pairs found\n"
           "  --max-sync-offset-ms MS        every pair's |offset|; no unpaired marker inside\n"
           "  --flash-spacing N              consecutive flashes are exactly N frames apart\n"
           "exit: 0 checks passed, 1 a check failed, 2 unreadable file or bad usage\n";
}

bool parse_arguments(int argc, char** argv, std::string& path, std::vector<std::string>& prints,
                     ProbeChecks& checks, std::string& error) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg.rfind("--", 0) != 0) {
            if (!path.empty()) {
                error = "more than one FILE";
                return false;
            }
            path = arg;
            continue;
        }
        if (i + 1 >= argc) {
            error = arg + " needs a value";
            return false;
        }
        const std::string value = argv[++i];
        bool ok = true;
        int n = 0;
        double d = 0.0;
        if (arg == "--print") {
            prints.push_back(value);
            continue;
        }
        checks.any = true;
        if (arg == "--expect-container") {
            checks.container = value;
        } else if (arg == "--expect-video") {
            char codec[32] = {0};
            ok = std::sscanf(value.c_str(), "%31[^:]:%dx%d@%lf", codec, &checks.width,
                             &checks.height, &checks.fps) == 4;
            checks.video_codec = codec;
        } else if (arg == "--expect-frames") {
            ok = parse_int(value, n);
            checks.frames = n;
        } else if (arg == "--frames-tolerance-pct") {
            ok = parse_double(value, checks.frames_tolerance_pct);
        } else if (arg == "--min-frames") {
            ok = parse_int(value, n);
            checks.min_frames = n;
        } else if (arg == "--expect-audio") {
            char codec[32] = {0};
            ok = std::sscanf(value.c_str(), "%31[^:]:%d:%d", codec, &checks.sample_rate,
                             &checks.channels) == 3;
            checks.audio_codec = codec;
        } else if (arg == "--max-av-diff-ms") {
            ok = parse_double(value, d);
            checks.max_av_diff_ms = d;
        } else if (arg == "--min-sync-pairs") {
            ok = parse_int(value, n);
            checks.min_sync_pairs = n;
        } else if (arg == "--max-sync-offset-ms") {
            ok = parse_double(value, d);
            checks.max_sync_offset_ms = d;
        } else if (arg == "--flash-spacing") {
            ok = parse_int(value, n);
            checks.flash_spacing = n;
        } else {
            error = "unknown option " + arg;
            return false;
        }
        if (!ok) {
            error = "bad value '" + value + "' for " + arg;
            return false;
        }
    }
    if (path.empty()) {
        error = "no FILE given";
        return false;
    }
    return true;
}

void finish_result(ProbeResult& r) {
    VideoResult& v = r.video;
    if (v.frames > 1 && v.last_pts_s > v.first_pts_s) {
        const double span = v.last_pts_s - v.first_pts_s;
        v.measured_fps = (v.frames - 1) / span;
        v.duration_s = span + span / (v.frames - 1);
    }
    AudioResult& a = r.audio;
    if (a.sample_rate > 0) {
        a.duration_s = static_cast<double>(a.decoded_samples) / a.sample_rate;
    }
    if (v.present && a.present) {
        r.av_duration_diff_ms = 1000.0 * std::abs(a.duration_s - v.duration_s);
        r.av_start_diff_ms = 1000.0 * (a.first_pts_s - v.first_pts_s);
    }
    r.sync.report =
        pair_markers(r.sync.flashes_s, r.sync.onsets_s,
                     {v.first_pts_s, v.first_pts_s + v.duration_s}, {a.first_pts_s, a.end_s});
}

Fields report_fields(const ProbeResult& r) {
    const VideoResult& v = r.video;
    const AudioResult& a = r.audio;
    const SyncReport& s = r.sync.report;
    auto d3 = [](double x) { return num(x, 3); };
    auto d1 = [](double x) { return num(x, 1); };
    auto i = [](auto x) { return std::to_string(x); };
    std::vector<double> offsets;
    for (const auto& pair : s.pairs) {
        offsets.push_back(pair.offset_ms);
    }
    return {
        {"file", str(r.file)},
        {"container", str(r.container)},
        {"container_duration_s", num(r.container_duration_s)},
        {"decode_errors", i(r.decode_errors)},
        {"log_errors", i(r.log_errors)},
        {"av_duration_diff_ms", d1(r.av_duration_diff_ms)},
        {"av_start_diff_ms", d1(r.av_start_diff_ms)},
        {"video.present", v.present ? "true" : "false"},
        {"video.codec", str(v.codec)},
        {"video.width", i(v.width)},
        {"video.height", i(v.height)},
        {"video.r_frame_rate", d3(v.r_frame_rate)},
        {"video.avg_frame_rate", d3(v.avg_frame_rate)},
        {"video.fps", d3(v.measured_fps)},
        {"video.packets", i(v.packets)},
        {"video.bytes", i(v.bytes)},
        {"video.kbps", d1(v.duration_s > 0 ? double(v.bytes) * 8 / 1000 / v.duration_s : 0.0)},
        {"video.frames", i(v.frames)},
        {"video.first_pts_s", d3(v.first_pts_s)},
        {"video.last_pts_s", d3(v.last_pts_s)},
        {"video.duration_s", d3(v.duration_s)},
        {"video.max_luma_non_flash", d1(v.max_luma_non_flash)},
        {"video.first_packet_keyframe", v.first_packet_keyframe ? "true" : "false"},
        {"video.non_monotonic", i(v.non_monotonic)},
        {"video.max_step_s", d3(v.max_step_s)},
        {"audio.present", a.present ? "true" : "false"},
        {"audio.codec", str(a.codec)},
        {"audio.profile", str(a.profile)},
        {"audio.sample_rate", i(a.sample_rate)},
        {"audio.channels", i(a.channels)},
        {"audio.packets", i(a.packets)},
        {"audio.decoded_samples", i(a.decoded_samples)},
        {"audio.initial_padding", i(a.initial_padding)},
        {"audio.skip_samples_signalled", i(a.skip_samples_signalled)},
        {"audio.first_packet_pts_s", d3(a.first_packet_pts_s)},
        {"audio.first_pts_s", d3(a.first_pts_s)},
        {"audio.end_s", d3(a.end_s)},
        {"audio.duration_s", d3(a.duration_s)},
        {"audio.gaps", i(a.gaps)},
        {"audio.peak_window_dbfs", d1(a.peak_window_dbfs)},
        {"sync.flashes", i(r.sync.flashes_s.size())},
        {"sync.white_frames", i(r.sync.white_frames)},
        {"sync.repeated_flash_frames", i(r.sync.repeated_flash_frames)},
        {"sync.beeps", i(r.sync.onsets_s.size())},
        {"sync.pairs", i(s.pairs.size())},
        {"sync.unpaired_flashes", i(s.unpaired_flashes)},
        {"sync.unpaired_beeps", i(s.unpaired_beeps)},
        {"sync.edge_unpaired", i(s.edge_unpaired)},
        {"sync.max_abs_offset_ms", d1(s.max_abs_offset_ms)},
        {"sync.mean_offset_ms", d1(s.mean_offset_ms)},
        {"sync.offsets_ms", list(offsets, d1)},
        {"sync.flash_frames", list(r.sync.flash_frames, i)},
        {"sync.flashes_s", list(r.sync.flashes_s, d3)},
        {"sync.onsets_s", list(r.sync.onsets_s, d3)},
    };
}

std::string to_json(const Fields& fields) {
    // One level of nesting, taken from the dotted keys, one value per line (greppable).
    std::ostringstream out;
    out << "{";
    std::string open_group;
    bool first_in_group = true;
    bool first_top = true;
    for (const auto& [key, value] : fields) {
        const auto dot = key.find('.');
        const std::string group = dot == std::string::npos ? "" : key.substr(0, dot);
        const std::string name = dot == std::string::npos ? key : key.substr(dot + 1);
        if (group != open_group) {
            if (!open_group.empty()) {
                out << "\n  }";
            }
            if (!group.empty()) {
                out << (first_top ? "" : ",") << "\n  \"" << group << "\": {";
                first_top = false;
                first_in_group = true;
            }
            open_group = group;
        }
        if (group.empty()) {
            out << (first_top ? "" : ",") << "\n  \"" << name << "\": " << value;
            first_top = false;
        } else {
            out << (first_in_group ? "" : ",") << "\n    \"" << name << "\": " << value;
            first_in_group = false;
        }
    }
    if (!open_group.empty()) {
        out << "\n  }";
    }
    out << "\n}\n";
    return out.str();
}

const std::string* find_field(const Fields& fields, const std::string& key) {
    for (const auto& [k, value] : fields) {
        if (k == key) {
            return &value;
        }
    }
    return nullptr;
}

std::vector<std::string> run_checks(const ProbeResult& r, const ProbeChecks& c) {
    std::vector<std::string> failed;
    auto fail = [&failed](const std::string& what) { failed.push_back(what); };
    const VideoResult& v = r.video;
    const AudioResult& a = r.audio;
    const SyncReport& s = r.sync.report;
    if (!c.any) {
        return failed;
    }
    if (r.decode_errors != 0 || r.log_errors != 0) {
        fail("the file does not decode cleanly: " + std::to_string(r.decode_errors) +
             " rejected packets/frames, " + std::to_string(r.log_errors) + " FFmpeg errors");
    }
    if (v.present && v.frames != v.packets) {
        fail("decoded " + std::to_string(v.frames) + " video frames from " +
             std::to_string(v.packets) + " packets");
    }
    if (c.container) {
        const std::string names = "," + r.container + ",";
        if (names.find("," + *c.container + ",") == std::string::npos) {
            fail("container is '" + r.container + "', expected " + *c.container);
        }
    }
    if (c.video_codec) {
        if (!v.present) {
            fail("no video stream");
        } else if (v.codec != *c.video_codec || v.width != c.width || v.height != c.height) {
            fail("video is " + v.codec + " " + std::to_string(v.width) + "x" +
                 std::to_string(v.height) + ", expected " + *c.video_codec + " " +
                 std::to_string(c.width) + "x" + std::to_string(c.height));
        } else if (std::abs(v.measured_fps - c.fps) > 0.01 * c.fps) {
            fail("video frame rate measured from the timestamps is " + num(v.measured_fps) +
                 ", expected " + num(c.fps));
        }
    }
    if (c.frames && std::abs(v.frames - *c.frames) > c.frames_tolerance_pct / 100.0 * *c.frames) {
        fail(std::to_string(v.frames) + " video frames, expected " + std::to_string(*c.frames) +
             " +-" + num(c.frames_tolerance_pct, 1) + "%");
    }
    if (c.min_frames && v.frames < *c.min_frames) {
        fail(std::to_string(v.frames) + " video frames, expected at least " +
             std::to_string(*c.min_frames));
    }
    if (c.audio_codec) {
        if (!a.present) {
            fail("no audio stream");
        } else if (a.codec != *c.audio_codec || a.sample_rate != c.sample_rate ||
                   a.channels != c.channels) {
            fail("audio is " + a.codec + " " + std::to_string(a.sample_rate) + " Hz " +
                 std::to_string(a.channels) + " ch, expected " + *c.audio_codec + " " +
                 std::to_string(c.sample_rate) + " Hz " + std::to_string(c.channels) + " ch");
        }
    }
    if (c.max_av_diff_ms && !(r.av_duration_diff_ms <= *c.max_av_diff_ms)) {
        fail("audio lasts " + num(a.duration_s) + " s and video " + num(v.duration_s) +
             " s: they differ by " + num(r.av_duration_diff_ms, 1) + " ms (max " +
             num(*c.max_av_diff_ms, 1) + ")");
    }
    if (c.min_sync_pairs && static_cast<int>(s.pairs.size()) < *c.min_sync_pairs) {
        fail(std::to_string(s.pairs.size()) + " flash/beep pairs (" +
             std::to_string(r.sync.flashes_s.size()) + " flashes, " +
             std::to_string(r.sync.onsets_s.size()) + " beeps), expected at least " +
             std::to_string(*c.min_sync_pairs));
    }
    if (c.max_sync_offset_ms) {
        if (s.max_abs_offset_ms > *c.max_sync_offset_ms) {
            fail("A/V offset up to " + num(s.max_abs_offset_ms, 1) + " ms (mean " +
                 num(s.mean_offset_ms, 1) + ", positive = audio late), max " +
                 num(*c.max_sync_offset_ms, 1));
        }
        if (s.unpaired_flashes != 0 || s.unpaired_beeps != 0) {
            fail(std::to_string(s.unpaired_flashes) + " flashes without a beep and " +
                 std::to_string(s.unpaired_beeps) + " beeps without a flash within 500 ms");
        }
    }
    if (c.flash_spacing) {
        const auto& frames = r.sync.flash_frames;
        for (size_t k = 1; k < frames.size(); ++k) {
            if (frames[k] - frames[k - 1] != *c.flash_spacing) {
                fail("flashes at frames " + std::to_string(frames[k - 1]) + " and " +
                     std::to_string(frames[k]) + ", expected every " +
                     std::to_string(*c.flash_spacing) + " frames");
                break;
            }
        }
    }
    return failed;
}

}  // namespace lm::e2e
