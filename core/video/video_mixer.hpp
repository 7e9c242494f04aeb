// The video mixer: owns the GPU device on its own thread, renders the current scene at the
// output frame rate on absolute deadlines, converts to NV12 on the GPU, reads back
// asynchronously and hands frames to every consumer queue without ever waiting for them. It
// runs for the whole session: encoders join and leave as consumers, and the preview reads a
// small RGBA copy of every frame from a latest-value mailbox.
#pragma once

#include <atomic>
#include <cstdint>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/encode/encoder.hpp"
#include "core/media/bounded_queue.hpp"
#include "core/media/consumer_set.hpp"
#include "core/media/video_frame.hpp"
#include "core/scene/program_request.hpp"
#include "core/scene/scene.hpp"

namespace lm {

using VideoFrameQueue = BoundedQueue<VideoFramePtr>;

struct VideoMixerCounters {
    uint64_t frames_rendered = 0;  ///< frames drawn by the GPU
    /// Frames that could not be rendered before their deadline (rendering lag); the previous
    /// picture was repeated in their place so the output keeps its constant frame rate.
    uint64_t frames_missed = 0;
    uint64_t frames_output = 0;   ///< frames produced (rendered + repeated)
    int64_t render_ns_total = 0;  ///< time spent rendering + converting + starting readback
};

class VideoMixer {
public:
    explicit VideoMixer(VideoFormat format);
    ~VideoMixer();  ///< stops the thread
    VideoMixer(const VideoMixer&) = delete;
    VideoMixer& operator=(const VideoMixer&) = delete;

    /// Replaces the scene drawn from the next frame on: a cut, or during a transition the
    /// incoming scene's new content (an edit), the fade going on. MT safe.
    void set_scene(std::shared_ptr<const Scene> scene);
    /// Changes program to `scene` with `transition`, starting at the next frame. A transition
    /// asked for while one runs starts from the scene that was coming in. MT safe.
    void transition_to(std::shared_ptr<const Scene> scene, Transition transition);
    /// Studio mode: also renders `scene` (null: stop) and publishes it like the preview.
    void set_studio_preview(std::shared_ptr<const Scene> scene);

    /// NV12 frames [first_index, end_index) go to `queue`; the mixer closes it after the last
    /// one (or when it stops). Frames are converted and read back only while some consumer is
    /// registered. MT safe.
    void add_consumer(std::shared_ptr<VideoFrameQueue> queue, int64_t first_index,
                      int64_t end_index = ConsumerSet<VideoFramePtr>::kOpenEnd);
    /// Ends `queue`'s range: it is closed when the next frame is delivered. MT safe.
    void end_consumer(const VideoFrameQueue* queue);
    /// Leaves `queue` without the items at [from, to) (a paused recording; kOpenEnd until the
    /// resume is known, then the same `from` with the end). MT safe.
    void skip_for_consumer(const VideoFrameQueue* queue, int64_t from, int64_t to);
    /// The index of the next frame to be rendered (0 before start). MT safe.
    int64_t next_frame_index() const { return next_index_.load(); }

    /// Publishes every frame as RGBA at `width` x `height` (even; 0 x 0 turns it off). MT safe.
    void set_preview_size(int width, int height);
    /// The newest preview picture (index and pts_ns set), or null. MT safe.
    std::shared_ptr<const VideoFrame> preview() const { return preview_.load(); }
    /// The newest picture of the studio-mode preview scene, at the preview size, or null.
    std::shared_ptr<const VideoFrame> studio_preview() const { return studio_preview_.load(); }

    /// Starts the video thread, which creates the GPU device; waits until the device is up and
    /// throws GpuError if it could not be. The thread then waits for `start_ns`: frame n is due
    /// at start_ns + n / fps, so the GPU start-up cost never counts as lag (a start time in
    /// the past, or stop() before it is set, is fine).
    void start(std::shared_future<int64_t> start_ns);
    /// Stops after the current frame, delivers what is still being read back, closes the
    /// consumer queues. Idempotent; MT safe.
    void stop();
    bool finished() const { return finished_.load(); }

    VideoMixerCounters counters() const;
    /// GL renderer description, once started.
    std::string gpu_description() const;

private:
    class RenderLoop;
    void run(std::shared_future<int64_t> start_ns, std::promise<std::string> started);

    const VideoFormat format_;
    ConsumerSet<VideoFramePtr> consumers_;
    ProgramRequestBox program_;
    std::atomic<std::shared_ptr<const Scene>> studio_scene_;
    std::atomic<std::shared_ptr<const VideoFrame>> preview_;
    std::atomic<std::shared_ptr<const VideoFrame>> studio_preview_;
    std::atomic<uint64_t> preview_size_{0};  // width << 32 | height
    std::atomic<int64_t> next_index_{0};
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
