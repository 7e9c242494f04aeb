// A profile turned into engine requests: stream URLs per service, recording paths, encoders.
#include <catch2/catch.hpp>

#include <QTemporaryDir>

#include <filesystem>
#include <fstream>

#include "ui/settings/profile_json.hpp"
#include "ui/settings/profile_requests.hpp"
#include "ui/settings/stream_services.hpp"

using namespace lm::ui;
namespace fs = std::filesystem;

namespace {

std::string url_for(const std::string& service, const std::string& server, const std::string& key) {
    Profile p;
    p.destinations.push_back({"", service, server, key, true, {}, {}});
    const auto requests = stream_requests(p);
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].type == "rtmp");
    return requests[0].settings.at("url").get<std::string>();
}

}  // namespace

TEST_CASE("each service's servers give the publish URL server/key", "[settings][requests]") {
    CHECK(url_for("twitch", "rtmp://live.twitch.tv/app", "live_1_x") ==
          "rtmp://live.twitch.tv/app/live_1_x");
    CHECK(url_for("twitch", "rtmp://fra05.contribute.live-video.net/app", "k") ==
          "rtmp://fra05.contribute.live-video.net/app/k");
    CHECK(url_for("youtube_rtmps", "rtmps://a.rtmps.youtube.com:443/live2", "abcd-1234") ==
          "rtmps://a.rtmps.youtube.com:443/live2/abcd-1234");
    // The backup ingest keeps its query in the application, as OBS sends it.
    CHECK(url_for("youtube_rtmps", "rtmps://b.rtmps.youtube.com:443/live2?backup=1", "abcd") ==
          "rtmps://b.rtmps.youtube.com:443/live2?backup=1/abcd");
    // Servers that end with a slash do not get a second one.
    CHECK(url_for("facebook_rtmps", "rtmps://live-api-s.facebook.com:443/rtmp/", "FB-1?s_bl=1") ==
          "rtmps://live-api-s.facebook.com:443/rtmp/FB-1?s_bl=1");
    CHECK(url_for("kick", "rtmps://fa723fc1b171.global-contribute.live-video.net:443/app/",
                  "sk_us") ==
          "rtmps://fa723fc1b171.global-contribute.live-video.net:443/app/sk_us");
}

TEST_CASE("custom URLs take the key, or already carry it", "[settings][requests]") {
    CHECK(url_for("custom", "rtmp://127.0.0.1:1935/live", "test") ==
          "rtmp://127.0.0.1:1935/live/test");
    CHECK(url_for("custom", "rtmp://127.0.0.1:1935/live/", "/test") ==
          "rtmp://127.0.0.1:1935/live/test");
    CHECK(url_for("custom", " rtmps://media.example.com/app/key123 ", "") ==
          "rtmps://media.example.com/app/key123");
    CHECK(url_for("custom", "rtmp://h/app", " pasted-key\n") == "rtmp://h/app/pasted-key");
}

TEST_CASE("every catalogued server is a usable rtmp(s) URL", "[settings][requests]") {
    const auto& services = stream_services();
    REQUIRE(services.back().id == kHlsServiceId);  // a folder, not a server: no URLs
    REQUIRE(services[services.size() - 2].id == "custom");
    for (const auto& service : services) {
        INFO(service.id);
        if (service.id != kHlsServiceId)
            CHECK(service.servers.empty() == service.custom_url);
        for (const auto& server : service.servers)
            CHECK(has_rtmp_scheme_and_host(server.url));
    }
    REQUIRE(find_stream_service("twitch") != nullptr);
    CHECK(find_stream_service("twitch")->servers.size() == 4);
    CHECK(find_stream_service("nope") == nullptr);
}

TEST_CASE("only enabled destinations stream, in order", "[settings][requests]") {
    Profile p;
    p.destinations.push_back({"A", "custom", "rtmp://a/app/1", "", true, {}, {}});
    p.destinations.push_back({"B", "custom", "rtmp://b/app/2", "", false, {}, {}});
    p.destinations.push_back({"C", "custom", "rtmp://c/app", "3", true, {}, {}});
    const auto requests = stream_requests(p);
    REQUIRE(requests.size() == 2);
    CHECK(requests[0].settings["url"] == "rtmp://a/app/1");
    CHECK(requests[1].settings["url"] == "rtmp://c/app/3");
}

TEST_CASE("masked server URLs hide a key typed into them", "[settings][requests]") {
    CHECK(masked_server_url("rtmp://h:1935/live/secret") == "rtmp://h:1935/live/****");
    CHECK(masked_server_url("rtmp://live.twitch.tv/app") == "rtmp://live.twitch.tv/app");
    CHECK(masked_server_url("rtmps://live-api-s.facebook.com:443/rtmp/") ==
          "rtmps://live-api-s.facebook.com:443/rtmp/");
}

TEST_CASE("record_request names a new file in the folder with the container's extension",
          "[settings][requests]") {
    QTemporaryDir dir;
    Profile p;
    p.output.recording_folder = (fs::path(dir.path().toStdString()) / "new" / "videos").string();
    p.output.file_name_pattern = "show %Y-%m-%d %H-%M-%S";
    const QDateTime now(QDate(2024, 3, 7), QTime(9, 5, 2));

    p.output.container = RecordingContainer::mkv;
    lm::OutputRequest request = record_request(p, now);
    CHECK(request.type == "record");
    const fs::path first = request.settings.at("path").get<std::string>();
    CHECK(first == fs::path(p.output.recording_folder) / "show 2024-03-07 09-05-02.mkv");
    CHECK(fs::is_directory(p.output.recording_folder));  // created so the output can open

    p.output.container = RecordingContainer::mp4;
    CHECK(fs::path(record_request(p, now).settings["path"].get<std::string>()).filename() ==
          "show 2024-03-07 09-05-02.mp4");
    p.output.container = RecordingContainer::flv;
    CHECK(fs::path(record_request(p, now).settings["path"].get<std::string>()).extension() ==
          ".flv");

    // Recordings never overwrite: a taken name gets a number.
    p.output.container = RecordingContainer::mkv;
    std::ofstream(first) << "x";
    CHECK(fs::path(record_request(p, now).settings["path"].get<std::string>()).filename() ==
          "show 2024-03-07 09-05-02 (2).mkv");
}

TEST_CASE("automatic file splitting reaches the record output, its first part never overwrites",
          "[settings][requests]") {
    QTemporaryDir dir;
    Profile p;
    p.output.recording_folder = dir.path().toStdString();
    p.output.file_name_pattern = "show";
    const QDateTime now = QDateTime::currentDateTime();
    const fs::path folder = p.output.recording_folder;

    lm::OutputRequest off = record_request(p, now);
    CHECK_FALSE(off.settings.contains("split_time_s"));
    CHECK_FALSE(off.settings.contains("split_size_mb"));

    p.output.split = {RecordingSplit::by_time, 3, 4000};
    const lm::OutputRequest by_time = record_request(p, now);
    CHECK(by_time.settings.at("split_time_s") == 3.0);
    CHECK_FALSE(by_time.settings.contains("split_size_mb"));
    CHECK(by_time.settings.at("path") == (folder / "show.mkv").string());

    p.output.split.mode = RecordingSplit::by_size;
    const lm::OutputRequest by_size = record_request(p, now);
    CHECK(by_size.settings.at("split_size_mb") == 4000);
    CHECK_FALSE(by_size.settings.contains("split_time_s"));

    // The parts are show-001.mkv...: that is the name that must be free, not show.mkv.
    std::ofstream(folder / "show.mkv") << "x";
    CHECK(record_request(p, now).settings.at("path") == (folder / "show.mkv").string());
    std::ofstream(folder / "show-001.mkv") << "x";
    CHECK(record_request(p, now).settings.at("path") == (folder / "show (2).mkv").string());
}

TEST_CASE("file name patterns expand dates and refuse what cannot name a file",
          "[settings][requests]") {
    const QDateTime now(QDate(2025, 12, 31), QTime(23, 59, 58));
    CHECK(recording_file_name("%Y%m%d_%H%M%S 100%%", now) == "20251231_235958 100%");
    CHECK(recording_file_name("Live Machine %Y-%m-%d %H-%M-%S", now) ==
          "Live Machine 2025-12-31 23-59-58");
    CHECK(file_name_pattern_problem("%Y-%m").empty());
    CHECK_FALSE(file_name_pattern_problem("").empty());
    CHECK_FALSE(file_name_pattern_problem("a/b").empty());
    CHECK_FALSE(file_name_pattern_problem("%q").empty());
    CHECK_FALSE(file_name_pattern_problem("50%").empty());
}

TEST_CASE("studio_settings uses the x264 plugin's keys", "[settings][requests]") {
    Profile p;
    p.video.output = {1280, 720};
    p.video.frame_rate = {60000, 1001};
    p.output.bitrate_kbps = 4500;
    p.output.preset = "faster";
    p.output.keyframe_interval_s = 2;
    p.output.audio_bitrate_kbps = 128;
    lm::StudioSettings s = studio_settings(p);
    CHECK(s.video.width == 1280);
    CHECK(s.video.height == 720);
    CHECK(s.video.frame_rate.num == 60000);
    CHECK(s.video.frame_rate.den == 1001);
    CHECK(s.video_encoder == "x264");
    CHECK(s.video_encoder_settings == nlohmann::json{{"rate_control", "cbr"},
                                                     {"bitrate_kbps", 4500},
                                                     {"keyint_s", 2},
                                                     {"preset", "faster"}});
    CHECK(s.audio_encoder == "aac");
    CHECK(s.audio_encoder_settings == nlohmann::json{{"bitrate_kbps", 128}});
    CHECK(s.monitoring_device == "default");

    p.output.rate_control = RateControl::crf;
    p.output.crf = 18;
    CHECK(studio_settings(p).video_encoder_settings["crf"] == 18);
    CHECK(studio_settings(p).video_encoder_settings["rate_control"] == "crf");

    // Other encoders get only the keys every video encoder shares.
    p.output.video_encoder = "nvenc";
    const auto nvenc = studio_settings(p).video_encoder_settings;
    CHECK_FALSE(nvenc.contains("preset"));
    CHECK_FALSE(nvenc.contains("crf"));
    CHECK(nvenc["keyint_s"] == 2);
}

TEST_CASE("a hardware encoder falls back to x264 unless the creator turned it off",
          "[settings][requests]") {
    Profile p;
    CHECK(p.output.encoder_fallback);                          // on by default: the show goes on
    CHECK(studio_settings(p).video_encoder_fallback.empty());  // x264 needs no fallback
    p.output.video_encoder = "nvenc";
    CHECK(studio_settings(p).video_encoder_fallback == "x264");
    p.output.encoder_fallback = false;
    CHECK(studio_settings(p).video_encoder_fallback.empty());
}

TEST_CASE("a trusted certificate and an HLS folder reach their outputs", "[settings][requests]") {
    Profile p;
    StreamDestination own{"Own", "custom", "rtmps://own.example.com/live", "k", true, {}, {}};
    own.trusted_certificate = "/etc/own.pem";
    p.destinations.push_back(own);
    p.destinations.push_back({"Public", "custom", "rtmp://a/app/1", "", true, {}, {}});
    StreamDestination hls;
    hls.service_id = kHlsServiceId;
    hls.hls.folder = "/srv/hls";
    hls.hls.segment_s = 1;
    hls.hls.playlist_segments = 4;
    hls.hls.low_latency = true;
    hls.hls.segment_format = HlsSegmentFormat::fmp4;
    p.destinations.push_back(hls);
    const auto requests = stream_requests(p);
    REQUIRE(requests.size() == 3);
    CHECK(requests[0].type == "rtmp");
    CHECK(requests[0].settings == nlohmann::json{{"url", "rtmps://own.example.com/live/k"},
                                                 {"trusted_certificate", "/etc/own.pem"}});
    CHECK_FALSE(requests[1].settings.contains("trusted_certificate"));
    CHECK(requests[2].type == "hls");
    CHECK(requests[2].settings == nlohmann::json{{"folder", "/srv/hls"},
                                                 {"segment_s", 1.0},
                                                 {"playlist_segments", 4},
                                                 {"delete_segments", true},
                                                 {"low_latency", true},
                                                 {"segment_format", "fmp4"}});
}

TEST_CASE("network options become the engine's reconnect and bitrate settings",
          "[settings][requests]") {
    Profile p;
    lm::StudioSettings defaults = studio_settings(p);
    CHECK(defaults.network.reconnect.max_attempts == 100);
    CHECK(defaults.network.reconnect.first_delay_s == 2.0);
    CHECK(defaults.network.reconnect.max_delay_s == 2.5);
    CHECK(defaults.network.dynamic_bitrate);
    CHECK_FALSE(defaults.network.follow_slowest);
    // The profile's defaults are the engine's own.
    const lm::NetworkSettings engine;
    CHECK(defaults.network.reconnect.max_attempts == engine.reconnect.max_attempts);
    CHECK(defaults.network.reconnect.first_delay_s == engine.reconnect.first_delay_s);
    CHECK(defaults.network.reconnect.max_delay_s == engine.reconnect.max_delay_s);
    CHECK(defaults.network.dynamic_bitrate == engine.dynamic_bitrate);

    p.network.reconnect_attempts = 7;
    p.network.reconnect_delay_s = 1;
    p.network.reconnect_max_delay_s = 9;
    p.network.dynamic_bitrate = false;
    p.network.follow_slowest = true;
    lm::StudioSettings s = studio_settings(p);
    CHECK(s.network.reconnect.max_attempts == 7);
    CHECK(s.network.reconnect.first_delay_s == 1.0);
    CHECK(s.network.reconnect.max_delay_s == 9.0);
    CHECK_FALSE(s.network.dynamic_bitrate);
    CHECK(s.network.follow_slowest);
    p.network.reconnect = false;
    CHECK(studio_settings(p).network.reconnect.max_attempts == 0);
}

TEST_CASE("the replay buffer saves into its folder, else the recording folder",
          "[settings][requests]") {
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    Profile p;
    p.output.recording_folder = (root / "videos").string();
    p.output.replay_buffer.seconds = 15;
    p.output.replay_buffer.container = RecordingContainer::mp4;
    lm::OutputRequest request = replay_buffer_request(p);
    CHECK(request.type == "replay_buffer");
    CHECK(request.settings == nlohmann::json{{"seconds", 15},
                                             {"folder", p.output.recording_folder},
                                             {"format", "mp4"}});
    CHECK(fs::is_directory(p.output.recording_folder));  // created so the output can open

    p.output.replay_buffer.folder = (root / "replays").string();
    CHECK(replay_buffer_request(p).settings["folder"] == p.output.replay_buffer.folder);
    CHECK(fs::is_directory(root / "replays"));
}
