// validate(): the problems the dialog shows next to its fields.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <QTemporaryDir>

#include <filesystem>
#include <fstream>

#include "ui/settings/profile_validation.hpp"

using namespace lm::ui;
namespace fs = std::filesystem;

namespace {

std::string problem(const Profile& p, const std::string& field) {
    for (const auto& found : validate(p)) {
        if (found.field == field)
            return found.message;
    }
    return {};
}

Profile valid_profile(const QTemporaryDir& dir) {
    Profile p = default_profile();
    p.output.recording_folder = dir.path().toStdString();
    p.destinations.push_back({"", "twitch", "rtmp://live.twitch.tv/app", "live_1", true, {}, {}});
    return p;
}

}  // namespace

TEST_CASE("a complete profile has no problems", "[settings][validate]") {
    QTemporaryDir dir;
    CHECK(validate(valid_profile(dir)).empty());
}

TEST_CASE("stream destinations need a key, an rtmp URL and a known service",
          "[settings][validate]") {
    QTemporaryDir dir;
    Profile p = valid_profile(dir);
    p.destinations[0].stream_key = "";
    CHECK(problem(p, "stream.destinations[0].stream_key") ==
          "Enter the stream key from your Twitch dashboard.");
    p.destinations[0].enabled = false;  // a destination kept for later may lack its key
    CHECK(problem(p, "stream.destinations[0].stream_key").empty());

    p.destinations.push_back({"", "custom", "http://example.com/live", "k", true, {}, {}});
    CHECK(problem(p, "stream.destinations[1].server_url") ==
          "The URL must start with rtmp:// or rtmps:// and name a server.");
    p.destinations[1].server_url = "rtmp://example.com/live";
    p.destinations[1].stream_key = "";
    CHECK_THAT(problem(p, "stream.destinations[1].stream_key"),
               Catch::StartsWith("Enter the stream key, here or at the end of the URL"));
    p.destinations[1].server_url = "rtmp://example.com/live/key";
    CHECK(validate(p).empty());
    p.destinations[1].stream_key = "two words";
    CHECK(problem(p, "stream.destinations[1].stream_key") ==
          "The stream key must not contain spaces.");

    p.destinations.push_back({"", "myspace", "rtmp://x/app", "k", true, {}, {}});
    CHECK(problem(p, "stream.destinations[2].service_id") ==
          "Unknown service 'myspace': choose one from the list.");
}

TEST_CASE("output values out of range are reported per field", "[settings][validate]") {
    QTemporaryDir dir;
    Profile p = valid_profile(dir);
    p.output.bitrate_kbps = 10;
    CHECK(problem(p, "output.bitrate_kbps") == "Use 50 to 200000 kbps.");
    p.output.rate_control = RateControl::crf;  // crf ignores the bitrate
    CHECK(problem(p, "output.bitrate_kbps").empty());
    p.output.crf = 60;
    CHECK(problem(p, "output.crf") == "Use 0 to 51.");
    p.output.preset = "ludicrous";
    CHECK(problem(p, "output.preset") == "Unknown x264 preset 'ludicrous'.");
    p.output.keyframe_interval_s = 0;
    CHECK(problem(p, "output.keyframe_interval_s") == "Use 1 to 20 seconds.");
    p.output.audio_bitrate_kbps = 1000;
    CHECK(problem(p, "output.audio_bitrate_kbps") == "Use 32 to 512 kbps.");
    p.output.file_name_pattern = "a/%Y";
    CHECK_FALSE(problem(p, "output.file_name_pattern").empty());
}

TEST_CASE("the recording folder must exist or be creatable", "[settings][validate]") {
    QTemporaryDir dir;
    Profile p = valid_profile(dir);
    const fs::path root = dir.path().toStdString();
    p.output.recording_folder = (root / "not" / "yet").string();
    CHECK(problem(p, "output.recording_folder").empty());
    std::ofstream(root / "file") << "x";
    p.output.recording_folder = (root / "file").string();
    CHECK(problem(p, "output.recording_folder") == "This is a file, not a folder.");
    p.output.recording_folder = (root / "file" / "below").string();
    CHECK(problem(p, "output.recording_folder") == "This folder cannot be created.");
    p.output.recording_folder = "Videos";
    CHECK(problem(p, "output.recording_folder") == "Use a full path, such as /home/you/Videos.");
    p.output.recording_folder = "";
    CHECK(problem(p, "output.recording_folder") == "Choose a folder for recordings.");
}

TEST_CASE("video sizes must be even and in range, frame rates sensible", "[settings][validate]") {
    QTemporaryDir dir;
    Profile p = valid_profile(dir);
    p.video.output = {1281, 720};
    CHECK(problem(p, "video.output") == "Width and height must be even.");
    p.video.base = {0, 0};
    CHECK(problem(p, "video.base") == "Type a size such as 1920x1080.");
    p.video.base = {8000, 4000};
    CHECK(problem(p, "video.base") == "Each side must be 16 to 7680 pixels.");
    p.video.frame_rate = {0, 1};
    CHECK(problem(p, "video.frame_rate") == "Use 1 to 240 frames per second.");
    p.audio.sample_rate_hz = 22050;
    CHECK(problem(p, "audio.sample_rate_hz") == "Use 48000 or 44100 Hz.");
}

TEST_CASE("one key combination cannot start two actions", "[settings][validate]") {
    QTemporaryDir dir;
    Profile p = valid_profile(dir);
    p.hotkeys = {{"start_streaming", "Ctrl+F1"}, {"switch_scene:Main", "Ctrl+F1"}};
    CHECK(problem(p, "hotkeys.switch_scene:Main") == "Already used by Start streaming.");
    p.hotkeys["switch_scene:Main"] = "Ctrl+F2";
    CHECK(validate(p).empty());
    p.hotkeys["stop_streaming"] = "Ctrl+Banana";
    CHECK(problem(p, "hotkeys.stop_streaming") == "'Ctrl+Banana' is not a key combination.");
}

TEST_CASE("a trusted certificate must be a PEM file that exists", "[settings][validate]") {
    QTemporaryDir dir;
    Profile p = valid_profile(dir);
    const fs::path root = dir.path().toStdString();
    const std::string field = "stream.destinations[0].trusted_certificate";
    p.destinations[0].trusted_certificate = (root / "missing.pem").string();
    CHECK(problem(p, field) == "This file does not exist.");
    p.destinations[0].trusted_certificate = "server.pem";
    CHECK(problem(p, field) == "Use a full path, such as /home/you/server.pem.");
    p.destinations[0].trusted_certificate = root.string();
    CHECK(problem(p, field) == "This is not a file.");
    std::ofstream(root / "notes.txt") << "not a certificate\n";
    p.destinations[0].trusted_certificate = (root / "notes.txt").string();
    CHECK(problem(p, field) == "This file holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
    std::ofstream(root / "server.pem") << "-----BEGIN CERTIFICATE-----\nMIIB\n"
                                          "-----END CERTIFICATE-----\n";
    p.destinations[0].trusted_certificate = (root / "server.pem").string();
    CHECK(validate(p).empty());
    p.destinations[0].trusted_certificate = "";
    CHECK(validate(p).empty());
}

TEST_CASE("an HLS destination needs a writable folder that exists and sane segments",
          "[settings][validate]") {
    QTemporaryDir dir;
    Profile p = valid_profile(dir);
    const fs::path root = dir.path().toStdString();
    StreamDestination hls;
    hls.service_id = kHlsServiceId;
    p.destinations.push_back(hls);
    const auto field = [](const char* member) {
        return std::string("stream.destinations[1].") + member;
    };
    CHECK(problem(p, field("hls.folder")) == "Choose the folder your web server serves.");
    CHECK(problem(p, field("stream_key")).empty());  // no server, no key for a folder
    CHECK(problem(p, field("server_url")).empty());
    p.destinations[1].hls.folder = (root / "hls").string();
    CHECK(problem(p, field("hls.folder")) == "This folder does not exist: create it first.");
    p.destinations[1].enabled = false;  // kept for later: the folder may come later too
    CHECK(problem(p, field("hls.folder")).empty());
    p.destinations[1].enabled = true;
    std::ofstream(root / "file") << "x";
    p.destinations[1].hls.folder = (root / "file").string();
    CHECK(problem(p, field("hls.folder")) == "This is a file, not a folder.");
    p.destinations[1].hls.folder = "hls";
    CHECK(problem(p, field("hls.folder")) == "Use a full path, such as /var/www/livemachine/hls.");
    fs::create_directories(root / "hls");
    p.destinations[1].hls.folder = (root / "hls").string();
    CHECK(validate(p).empty());
    if (::geteuid() != 0) {  // root writes anywhere
        fs::permissions(root / "hls", fs::perms::owner_read | fs::perms::owner_exec);
        CHECK(problem(p, field("hls.folder")) == "This folder is not writable.");
        fs::permissions(root / "hls", fs::perms::owner_all);
    }
    p.destinations[1].hls.segment_s = 0.5;
    CHECK(problem(p, field("hls.segment_s")) == "Use 1 to 10 seconds.");
    p.destinations[1].hls.playlist_segments = 2;
    CHECK(problem(p, field("hls.playlist_segments")) == "Use 3 to 100 segments.");
}

TEST_CASE("reconnect waits and attempts in the command line's limits", "[settings][validate]") {
    QTemporaryDir dir;
    Profile p = valid_profile(dir);
    p.network.reconnect_attempts = 0;
    CHECK(problem(p, "network.reconnect_attempts") == "Use 1 to 1000000 attempts.");
    p.network.reconnect_attempts = 5;
    p.network.reconnect_delay_s = 0.05;
    CHECK(problem(p, "network.reconnect_delay_s") == "Use 0.1 to 3600 s.");
    p.network.reconnect_delay_s = 10;
    CHECK(problem(p, "network.reconnect_max_delay_s") ==
          "The longest wait cannot be shorter than the first one.");
    p.network.reconnect = false;  // off: the numbers wait unused until it is on again
    CHECK(validate(p).empty());
}

TEST_CASE("the replay buffer keeps 1 to 3600 s in a folder that can be made",
          "[settings][validate]") {
    QTemporaryDir dir;
    Profile p = valid_profile(dir);
    const fs::path root = dir.path().toStdString();
    p.output.replay_buffer.seconds = 0;
    CHECK(problem(p, "output.replay_buffer.seconds") == "Use 1 to 3600 seconds.");
    p.output.replay_buffer.seconds = 30;
    p.output.replay_buffer.folder = (root / "replays").string();  // created at start
    CHECK(validate(p).empty());
    std::ofstream(root / "file") << "x";
    p.output.replay_buffer.folder = (root / "file").string();
    CHECK(problem(p, "output.replay_buffer.folder") == "This is a file, not a folder.");
    p.output.replay_buffer.folder = "";  // the recording folder
    CHECK(validate(p).empty());
}

TEST_CASE("automatic file splitting takes 1 s to a week, or 1 MB up", "[settings][validate]") {
    QTemporaryDir dir;
    Profile p = valid_profile(dir);
    p.output.split.time_s = 0;
    p.output.split.size_mb = 0;
    CHECK(validate(p).empty());  // off: the lengths wait unused until it is on again
    p.output.split.mode = RecordingSplit::by_time;
    CHECK(problem(p, "output.split.time_s") == "Use 1 to 604800 seconds.");
    CHECK(problem(p, "output.split.size_mb").empty());  // not the one in use
    p.output.split.time_s = 7 * 24 * 3600 + 1;
    CHECK(problem(p, "output.split.time_s") == "Use 1 to 604800 seconds.");
    p.output.split.time_s = 3;
    CHECK(validate(p).empty());
    p.output.split.mode = RecordingSplit::by_size;
    CHECK(problem(p, "output.split.size_mb") == "Use 1 to 100000000 MB.");
    CHECK(problem(p, "output.split.time_s").empty());
    p.output.split.size_mb = 2048;
    CHECK(validate(p).empty());
}
