// Clips made by the ffmpeg command line for the media source tests, and a way to run the real
// video mixer over a source while the test shows and hides it.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <future>
#include <string>
#include <vector>

#include "core/media/clock.hpp"
#include "core/video/video_mixer.hpp"

namespace lm::test {

/// A fresh temporary folder, removed with the object.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        path = std::filesystem::temp_directory_path() /
               ("lm-media-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
        std::filesystem::create_directories(path);
    }
    ~TempDir() { std::filesystem::remove_all(path); }
    static int& counter() {
        static int n = 0;
        return n;
    }
};

inline void run_ffmpeg(const std::string& arguments) {
    const std::string command = "ffmpeg -v error -nostdin -y " + arguments;
    if (std::system(command.c_str()) != 0)
        throw std::runtime_error("ffmpeg failed: " + command);
}

/// 2 s, 320x180 at 30 fps: red for the first second, blue for the second; a 440 Hz beep at
/// -6 dBFS for the first 100 ms of each second.
inline std::filesystem::path make_red_blue_clip(const std::filesystem::path& dir,
                                                const std::string& name = "clip.mp4") {
    const auto path = dir / name;
    run_ffmpeg(
        "-f lavfi -i color=red:s=320x180:r=30:d=1 -f lavfi -i color=blue:s=320x180:r=30:d=1 "
        "-f lavfi -i \"aevalsrc=exprs='0.5*sin(2*PI*440*t)*lt(mod(t,1),0.1)':c=stereo:"
        "s=48000:d=2\" -filter_complex \"[0:v][1:v]concat=n=2:v=1:a=0[v]\" -map \"[v]\" "
        "-map 2:a -c:v libx264 -preset ultrafast -g 30 -pix_fmt yuv420p -c:a aac -b:a 128k " +
        path.string());
    return path;
}

enum class Shade { black, red, blue, other };

/// The colour at the middle of an NV12 frame (BT.709 limited range).
inline Shade shade_at_centre(const VideoFrame& frame) {
    const int x = frame.width() / 2;
    const int y = frame.height() / 2;
    const int luma = frame.data(0)[y * frame.stride(0) + x];
    const uint8_t* chroma = frame.data(1) + (y / 2) * frame.stride(1) + (x / 2) * 2;
    const int cb = chroma[0];
    const int cr = chroma[1];
    if (luma < 24 && std::abs(cb - 128) < 8 && std::abs(cr - 128) < 8)
        return Shade::black;
    if (cr > 200 && cb < 128)
        return Shade::red;
    if (cb > 200 && cr < 140)
        return Shade::blue;
    return Shade::other;
}

/// Runs the real video mixer for `frames` frames at 320x180, 30 fps. `scene_for(index)` is
/// asked after each frame arrives and may return a new scene to show from then on (or null to
/// keep the current one).
inline std::vector<VideoFramePtr> run_mixer_over(
    std::shared_ptr<const Scene> first, int frames,
    const std::function<std::shared_ptr<const Scene>(int64_t)>& scene_for = nullptr) {
    const VideoFormat format{320, 180, {30, 1}};
    auto queue = std::make_shared<VideoFrameQueue>(frames + 4);
    VideoMixer mixer(format);
    mixer.add_consumer(queue, 0, frames);
    mixer.set_scene(std::move(first));
    std::promise<int64_t> start;
    mixer.start(start.get_future().share());
    start.set_value(clock::now_ns());
    std::vector<VideoFramePtr> out;
    while (auto frame = queue->pop()) {
        out.push_back(*frame);
        if (scene_for) {
            if (auto next = scene_for((*frame)->index))
                mixer.set_scene(std::move(next));
        }
    }
    return out;
}

inline std::shared_ptr<const Scene> scene_showing(std::shared_ptr<Source> source) {
    auto scene = std::make_shared<Scene>();
    if (source) {
        SceneItem item;
        item.id = 1;
        item.source = std::move(source);
        scene->items.push_back(item);
    }
    return scene;
}

}  // namespace lm::test
