// Tests plugins/hls (and core/output/av_muxer underneath with the AVFMT_NOFILE "hls" muxer):
// real H.264 + AAC written as HLS into a folder, the playlist read as text, and the whole
// thing played back through libavformat's HLS demuxer and decoded, as a player would.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
}

#include "core/plugin/plugin_registry.hpp"
#include "core/scene/properties.hpp"
#include "plugins/hls/hls_output.hpp"
#include "plugins/hls/hls_types.hpp"
#include "tests/plugins/record/test_media.hpp"

using namespace lm;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "lm-hls-XXXXXX").string();
        REQUIRE(mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        fs::permissions(path, fs::perms::owner_all, ignored);
        fs::remove_all(path, ignored);
    }
};

/// 6 s of 1280x720@30 with at most 2 s between keyframes, and 6 s of AAC: encoded once.
const TestMedia& media() {
    // Quiet: the HLS muxer and demuxer report every file they open and every tag they skip.
    av_log_set_level(AV_LOG_ERROR);
    static const TestMedia encoded = encode_test_media(180, 6.0);
    return encoded;
}

/// The segment lengths the muxer must produce: it cuts at the first keyframe at or after each
/// multiple of `segment_s`. (The test media's x264 also puts keyframes at scene cuts; the
/// engine's does not, so there every segment is exactly `segment_s`.)
std::vector<double> expected_durations_s(double segment_s) {
    std::vector<double> cuts{0};
    for (const PacketPtr& packet : media().packets) {
        if (packet->kind != MediaKind::video || !packet->keyframe)
            continue;
        const double t = static_cast<double>(packet->pts) * packet->time_base.to_double();
        if (t >= segment_s * static_cast<double>(cuts.size()) - 1e-6)
            cuts.push_back(t);
    }
    cuts.push_back(6.0);
    std::vector<double> durations;
    for (size_t i = 1; i < cuts.size(); ++i)
        durations.push_back(cuts[i] - cuts[i - 1]);
    return durations;
}

void write_all(HlsOutput& output) {
    output.open({media().video, media().audio});
    for (const PacketPtr& packet : media().packets)
        output.write(*packet);
    output.close();
}

std::string read_text(const fs::path& path) {
    std::ifstream file(path);
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

struct Playlist {
    std::string text;
    std::vector<std::string> segments;  ///< as listed, in order
    std::vector<double> durations_s;    ///< #EXTINF of each
};

Playlist read_playlist(const fs::path& path) {
    Playlist playlist;
    playlist.text = read_text(path);
    std::istringstream lines(playlist.text);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.rfind("#EXTINF:", 0) == 0)
            playlist.durations_s.push_back(std::stod(line.substr(8)));
        else if (!line.empty() && line[0] != '#')
            playlist.segments.push_back(line);
    }
    return playlist;
}

int count_files(const fs::path& folder, const std::string& extension) {
    int count = 0;
    for (const auto& entry : fs::directory_iterator(folder))
        count += entry.path().extension() == extension ? 1 : 0;
    return count;
}

struct Playback {
    int width = 0;
    int height = 0;
    bool has_audio = false;
    int decoded_frames = 0;
    int audio_packets = 0;
};

/// Plays the playlist through libavformat's HLS demuxer and decodes every video packet.
Playback play(const fs::path& playlist) {
    AVFormatContext* input = nullptr;
    REQUIRE(avformat_open_input(&input, playlist.c_str(), nullptr, nullptr) == 0);
    REQUIRE(avformat_find_stream_info(input, nullptr) >= 0);
    CHECK_THAT(std::string(input->iformat->name), Contains("hls"));
    Playback result;
    const int video_index = av_find_best_stream(input, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    const int audio_index = av_find_best_stream(input, AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
    REQUIRE(video_index >= 0);
    result.has_audio = audio_index >= 0;
    const AVCodecParameters* par = input->streams[video_index]->codecpar;
    result.width = par->width;
    result.height = par->height;
    const AVCodec* codec = avcodec_find_decoder(par->codec_id);
    AVCodecContext* decoder = avcodec_alloc_context3(codec);
    REQUIRE(avcodec_parameters_to_context(decoder, par) == 0);
    REQUIRE(avcodec_open2(decoder, codec, nullptr) == 0);
    AVPacket* packet = av_packet_alloc();
    AVFrame* frame = av_frame_alloc();
    auto drain = [&] {
        while (avcodec_receive_frame(decoder, frame) == 0) {
            ++result.decoded_frames;
            av_frame_unref(frame);
        }
    };
    while (av_read_frame(input, packet) >= 0) {
        if (packet->stream_index == video_index) {
            REQUIRE(avcodec_send_packet(decoder, packet) == 0);
            drain();
        } else if (packet->stream_index == audio_index) {
            ++result.audio_packets;
        }
        av_packet_unref(packet);
    }
    avcodec_send_packet(decoder, nullptr);
    drain();
    av_frame_free(&frame);
    av_packet_free(&packet);
    avcodec_free_context(&decoder);
    avformat_close_input(&input);
    return result;
}

}  // namespace

TEST_CASE("6 s of H.264 + AAC become a playlist of 2 s segments that play", "[hls]") {
    const std::string format = GENERATE(std::string("mpegts"), std::string("fmp4"));
    INFO(format);
    TempDir dir;
    HlsOutput output(nlohmann::json{{"folder", dir.path.string()}, {"segment_format", format}});
    CHECK(output.display_name() == dir.path.string());
    write_all(output);
    CHECK(output.warning().empty());  // keyframes every 2 s, segments of 2 s

    const fs::path path = dir.path / "stream.m3u8";
    REQUIRE(fs::exists(path));
    const Playlist playlist = read_playlist(path);
    INFO(playlist.text);
    CHECK_THAT(playlist.text, Contains("#EXTM3U"));
    CHECK_THAT(playlist.text, Contains("#EXT-X-TARGETDURATION:2"));
    CHECK_THAT(playlist.text, Contains("#EXT-X-PROGRAM-DATE-TIME:"));
    CHECK_THAT(playlist.text, Contains("#EXT-X-ENDLIST"));  // closed: players stop at the end
    const std::vector<double> expected = expected_durations_s(2.0);
    REQUIRE(playlist.segments.size() == expected.size());
    for (size_t i = 0; i < playlist.segments.size(); ++i) {
        // Relative names, so the folder can be served from any URL.
        CHECK(playlist.segments[i].find('/') == std::string::npos);
        CHECK(fs::exists(dir.path / playlist.segments[i]));
        CHECK(playlist.durations_s[i] == Approx(expected[i]).margin(0.05));
    }
    const std::string extension = format == "fmp4" ? ".m4s" : ".ts";
    CHECK(fs::path(playlist.segments[0]).extension() == extension);
    CHECK(count_files(dir.path, extension) == static_cast<int>(expected.size()));
    if (format == "fmp4") {
        CHECK_THAT(playlist.text, Contains("#EXT-X-MAP:URI=\"stream-init.mp4\""));
        CHECK(fs::exists(dir.path / "stream-init.mp4"));
    }

    const Playback playback = play(path);
    CHECK(playback.width == 1280);
    CHECK(playback.height == 720);
    CHECK(playback.has_audio);
    CHECK(playback.decoded_frames == 180);
    CHECK(playback.audio_packets >= media().audio_packet_count - 2);
}

TEST_CASE("old segments leave the folder unless asked to stay", "[hls]") {
    const bool delete_segments = GENERATE(true, false);
    INFO("delete_segments " << delete_segments);
    TempDir dir;
    HlsOutput output(nlohmann::json{{"folder", dir.path.string()},
                                    {"playlist_segments", 3},
                                    {"delete_segments", delete_segments}});
    // The same 6 s twice, the second time 7 s later (the audio runs a little past 6 s).
    output.open({media().video, media().audio});
    for (int round = 0; round < 2; ++round) {
        for (const PacketPtr& packet : media().packets) {
            Packet shifted = *packet;
            const int64_t shift = rescale(7, Rational{1, 1}, packet->time_base) * round;
            shifted.pts += shift;
            shifted.dts += shift;
            output.write(shifted);
        }
    }
    output.close();

    const Playlist playlist = read_playlist(dir.path / "stream.m3u8");
    INFO(playlist.text);
    CHECK(playlist.segments.size() == 3);
    const int files = count_files(dir.path, ".ts");
    if (delete_segments) {
        // FFmpeg keeps one segment past the playlist a little longer (hls_delete_threshold),
        // for players still fetching it.
        CHECK(files <= 4);
    } else {
        CHECK(files >= 6);  // at least one per 2 s of the 12 s
    }
    for (const std::string& segment : playlist.segments)
        CHECK(fs::exists(dir.path / segment));
}

TEST_CASE("low latency asks for 1 s independent segments and says when keyframes are too rare",
          "[hls]") {
    TempDir dir;
    HlsOutput output(nlohmann::json{{"folder", dir.path.string()}, {"low_latency", true}});
    write_all(output);
    const Playlist playlist = read_playlist(dir.path / "stream.m3u8");
    INFO(playlist.text);
    CHECK_THAT(playlist.text, Contains("#EXT-X-INDEPENDENT-SEGMENTS"));
    // The muxer cuts only at keyframes: with up to 2 s between them, segments get longer than
    // 1 s, and the output tells the creator what to change.
    const std::vector<double> expected = expected_durations_s(1.0);
    REQUIRE(playlist.durations_s.size() == expected.size());
    for (size_t i = 0; i < expected.size(); ++i)
        CHECK(playlist.durations_s[i] == Approx(expected[i]).margin(0.05));
    CHECK(*std::max_element(expected.begin(), expected.end()) > 1.5);
    CHECK_THAT(output.warning(), Contains("keyframe interval to 1 s"));
    CHECK(play(dir.path / "stream.m3u8").decoded_frames == 180);
}

TEST_CASE("a missing or unusable folder is refused with what to do", "[hls]") {
    TempDir dir;
    SECTION("missing") {
        const std::string folder = (dir.path / "no-such-folder").string();
        HlsOutput output(nlohmann::json{{"folder", folder}});
        CHECK_THROWS_WITH(output.open({media().video, media().audio}),
                          Contains(folder) && Contains("does not exist") && Contains("mkdir -p"));
    }
    SECTION("a file") {
        const fs::path file = dir.path / "file";
        std::ofstream(file) << "x";
        HlsOutput output(nlohmann::json{{"folder", file.string()}});
        CHECK_THROWS_WITH(output.open({media().video, media().audio}),
                          Contains(file.string()) && Contains("not a folder"));
    }
    SECTION("not writable") {
        if (geteuid() == 0) {
            WARN("skipped as root: root may write in any folder");
            return;
        }
        fs::permissions(dir.path, fs::perms::owner_read | fs::perms::owner_exec);
        HlsOutput output(nlohmann::json{{"folder", dir.path.string()}});
        CHECK_THROWS_WITH(output.open({media().video, media().audio}),
                          Contains(dir.path.string()) && Contains("no permission"));
    }
}

TEST_CASE("HLS settings are checked and registered with their schema", "[hls]") {
    CHECK_THROWS_WITH(HlsOutput(nlohmann::json::object()), Contains("no HLS folder"));
    CHECK_THROWS_WITH(HlsOutput(nlohmann::json{{"folder", "x"}, {"segment_s", 0.2}}),
                      Contains("out of range"));
    CHECK_THROWS_WITH(HlsOutput(nlohmann::json{{"folder", "x"}, {"playlist_segments", 1}}),
                      Contains("out of range"));
    CHECK_THROWS_WITH(HlsOutput(nlohmann::json{{"folder", "x"}, {"segment_format", "webm"}}),
                      Contains("'webm'") && Contains("mpegts or fmp4"));
    CHECK_THROWS_WITH(HlsOutput(nlohmann::json{{"folder", 3}}), Contains("wrong type"));

    PluginRegistry registry;
    register_hls_types(registry);
    const OutputType* type = registry.output("hls");
    REQUIRE(type != nullptr);
    const nlohmann::json settings = apply_schema(type->properties, {{"folder", "/srv/hls"}});
    CHECK(settings["segment_s"] == 2);
    CHECK(settings["playlist_segments"] == 6);
    CHECK(settings["delete_segments"] == true);
    CHECK(settings["low_latency"] == false);
    CHECK(settings["segment_format"] == "mpegts");
    const HlsSettings parsed = HlsSettings::from_json(settings);
    CHECK(parsed.effective_segment_s() == 2);
    CHECK(type->create(settings)->display_name() == "/srv/hls");
    CHECK_THROWS_AS(apply_schema(type->properties, {{"folder", "x"}, {"segment_format", "avi"}}),
                    std::invalid_argument);
}
