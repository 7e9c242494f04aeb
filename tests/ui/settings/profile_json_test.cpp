// Profiles on disk: round trip, precise errors, 0600 files, atomic replace with a .bak.
#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <sys/stat.h>

#include <csignal>

#include <QTemporaryDir>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ui/settings/profile_json.hpp"

using namespace lm::ui;
namespace fs = std::filesystem;

namespace {

Profile sample_profile(const std::string& folder) {
    Profile p = default_profile();
    p.destinations.push_back({"Main",
                              "twitch",
                              "rtmp://fra05.contribute.live-video.net/app",
                              "live_123_abc",
                              true,
                              {},
                              {}});
    p.destinations.push_back(
        {"", "youtube_rtmps", "rtmps://a.rtmps.youtube.com:443/live2", "abcd-efgh", false, {}, {}});
    p.output.video_encoder = "nvenc";
    p.output.encoder_fallback = false;  // not the default, so the round trip shows it
    p.output.rate_control = RateControl::vbr;
    p.output.bitrate_kbps = 6000;
    p.output.crf = 20;
    p.output.preset = "fast";
    p.output.keyframe_interval_s = 1;
    p.output.audio_bitrate_kbps = 192;
    p.output.recording_folder = folder;
    p.output.container = RecordingContainer::mp4;
    p.output.file_name_pattern = "show %Y";
    p.video.base = {2560, 1440};
    p.video.output = {1920, 1080};
    p.video.frame_rate = {60000, 1001};
    p.audio.sample_rate_hz = 44100;
    p.audio.microphone_device = "alsa_input.usb-mic";
    p.audio.desktop_device = "";
    p.audio.monitoring_device = "alsa_output.usb-headset";
    p.hotkeys = {{"start_streaming", "Ctrl+Shift+S"},
                 {"switch_scene:Intro", "F1"},
                 {"pause_recording", "F5"},
                 {"save_replay", "Ctrl+R"}};
    p.destinations[1].trusted_certificate = "/etc/livemachine/own-server.pem";
    StreamDestination hls;
    hls.service_id = kHlsServiceId;
    hls.hls.folder = "/var/www/livemachine/hls";
    hls.hls.segment_s = 1.5;
    hls.hls.playlist_segments = 10;
    hls.hls.delete_segments = false;
    hls.hls.low_latency = true;
    hls.hls.segment_format = HlsSegmentFormat::fmp4;
    p.destinations.push_back(hls);
    p.network.reconnect = false;
    p.network.reconnect_attempts = 7;
    p.network.reconnect_delay_s = 0.5;
    p.network.reconnect_max_delay_s = 30;
    p.network.dynamic_bitrate = false;
    p.network.follow_slowest = true;
    p.output.replay_buffer.seconds = 45;
    p.output.replay_buffer.folder = folder + "/replays";
    p.output.replay_buffer.container = RecordingContainer::flv;
    p.output.split = {RecordingSplit::by_time, 1800, 4000};
    return p;
}

std::string read_text(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

void write_text(const fs::path& path, const std::string& text) {
    std::ofstream(path) << text;
}

std::string load_error(const fs::path& path) {
    try {
        load_profile(path);
    } catch (const ProfileError& error) {
        return error.what();
    }
    return "(loaded)";
}

}  // namespace

TEST_CASE("a saved profile loads back equal, every field included", "[settings][json]") {
    QTemporaryDir dir;
    const fs::path file = fs::path(dir.path().toStdString()) / "profile.json";
    const Profile original = sample_profile(dir.path().toStdString());
    save_profile(original, file);
    const Profile loaded = load_profile(file);
    CHECK(loaded == original);
    CHECK(loaded.video.frame_rate.num == 60000);
    CHECK(loaded.video.frame_rate.den == 1001);
    CHECK(loaded.destinations.at(0).stream_key == "live_123_abc");
    CHECK_FALSE(loaded.destinations.at(1).enabled);

    const auto json = nlohmann::json::parse(read_text(file));
    CHECK(json["format"] == "livemachine-profile");
    CHECK(json["version"] == 1);
    CHECK(json["output"]["container"] == "mp4");
    CHECK(json["stream"]["destinations"][2]["hls"]["segment_format"] == "fmp4");
    CHECK(json["network"]["follow_slowest"] == true);
    CHECK(loaded.destinations.at(2).hls.segment_s == 1.5);
    CHECK(loaded.output.replay_buffer.container == RecordingContainer::flv);
    CHECK(json["output"]["split"] ==
          nlohmann::json{{"mode", "time"}, {"time_s", 1800}, {"size_mb", 4000}});
    CHECK(loaded.output.split.mode == RecordingSplit::by_time);
}

TEST_CASE("automatic file splitting is kept in the profile, each way", "[settings][json]") {
    for (const RecordingSplitSettings split :
         {RecordingSplitSettings{RecordingSplit::off, 60, 100},
          RecordingSplitSettings{RecordingSplit::by_time, 3, 2048},
          RecordingSplitSettings{RecordingSplit::by_size, 900, 4000}}) {
        Profile p = default_profile();
        p.output.split = split;
        const nlohmann::json written = profile_to_json(p);
        CHECK(written["output"]["split"]["mode"] == to_string(split.mode));
        const Profile loaded = profile_from_json(written, "profile.json");
        CHECK(loaded.output.split == split);
        CHECK(loaded == p);
    }
    // A hand-written section with only the mode keeps OBS's lengths for the rest.
    const Profile partial = profile_from_json({{"format", "livemachine-profile"},
                                               {"version", 1},
                                               {"output", {{"split", {{"mode", "size"}}}}}},
                                              "profile.json");
    CHECK(partial.output.split.mode == RecordingSplit::by_size);
    CHECK(partial.output.split.size_mb == 2048);
    CHECK(partial.output.split.time_s == 900);
}

TEST_CASE("missing sections keep the defaults", "[settings][json]") {
    const Profile p =
        profile_from_json({{"format", "livemachine-profile"}, {"version", 1}}, "profile.json");
    CHECK(p.output.video_encoder == "x264");
    CHECK(p.output.bitrate_kbps == 2500);
    CHECK(p.output.preset == "veryfast");
    CHECK(p.output.keyframe_interval_s == 2);
    CHECK(p.output.audio_bitrate_kbps == 160);
    CHECK(p.output.container == RecordingContainer::mkv);
    CHECK(p.audio.sample_rate_hz == 48000);
    CHECK(p.audio.monitoring_device == "default");
    CHECK(p.destinations.empty());
    CHECK_FALSE(p.output.recording_folder.empty());
}

TEST_CASE("a profile written before certificates, HLS, network, replay and split settings loads",
          "[settings][json]") {
    // Exactly what the previous version wrote: none of the newer keys.
    const auto j = nlohmann::json::parse(R"({
      "format": "livemachine-profile", "version": 1,
      "stream": {"destinations": [{"name": "Main", "service_id": "custom",
                                   "server_url": "rtmps://own.example.com/live",
                                   "stream_key": "k", "enabled": true}]},
      "output": {"video_encoder": "x264", "rate_control": "cbr", "bitrate_kbps": 3000,
                 "crf": 23, "preset": "veryfast", "keyframe_interval_s": 2,
                 "audio_bitrate_kbps": 160, "recording_folder": "/tmp/rec",
                 "container": "mkv", "file_name_pattern": "show"},
      "hotkeys": {"start_recording": "F9"}})");
    const Profile p = profile_from_json(j, "profile.json");
    REQUIRE(p.destinations.size() == 1);
    CHECK(p.destinations[0].trusted_certificate.empty());
    CHECK_FALSE(p.destinations[0].writes_hls());
    CHECK(p.destinations[0].hls == HlsFolderSettings{});
    CHECK(p.network == NetworkOptions{});
    CHECK(p.network.reconnect);
    CHECK(p.network.reconnect_attempts == 100);
    CHECK(p.network.reconnect_delay_s == 2.0);
    CHECK(p.network.reconnect_max_delay_s == 2.5);
    CHECK(p.network.dynamic_bitrate);
    CHECK(p.output.replay_buffer == ReplayBufferSettings{});
    CHECK(p.output.replay_buffer.seconds == 20);
    CHECK(p.output.bitrate_kbps == 3000);
    // Written before the encoder fallback setting: on, as the default.
    CHECK(p.output.encoder_fallback);
    // Written before automatic file splitting: recordings stay one file.
    CHECK(p.output.split.mode == RecordingSplit::off);
    CHECK(p.output.split == RecordingSplitSettings{});

    // Written back, the new sections appear; an RTMP destination carries no HLS section.
    const nlohmann::json written = profile_to_json(p);
    CHECK(written["network"]["reconnect_attempts"] == 100);
    CHECK(written["output"]["replay_buffer"]["container"] == "mkv");
    CHECK(written["output"]["split"]["mode"] == "off");
    CHECK_FALSE(written["stream"]["destinations"][0].contains("hls"));
    CHECK(profile_from_json(written, "profile.json") == p);
}

TEST_CASE("the new sections' bad values name the field", "[settings][json]") {
    const auto error = [](const nlohmann::json& body) {
        nlohmann::json j = body;
        j["format"] = "livemachine-profile";
        j["version"] = 1;
        try {
            profile_from_json(j, "profile.json");
        } catch (const ProfileError& e) {
            return std::string(e.what());
        }
        return std::string("(loaded)");
    };
    CHECK(error({{"network", {{"reconnect_delay_s", "soon"}}}}) ==
          "profile.json: network.reconnect_delay_s must be a number greater than 0");
    CHECK(error({{"network", {{"dynamic_bitrate", 1}}}}) ==
          "profile.json: network.dynamic_bitrate must be true or false");
    CHECK(error({{"output", {{"replay_buffer", {{"container", "avi"}}}}}}) ==
          R"(profile.json: output.replay_buffer.container must be "mkv", "mp4" or "flv")");
    CHECK(error({{"output", {{"split", {{"mode", "hourly"}}}}}}) ==
          R"(profile.json: output.split.mode must be "off", "time" or "size")");
    CHECK(error({{"output", {{"split", {{"time_s", "1h"}}}}}}) ==
          "profile.json: output.split.time_s must be a positive integer");
    CHECK(error({{"output", {{"split", "time"}}}}) ==
          "profile.json: output.split must be an object");
    CHECK(error({{"stream",
                  {{"destinations",
                    {{{"service_id", "hls"}, {"hls", {{"segment_format", "webm"}}}}}}}}}) ==
          R"(profile.json: stream.destinations[0].hls.segment_format must be "mpegts" or "fmp4")");
    CHECK(error({{"stream", {{"destinations", {{{"trusted_certificate", false}}}}}}}) ==
          "profile.json: stream.destinations[0].trusted_certificate must be text");
}

TEST_CASE("bad files name the file and the field", "[settings][json]") {
    QTemporaryDir dir;
    const fs::path file = fs::path(dir.path().toStdString()) / "profile.json";
    const std::string head = R"({"format": "livemachine-profile", "version": 1, )";

    write_text(file, head + R"("output": {"bitrate_kbps": "fast"}})");
    CHECK(load_error(file) == "profile.json: output.bitrate_kbps must be a positive integer");
    write_text(file, head + R"("output": {"bitrate_kbps": -5}})");
    CHECK(load_error(file) == "profile.json: output.bitrate_kbps must be a positive integer");
    write_text(file, head + R"("output": {"container": "avi"}})");
    CHECK(load_error(file) == R"(profile.json: output.container must be "mkv", "mp4" or "flv")");
    write_text(file, head + R"("stream": {"destinations": [{}, {"stream_key": 42}]}})");
    CHECK(load_error(file) == "profile.json: stream.destinations[1].stream_key must be text");
    write_text(file, head + R"("video": {"frame_rate": {"num": 30, "den": 0}}})");
    CHECK(load_error(file) == "profile.json: video.frame_rate.den must be a positive integer");
    write_text(file, head + R"("hotkeys": {"start_streaming": 5}})");
    CHECK(load_error(file) ==
          R"(profile.json: hotkeys.start_streaming must be text such as "Ctrl+Shift+S")");
    write_text(file, R"({"format": "livemachine-profile", "version": 7})");
    CHECK(load_error(file) ==
          "profile.json: version 7 is newer than this Live Machine reads (1); update Live "
          "Machine");
    write_text(file, R"({"format": "obs", "version": 1})");
    CHECK(load_error(file) ==
          R"(profile.json: format must be "livemachine-profile" (is this a profile?))");
    write_text(file, R"({"format": "livemachine-profile", "version": 1,)");
    CHECK_THAT(load_error(file),
               Catch::StartsWith("profile.json: not valid JSON (") && Catch::Contains("line 1"));
    CHECK_THAT(load_error(fs::path(dir.path().toStdString()) / "nothing.json"),
               Catch::StartsWith("nothing.json: cannot be read"));
}

TEST_CASE("errors never quote a stream key", "[settings][json]") {
    const nlohmann::json j = {
        {"format", "livemachine-profile"},
        {"version", 1},
        {"stream", {{"destinations", {{{"stream_key", "sk_live_secret"}, {"enabled", "yes"}}}}}}};
    try {
        profile_from_json(j, "profile.json");
        FAIL("loaded");
    } catch (const ProfileError& error) {
        CHECK(std::string(error.what()) ==
              "profile.json: stream.destinations[0].enabled must be true or false");
    }
}

TEST_CASE("saving writes mode 0600 and keeps the previous file as .bak", "[settings][json]") {
    QTemporaryDir dir;
    const fs::path file = fs::path(dir.path().toStdString()) / "profile.json";
    Profile first = sample_profile(dir.path().toStdString());
    save_profile(first, file);
    struct stat info {};
    REQUIRE(::stat(file.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    CHECK_FALSE(fs::exists(file.string() + ".bak"));

    Profile second = first;
    second.output.bitrate_kbps = 4000;
    save_profile(second, file);
    CHECK(load_profile(file).output.bitrate_kbps == 4000);
    const fs::path backup = file.string() + ".bak";
    REQUIRE(fs::exists(backup));
    CHECK(load_profile(backup).output.bitrate_kbps == first.output.bitrate_kbps);
    REQUIRE(::stat(backup.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    REQUIRE(::stat(file.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);

    // No temporary files are left behind.
    int entries = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir.path().toStdString()))
        ++entries;
    CHECK(entries == 2);
}

TEST_CASE("a save that fails half way leaves the good file as it was", "[settings][json]") {
    QTemporaryDir dir;
    const fs::path file = fs::path(dir.path().toStdString()) / "profile.json";
    save_profile(sample_profile(dir.path().toStdString()), file);
    const std::string before = read_text(file);

    // A tiny file-size limit makes the write fail the way a full disk does (even as root).
    struct rlimit saved {};
    REQUIRE(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
    const auto previous_handler = std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit tiny = saved;
    tiny.rlim_cur = 64;
    REQUIRE(::setrlimit(RLIMIT_FSIZE, &tiny) == 0);
    std::string error;
    try {
        save_profile(default_profile(), file);
    } catch (const ProfileError& e) {
        error = e.what();
    }
    ::setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, previous_handler);

    CHECK_THAT(error, Catch::Contains("cannot write") && Catch::Contains("profile.json"));
    CHECK(read_text(file) == before);
    CHECK_FALSE(fs::exists(file.string() + ".bak"));
    int entries = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir.path().toStdString()))
        ++entries;
    CHECK(entries == 1);
}
