// The video mixer: owns the GPU device on its own thread, renders the current scene at the
// output frame rate on absolute deadlines, converts to NV12 on the GPU, reads back
// asynchronously and hands frames to every consumer queue without ever waiting for them.
#pragma once

#include <atomic>
#include <cstdint>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/encode/encoder.hpp"
#include "core/media/bounded_queue.hpp"
#include "core/media/video_frame.hpp"
#include "core/scene/scene.hpp"

namespace lm {

using VideoFrameQueue = BoundedQueue<VideoFramePtr>;

struct VideoMixerCounters {
    uint64_t frames_rendered = 0;  ///< frames drawn by the GPU
    /// Frames that could not be rendered before their deadline (rendering lag); the previous
    /// picture was repeated in their place so the output keeps its constant frame rate.
    uint64_t frames_missed = 0;
    uint64_t frames_output = 0;   ///< frames handed to consumers (rendered + repeated)
    int64_t render_ns_total = 0;  ///< time spent rendering + converting + starting readback
};

class VideoMixer {
public:
    VideoMixer(VideoFormat format, std::vector<std::shared_ptr<VideoFrameQueue>> consumers);
    ~VideoMixer();  ///< stops the thread
    VideoMixer(const VideoMixer&) = delete;
    VideoMixer& operator=(const VideoMixer&) = delete;

    /// Replaces the scene drawn from the next frame on. MT safe.
    void set_scene(std::shared_ptr<const Scene> scene);

    /// Starts the video thread, which creates the GPU device; waits until the device is up and
    /// throws GpuError if it could not be. The thread then waits for `start_ns`: frame n is due
    /// at start_ns + n / fps, so the GPU start-up cost never counts as lag (a start time in
    /// the past, or stop() before it is set, is fine). With `frame_limit` > 0 the mixer stops
    /// by itself after that many frames.
    void start(std::shared_future<int64_t> start_ns, int64_t frame_limit);
    /// Stops after the current frame, delivers what is still being read back, closes the
    /// consumer queues. Idempotent; MT safe.
    void stop();
    bool finished() const { return finished_.load(); }

    VideoMixerCounters counters() const;
    /// GL renderer description, once started.
    std::string gpu_description() const;

private:
    class RenderLoop;
    void run(std::shared_future<int64_t> start_ns, int64_t frame_limit,
             std::promise<std::string> started);

    const VideoFormat format_;
    std::vector<std::shared_ptr<VideoFrameQueue>> consumers_;
    std::atomic<std::shared_ptr<const Scene>> scene_;
    std::atomic<bool> stop_requested_{false};
    std::atomic<bool> finished_{false};
    std::atomic<uint64_t> frames_rendered_{0};
    std::atomic<uint64_t> frames_missed_{0};
    std::atomic<uint64_t> frames_output_{0};
    std::atomic<int64_t> render_ns_total_{0};
    std::string gpu_description_;  // written before start() returns, read-only afterwards
    std::thread thread_;
};

}  // namespace lm
