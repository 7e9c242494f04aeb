// Tests plugins/record (and core/output/av_muxer underneath): ~3 s of real H.264 + AAC written
// to .mkv, .mp4 and .flv files, then read back with libavformat and decoded.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
}

#include "core/plugin/plugin_registry.hpp"
#include "plugins/record/record_output.hpp"
#include "plugins/record/record_types.hpp"
#include "plugins/record/replay_output.hpp"
#include "tests/plugins/record/test_media.hpp"

using namespace lm;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

/// A fresh folder under the system temp dir, removed at the end of the test.
struct TempDir {
    fs::path path;
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "lm-record-XXXXXX").string();
        REQUIRE(mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
};

struct FileReport {
    std::string format_name;
    double duration_s = 0;
    int video_streams = 0;
    int audio_streams = 0;
    AVCodecID video_codec = AV_CODEC_ID_NONE;
    int width = 0;
    int height = 0;
    AVCodecID audio_codec = AV_CODEC_ID_NONE;
    int sample_rate = 0;
    int channels = 0;
    int video_packets = 0;
    int audio_packets = 0;
    int decoded_frames = 0;
    bool first_video_is_keyframe = false;
    double video_start_s = 0;
    double audio_start_s = 0;
};

/// Opens a recording like a player would and decodes its video.
FileReport inspect(const fs::path& path) {
    AVFormatContext* input = nullptr;
    REQUIRE(avformat_open_input(&input, path.c_str(), nullptr, nullptr) == 0);
    REQUIRE(avformat_find_stream_info(input, nullptr) >= 0);
    FileReport report;
    report.format_name = input->iformat->name;
    report.duration_s = static_cast<double>(input->duration) / AV_TIME_BASE;
    int video_index = -1;
    int audio_index = -1;
    for (unsigned i = 0; i < input->nb_streams; ++i) {
        const AVCodecParameters* par = input->streams[i]->codecpar;
        if (par->codec_type == AVMEDIA_TYPE_VIDEO) {
            ++report.video_streams;
            video_index = static_cast<int>(i);
            report.video_codec = par->codec_id;
            report.width = par->width;
            report.height = par->height;
        } else if (par->codec_type == AVMEDIA_TYPE_AUDIO) {
            ++report.audio_streams;
            audio_index = static_cast<int>(i);
            report.audio_codec = par->codec_id;
            report.sample_rate = par->sample_rate;
            report.channels = par->ch_layout.nb_channels;
        }
    }
    REQUIRE(video_index >= 0);
    REQUIRE(audio_index >= 0);

    const AVStream* video = input->streams[video_index];
    const AVCodec* codec = avcodec_find_decoder(video->codecpar->codec_id);
    AVCodecContext* decoder = avcodec_alloc_context3(codec);
    REQUIRE(avcodec_parameters_to_context(decoder, video->codecpar) == 0);
    REQUIRE(avcodec_open2(decoder, codec, nullptr) == 0);
    AVPacket* packet = av_packet_alloc();
    AVFrame* frame = av_frame_alloc();
    auto drain = [&] {
        while (avcodec_receive_frame(decoder, frame) == 0) {
            ++report.decoded_frames;
            av_frame_unref(frame);
        }
    };
    bool first_video = true;
    bool first_audio = true;
    while (av_read_frame(input, packet) >= 0) {
        const AVStream* stream = input->streams[packet->stream_index];
        const double pts_s = static_cast<double>(packet->pts) * av_q2d(stream->time_base);
        if (packet->stream_index == video_index) {
            ++report.video_packets;
            if (first_video)
                report.first_video_is_keyframe = packet->flags & AV_PKT_FLAG_KEY;
            report.video_start_s = first_video ? pts_s : std::min(report.video_start_s, pts_s);
            first_video = false;
            REQUIRE(avcodec_send_packet(decoder, packet) == 0);
            drain();
        } else if (packet->stream_index == audio_index) {
            ++report.audio_packets;
            report.audio_start_s = first_audio ? pts_s : std::min(report.audio_start_s, pts_s);
            first_audio = false;
        }
        av_packet_unref(packet);
    }
    avcodec_send_packet(decoder, nullptr);
    drain();
    av_frame_free(&frame);
    av_packet_free(&packet);
    avcodec_free_context(&decoder);
    avformat_close_input(&input);
    return report;
}

const TestMedia& media() {
    static const TestMedia encoded = encode_test_media(90, 3.0);  // encoded once, shared
    return encoded;
}

void record(RecordOutput& output, const TestMedia& source) {
    output.open({source.video, source.audio});
    for (const PacketPtr& packet : source.packets)
        output.write(*packet);
    output.close();
}

}  // namespace

TEST_CASE("3 s of H.264 + AAC play back from .mkv, .mp4 and .flv", "[record]") {
    const auto [extension, format] = GENERATE(table<std::string, std::string>({
        {".mkv", "matroska"},
        {".mp4", "mp4"},
        {".flv", "flv"},
    }));
    INFO(extension);
    TempDir dir;
    const fs::path path = dir.path / ("show" + extension);
    RecordOutput output(nlohmann::json{{"path", path.string()}});
    CHECK(output.display_name() == path.string());
    record(output, media());

    REQUIRE(fs::exists(path));
    const auto size = static_cast<int64_t>(fs::file_size(path));
    CHECK(output.bytes_written() >= size);
    CHECK(output.bytes_written() < size + size / 50);

    const FileReport report = inspect(path);
    CHECK_THAT(report.format_name, Contains(format));
    CHECK(report.video_streams == 1);
    CHECK(report.audio_streams == 1);
    CHECK(report.video_codec == AV_CODEC_ID_H264);
    CHECK(report.width == 1280);
    CHECK(report.height == 720);
    CHECK(report.audio_codec == AV_CODEC_ID_AAC);
    CHECK(report.sample_rate == 48000);
    CHECK(report.channels == 2);
    CHECK(report.video_packets == 90);
    CHECK(report.decoded_frames == 90);
    CHECK(report.first_video_is_keyframe);
    CHECK(report.audio_packets >= media().audio_packet_count - 1);
    CHECK(report.duration_s == Approx(3.0).margin(0.1));
    INFO("video starts " << report.video_start_s << " s, audio " << report.audio_start_s
                         << " s, duration " << report.duration_s);
    // In sync: audio starts one AAC priming frame (1024 samples) before the picture, so the
    // tone's first real sample plays with the first frame.
    CHECK(report.video_start_s - report.audio_start_s == Approx(1024.0 / 48000).margin(0.003));
}

TEST_CASE("a recording that never got its trailer (crash) still plays", "[record]") {
    const std::string extension = GENERATE(std::string(".mkv"), std::string(".mp4"));
    INFO(extension);
    TempDir dir;
    const fs::path path = dir.path / ("crash" + extension);
    {
        RecordOutput output(nlohmann::json{{"path", path.string()}});
        output.open({media().video, media().audio});
        for (const PacketPtr& packet : media().packets)
            output.write(*packet);
        // Destroyed without close(): no trailer, no index at the end.
    }
    const FileReport report = inspect(path);
    // MP4 keeps every finished fragment (one per keyframe interval, here frames 0-59).
    CHECK(report.decoded_frames >= 60);
    CHECK(report.width == 1280);
}

TEST_CASE("without an extension the recording is Matroska", "[record]") {
    TempDir dir;
    RecordOutput output(nlohmann::json{{"path", (dir.path / "take").string()}});
    CHECK(output.display_name() == (dir.path / "take.mkv").string());
    CHECK(output.container() == RecordContainer::matroska);
    record(output, media());
    CHECK(inspect(dir.path / "take.mkv").video_packets == 90);
}

TEST_CASE("bad paths are refused and nothing is written", "[record]") {
    TempDir dir;
    const std::string avi = (dir.path / "show.avi").string();
    CHECK_THROWS_MATCHES(
        RecordOutput(nlohmann::json{{"path", avi}}), OutputError,
        Catch::Matchers::Message("cannot record to '" + avi +
                                 "': unknown extension '.avi' (use .mkv, .mp4 or .flv)"));
    // Where the file goes is checked when opening: a bad folder is a failing destination.
    RecordOutput missing_folder(nlohmann::json{{"path", "/nonexistent/x.mkv"}});
    CHECK_THROWS_MATCHES(missing_folder.open({media().video, media().audio}), OutputError,
                         Catch::Matchers::Message(
                             "cannot record to '/nonexistent/x.mkv': directory does not exist"));
    CHECK_THROWS_WITH(RecordOutput(nlohmann::json{{"path", ""}}),
                      Contains("no recording path given"));
    CHECK_THROWS_WITH(RecordOutput(nlohmann::json::object()), Contains("no recording path given"));
    std::ofstream(dir.path / "file") << "x";
    RecordOutput under_a_file(nlohmann::json{{"path", (dir.path / "file/x.mkv").string()}});
    CHECK_THROWS_WITH(under_a_file.open({media().video, media().audio}),
                      Contains("is not a directory"));
    CHECK(fs::directory_iterator(dir.path)->path().filename() == "file");  // nothing new
}

TEST_CASE("an existing file is never overwritten", "[record]") {
    TempDir dir;
    const fs::path path = dir.path / "keep.mkv";
    std::ofstream(path) << "precious";

    RecordOutput existing(nlohmann::json{{"path", path.string()}});
    CHECK_THROWS_WITH(existing.open({media().video, media().audio}),
                      Contains("'" + path.string() + "'") && Contains("already exists"));

    SECTION("not even when it appears between creating and opening the output") {
        const fs::path late = dir.path / "late.mp4";
        RecordOutput output(nlohmann::json{{"path", late.string()}});
        std::ofstream(late) << "precious";
        CHECK_THROWS_WITH(output.open({media().video, media().audio}), Contains("already exists"));
        std::ifstream in(late);
        std::string content;
        in >> content;
        CHECK(content == "precious");
    }
    std::ifstream in(path);
    std::string content;
    in >> content;
    CHECK(content == "precious");
}

TEST_CASE("a folder that cannot be written to is refused", "[record]") {
    if (geteuid() == 0) {
        // root may write anywhere, so there is nothing to refuse.
        SUCCEED("skipped: running as root");
        return;
    }
    TempDir dir;
    fs::permissions(dir.path, fs::perms::owner_read | fs::perms::owner_exec);
    RecordOutput output(nlohmann::json{{"path", (dir.path / "x.mkv").string()}});
    CHECK_THROWS_WITH(output.open({media().video, media().audio}),
                      Contains("no permission to write"));
    fs::permissions(dir.path, fs::perms::owner_all);
}

TEST_CASE("a folder that holds no files is named as such", "[record]") {
    // /proc exists and passes the permission check for root, but creates no files.
    RecordOutput output(nlohmann::json{{"path", "/proc/x.mkv"}});
    CHECK_THROWS_WITH(output.open({media().video, media().audio}),
                      Contains("'/proc' does not accept new files") ||
                          Contains("no permission to write in '/proc'"));
}

TEST_CASE("the registered type creates outputs from settings", "[record]") {
    PluginRegistry registry;
    register_record_types(registry);
    const OutputType* type = registry.output("record");
    REQUIRE(type != nullptr);
    CHECK(type->properties.at(0).key == "path");
    CHECK(type->properties.at(0).type == PropertyType::path);
    TempDir dir;
    auto output = type->create(nlohmann::json{{"path", (dir.path / "a.flv").string()}});
    CHECK(output->display_name() == (dir.path / "a.flv").string());
    CHECK_THROWS_AS(type->create(nlohmann::json{{"path", "/tmp/a.avi"}}), OutputError);
}

namespace {

/// The test media in the order the engine may deliver it: audio `lead_s` ahead of the video
/// it plays with (negative: behind), as the two encoders finish at different times.
std::vector<PacketPtr> delivered(const TestMedia& source, double lead_s) {
    std::vector<PacketPtr> packets = source.packets;
    auto arrival = [lead_s](const PacketPtr& p) {
        const double dts_s = static_cast<double>(p->dts) * p->time_base.to_double();
        return p->kind == MediaKind::audio ? dts_s - lead_s : dts_s;
    };
    std::stable_sort(packets.begin(), packets.end(), [&](const PacketPtr& a, const PacketPtr& b) {
        return arrival(a) < arrival(b);
    });
    return packets;
}

/// Video packets before the first keyframe at or after 1 s: where a 1 s split must cut (x264
/// puts keyframes at scene cuts too, so not necessarily at the 60-frame GOP).
int frames_before_split(const TestMedia& source) {
    int before = 0;
    for (const PacketPtr& packet : source.packets) {
        if (packet->kind != MediaKind::video)
            continue;
        if (packet->keyframe && packet->pts >= 30)
            return before;
        ++before;
    }
    return before;
}

}  // namespace

TEST_CASE("a split recording puts every packet in exactly one part, each from 0", "[record]") {
    const int split = frames_before_split(media());
    REQUIRE(split < 90);
    const double lead_s = GENERATE(0.0, 0.4, -0.4);
    const std::string extension = GENERATE(std::string(".mkv"), std::string(".mp4"));
    INFO("audio ahead by " << lead_s << " s, " << extension);
    TempDir dir;
    RecordOutput output(
        nlohmann::json{{"path", (dir.path / ("show" + extension)).string()}, {"split_time_s", 1}});
    CHECK(output.display_name() == (dir.path / ("show-NNN" + extension)).string());
    output.open({media().video, media().audio});
    for (const PacketPtr& packet : delivered(media(), lead_s))
        output.write(*packet);
    output.close();

    CHECK_FALSE(fs::exists(dir.path / ("show" + extension)));
    CHECK_FALSE(fs::exists(output.part_path(3)));
    const FileReport first = inspect(output.part_path(1));
    const FileReport second = inspect(output.part_path(2));
    CHECK(first.video_packets == split);
    CHECK(second.video_packets == 90 - split);
    CHECK(first.decoded_frames + second.decoded_frames == 90);
    CHECK(first.audio_packets + second.audio_packets == media().audio_packet_count);
    CHECK(second.first_video_is_keyframe);
    CHECK(second.video_start_s == Approx(0).margin(0.001));
    // The second part's audio starts with the first AAC packet at or after its first frame.
    CHECK(second.audio_start_s >= -0.001);
    CHECK(second.audio_start_s < 1024.0 / 48000);
    CHECK(second.duration_s == Approx((90 - split) / 30.0).margin(0.1));
}

TEST_CASE("split parts never overwrite: a taken name is skipped", "[record]") {
    TempDir dir;
    RecordOutput output(
        nlohmann::json{{"path", (dir.path / "show.mkv").string()}, {"split_time_s", 1}});
    std::ofstream(output.part_path(2)) << "precious";
    output.open({media().video, media().audio});
    for (const PacketPtr& packet : media().packets)
        output.write(*packet);
    output.close();
    std::ifstream in(output.part_path(2));
    std::string content;
    in >> content;
    CHECK(content == "precious");
    CHECK(inspect(output.part_path(3)).video_packets == 90 - frames_before_split(media()));

    SECTION("and a taken first part is an error at open") {
        RecordOutput again(
            nlohmann::json{{"path", (dir.path / "show.mkv").string()}, {"split_time_s", 1}});
        CHECK_THROWS_WITH(again.open({media().video, media().audio}), Contains("already exists"));
    }
}

TEST_CASE("split settings are checked", "[record]") {
    CHECK_THROWS_WITH(RecordOutput(nlohmann::json{{"path", "a.mkv"}, {"split_time_s", 0.5}}),
                      Contains("too short"));
    CHECK_THROWS_WITH(RecordOutput(nlohmann::json{{"path", "a.mkv"}, {"split_size_mb", -1}}),
                      Contains("split_size_mb"));
    CHECK_THROWS_WITH(RecordOutput(nlohmann::json{{"path", "a.mkv"}, {"split_time_s", "x"}}),
                      Contains("split_time_s"));
}

TEST_CASE("a replay buffer saves its window as new files that play from a keyframe",
          "[record][replay]") {
    TempDir dir;
    ReplayOutput output({{"folder", dir.path.string()}, {"seconds", 2}});
    CHECK(output.keeps_replay());
    CHECK_THROWS_WITH(output.save_replay(), Contains("not running"));
    const TestMedia& source = media();
    output.open({source.video, source.audio});
    CHECK_THROWS_WITH(output.save_replay(), Contains("holds nothing yet"));
    for (const auto& packet : source.packets)
        output.write(*packet);
    const ReplaySaved first = output.save_replay();
    const ReplaySaved second = output.save_replay();  // the same second: "-2"
    output.close();
    CHECK(first.path != second.path);
    CHECK_THAT(first.path, Contains("replay-"));
    CHECK(fs::path(second.path).stem().string().ends_with("-2"));
    CHECK(first.duration_s >= 2);  // the window: from the newest keyframe 2 s before the end
    for (const auto& path : {first.path, second.path}) {
        const FileReport report = inspect(path);
        CHECK(report.format_name.find("matroska") != std::string::npos);
        CHECK(report.first_video_is_keyframe);
        CHECK(report.video_start_s == Approx(0).margin(0.005));
        CHECK(report.audio_start_s >= report.video_start_s - 0.005);
        CHECK(report.decoded_frames == std::lround(first.duration_s * 30));
    }
    const auto status = output.replay_status();
    REQUIRE(status);
    CHECK(status->saved == 2);
}

TEST_CASE("replay buffer settings are checked", "[record][replay]") {
    CHECK_THROWS_WITH(ReplayOutput(nlohmann::json{{"format", "avi"}}), Contains("avi"));
    CHECK_THROWS_AS(ReplayOutput(nlohmann::json{{"seconds", 0}}), OutputError);
    ReplayOutput missing(nlohmann::json{{"folder", "/nonexistent/replays"}});
    CHECK_THROWS_WITH(missing.open({}), Contains("does not exist"));
    ReplayOutput mp4({{"format", "mp4"}, {"folder", "/tmp"}});
    CHECK_THAT(mp4.display_name(), Contains("replay-*.mp4"));
    CHECK_THAT(mp4.path_for(0), Contains(".mp4"));
}
