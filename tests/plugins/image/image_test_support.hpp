// What the image tests share: a temporary folder, picture files made with the ffmpeg CLI, a
// real video mixer run (NV12, BT.709 limited range) and reading a colour back out of it.
#pragma once

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "core/media/clock.hpp"
#include "core/video/video_mixer.hpp"
#include "tests/core/gpu/gpu_test_support.hpp"

namespace lm::test {

inline constexpr Rgb8 kRed{255, 0, 0};
inline constexpr Rgb8 kLime{0, 255, 0};
inline constexpr Rgb8 kBlue{0, 0, 255};
inline constexpr Rgb8 kBlack{0, 0, 0};

/// A fresh folder under /tmp, removed with everything in it at the end of the test.
class TempDir {
public:
    TempDir() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "lm-image-test-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

/// Runs `ffmpeg -v error -y <arguments> <output>`; the test fails if ffmpeg does.
inline void make_with_ffmpeg(const std::string& arguments, const std::filesystem::path& output) {
    const std::string command =
        "ffmpeg -nostdin -hide_banner -v error -y " + arguments + " '" + output.string() + "'";
    INFO(command);
    REQUIRE(std::system(command.c_str()) == 0);
}

/// A 64x48 picture, left half `left` and right half `right`, in whatever format `output`'s
/// extension names (extra encoder options in `codec`).
inline void make_two_colour_picture(const std::filesystem::path& output, const char* left,
                                    const char* right, const std::string& codec = "") {
    // RGB all the way, so lossless formats hold exactly 255, 0, 0 (not a YUV round trip).
    make_with_ffmpeg(std::string("-f lavfi -i color=") + left +
                         ":s=64x48,format=rgb24 -f lavfi -i color=" + right +
                         ":s=32x48,format=rgb24 -filter_complex overlay=x=32:format=rgb "
                         "-frames:v 1 " +
                         codec,
                     output);
}

/// A solid 64x48 PNG.
inline void make_png(const std::filesystem::path& output, const char* colour) {
    make_with_ffmpeg(
        std::string("-f lavfi -i color=") + colour + ":s=64x48,format=rgb24 -frames:v 1", output);
}

/// Three 64x48 frames, red, lime and blue, stamped 0, 300 and 900 ms (1/100 s time base):
/// with a final delay of 300 ms, one pass of 1.2 s.
inline constexpr const char* kThreeColourGraph =
    "color=red:s=64x48:r=1:d=1[a];color=lime:s=64x48:r=1:d=1[b];"
    "color=blue:s=64x48:r=1:d=1[c];[a][b][c]concat=n=3,format=rgb24,settb=1/100,"
    "setpts='if(eq(N,0),0,if(eq(N,1),30,90))'";

/// A looping 64x48 GIF: red for 300 ms, lime for 600 ms, blue for 300 ms (1.2 s a pass).
/// GIF stores 3-3-2 bit colour here, so full red decodes as 252, 0, 0.
inline void make_animated_gif(const std::filesystem::path& output) {
    make_with_ffmpeg(std::string("-filter_complex \"") + kThreeColourGraph +
                         "\" -fps_mode passthrough -enc_time_base 1:100 -loop 0 -final_delay 30",
                     output);
}

inline void write_file(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Puts `source` into `target`'s place the way editors save: write elsewhere, then rename.
inline void replace_file(const std::filesystem::path& source, const std::filesystem::path& target) {
    std::filesystem::rename(source, target);
}

/// An item showing `source` with its top-left corner at (x, y), scaled by `scale`.
inline SceneItem item_at(int id, std::shared_ptr<Source> source, double x, double y,
                         double scale = 1) {
    SceneItem item;
    item.id = id;
    item.source = std::move(source);
    item.transform.position = {x, y};
    item.transform.scale = {scale, scale};
    return item;
}

inline std::shared_ptr<const Scene> scene_of(std::vector<SceneItem> items) {
    auto scene = std::make_shared<Scene>();
    scene->items = std::move(items);
    return scene;
}

/// A real video mixer delivering every NV12 frame it outputs, started on construction.
class MixerRun {
public:
    static constexpr VideoFormat kFormat{320, 180, {30, 1}};

    explicit MixerRun(std::shared_ptr<const Scene> scene, VideoFormat format = kFormat)
        : queue_(std::make_shared<VideoFrameQueue>(1024)), mixer_(format) {
        mixer_.add_consumer(queue_, 0);
        mixer_.set_scene(std::move(scene));
        std::promise<int64_t> start;
        mixer_.start(start.get_future().share());
        start.set_value(clock::now_ns());
    }
    ~MixerRun() { mixer_.stop(); }
    MixerRun(const MixerRun&) = delete;
    MixerRun& operator=(const MixerRun&) = delete;

    /// The next output frame (index 0, 1, 2...); the test fails if none comes within 5 s.
    VideoFramePtr next() {
        auto frame = queue_->pop_for(std::chrono::seconds(5));
        REQUIRE(frame.has_value());
        return *frame;
    }
    /// Stops the mixer; counters() are final afterwards.
    void stop() { mixer_.stop(); }
    VideoMixerCounters counters() const { return mixer_.counters(); }

private:
    std::shared_ptr<VideoFrameQueue> queue_;
    VideoMixer mixer_;
};

/// The first `count` frames of `scene` through a real mixer.
inline std::vector<VideoFramePtr> mix_frames(std::shared_ptr<const Scene> scene, int count) {
    MixerRun run(std::move(scene));
    std::vector<VideoFramePtr> frames;
    for (int i = 0; i < count; ++i)
        frames.push_back(run.next());
    return frames;
}

/// Y, Cb, Cr of canvas pixel (x, y) of an NV12 frame (chroma of its 2x2 block).
inline YCbCr ycbcr_at(const VideoFrame& frame, int x, int y) {
    const uint8_t* chroma = frame.data(1) + (y / 2) * frame.stride(1) + (x / 2) * 2;
    return {double(frame.data(0)[y * frame.stride(0) + x]), double(chroma[0]), double(chroma[1])};
}

/// Whether canvas pixel (x, y) shows `colour`, within `tolerance` code values per component.
inline bool shows(const VideoFrame& frame, int x, int y, Rgb8 colour, double tolerance = 4) {
    const YCbCr want = bt709_limited(colour);
    const YCbCr got = ycbcr_at(frame, x, y);
    return std::abs(got.y - want.y) <= tolerance && std::abs(got.cb - want.cb) <= tolerance &&
           std::abs(got.cr - want.cr) <= tolerance;
}

/// "Y 63 Cb 102 Cr 240" for failure messages.
inline std::string describe_pixel(const VideoFrame& frame, int x, int y) {
    const YCbCr c = ycbcr_at(frame, x, y);
    return "frame " + std::to_string(frame.index) + " (" + std::to_string(x) + "," +
           std::to_string(y) + "): Y " + std::to_string(int(c.y)) + " Cb " +
           std::to_string(int(c.cb)) + " Cr " + std::to_string(int(c.cr));
}

}  // namespace lm::test
