#include "core/video/video_mixer.hpp"

#include <pthread.h>

#include <algorithm>

#include "core/gpu/gpu_device.hpp"
#include "core/gpu/nv12_converter.hpp"
#include "core/gpu/quad_painter.hpp"
#include "core/media/clock.hpp"

namespace lm {
namespace {

QuadGeometry geometry_for(const SceneItem& item, const VideoFormat& format) {
    const Source& source = *item.source;
    const ItemPlacement placement = place_item(item.transform, source.width(), source.height());
    QuadGeometry geometry;
    std::transform(placement.source_to_canvas.begin(), placement.source_to_canvas.end(),
                   geometry.source_to_canvas.begin(), [](double v) { return float(v); });
    std::transform(placement.source_rect.begin(), placement.source_rect.end(),
                   geometry.source_rect.begin(), [](double v) { return float(v); });
    geometry.canvas_width = float(format.width);
    geometry.canvas_height = float(format.height);
    geometry.source_width = float(source.width());
    geometry.source_height = float(source.height());
    return geometry;
}

bool draws_video(const SceneItem& item) {
    return item.visible && item.source && (item.source->capabilities() & Source::kVideo) &&
           item.source->width() > 0 && item.source->height() > 0;
}

}  // namespace

VideoMixer::VideoMixer(VideoFormat format) : format_(format) {}

VideoMixer::~VideoMixer() {
    stop();
    if (thread_.joinable())
        thread_.join();
}

void VideoMixer::set_scene(std::shared_ptr<const Scene> scene) {
    scene_.store(std::move(scene));
}

void VideoMixer::add_consumer(std::shared_ptr<VideoFrameQueue> queue, int64_t first_index,
                              int64_t end_index) {
    consumers_.add(std::move(queue), first_index, end_index);
}

void VideoMixer::end_consumer(const VideoFrameQueue* queue) {
    consumers_.end_at(queue, ConsumerSet<VideoFramePtr>::kEndNow);
}

void VideoMixer::set_preview_size(int width, int height) {
    const bool off = width <= 0 || height <= 0;
    preview_size_.store(off ? 0 : uint64_t(uint32_t(width & ~1)) << 32 | uint32_t(height & ~1));
    if (off)
        preview_.store(nullptr);
}

void VideoMixer::start(std::shared_future<int64_t> start_ns) {
    std::promise<std::string> started;
    auto started_future = started.get_future();
    thread_ = std::thread(
        [this, start_ns, p = std::move(started)]() mutable { run(start_ns, std::move(p)); });
    gpu_description_ = started_future.get();  // rethrows the GpuError of a failed device
}

void VideoMixer::stop() {
    stop_requested_.store(true);
}

VideoMixerCounters VideoMixer::counters() const {
    return {frames_rendered_.load(), frames_missed_.load(), frames_output_.load(),
            render_ns_total_.load()};
}

std::string VideoMixer::gpu_description() const {
    return gpu_description_;
}

// Everything that lives on the video thread with the GL context current.
class VideoMixer::RenderLoop {
public:
    RenderLoop(VideoMixer& mixer)
        : mixer_(mixer),
          canvas_(GL_RGBA8, mixer.format_.width, mixer.format_.height),
          converter_(mixer.format_.width, mixer.format_.height),
          readback_(mixer.format_.width, mixer.format_.height, 3) {}

    ~RenderLoop() {
        for (auto& source : gpu_sources_)
            source->release_gpu();
    }

    /// Draws frame `index`, starts its readbacks (for encoders only while any is listening;
    /// for the preview only while it is on) and delivers whatever readbacks completed.
    void render(int64_t index, int64_t pts_ns, const std::shared_ptr<const Scene>& scene) {
        render_scene(index, pts_ns, scene);
        if (!mixer_.consumers_.empty()) {
            converter_.convert(canvas_.texture());
            readback_.start(converter_, index, pts_ns);
        }
        render_preview(index, pts_ns);
        poll_readbacks();
    }

    void render_scene(int64_t index, int64_t pts_ns, const std::shared_ptr<const Scene>& scene) {
        if (scene != scene_)
            switch_scene(scene);
        canvas_.bind();
        glClearColor(0, 0, 0, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        if (scene_) {
            for (const SceneItem& item : scene_->items) {
                if (!draws_video(item))
                    continue;
                VideoRenderContext context{painter_, geometry_for(item, mixer_.format_), index,
                                           pts_ns, mixer_.format_.frame_rate};
                item.source->render_video(context);
                if (std::find(gpu_sources_.begin(), gpu_sources_.end(), item.source) ==
                    gpu_sources_.end()) {
                    gpu_sources_.push_back(item.source);
                }
            }
        }
    }

    /// Draws the scene once without reading it back, so shaders compile and textures upload
    /// before the first deadline rather than as lag on the first frames.
    void warm_up(const std::shared_ptr<const Scene>& scene) {
        render_scene(0, 0, scene);
        converter_.convert(canvas_.texture());
        glFinish();
    }

    /// Repeats the newest picture as frame `index` (a frame that could not be rendered in time).
    void repeat_last(int64_t index, int64_t pts_ns) {
        drain();
        if (!last_ || mixer_.consumers_.empty())
            return;
        auto copy = std::make_shared<VideoFrame>(*last_);
        copy->index = index;
        copy->pts_ns = pts_ns;
        deliver(std::move(copy));
    }

    /// Waits for every readback in flight and delivers it.
    void drain() {
        while (readback_.pending() > 0) {
            if (auto frame = readback_.poll(true))
                deliver(std::move(frame));
        }
    }

private:
    void deliver(std::shared_ptr<VideoFrame> frame) {
        last_ = frame;
        mixer_.consumers_.deliver(frame, frame->index);
    }

    void poll_readbacks() {
        while (auto frame = readback_.poll(false))
            deliver(std::move(frame));
        if (preview_readback_) {
            std::shared_ptr<VideoFrame> newest;
            while (auto frame = preview_readback_->poll(false))
                newest = std::move(frame);
            if (newest)
                mixer_.preview_.store(std::move(newest));
        }
    }

    /// Scales the canvas into the preview target and starts reading it back.
    void render_preview(int64_t index, int64_t pts_ns) {
        const uint64_t size = mixer_.preview_size_.load();
        const int width = int(size >> 32);
        const int height = int(size & 0xffffffffu);
        if (size == 0) {
            preview_readback_.reset();
            preview_target_.reset();
            return;
        }
        if (!preview_target_ || preview_target_->width() != width ||
            preview_target_->height() != height) {
            preview_readback_.reset();
            preview_target_ = std::make_unique<RenderTarget>(GL_RGBA8, width, height);
            preview_readback_ = std::make_unique<ReadbackRing>(PixelFormat::rgba, width, height, 2);
        }
        preview_target_->bind();
        painter_.blit(canvas_.texture());
        preview_readback_->start(*preview_target_, index, pts_ns);
    }

    /// Frees the GPU state of sources the new scene no longer shows.
    void switch_scene(const std::shared_ptr<const Scene>& scene) {
        auto still_used = [&](const std::shared_ptr<Source>& source) {
            return scene &&
                   std::any_of(scene->items.begin(), scene->items.end(),
                               [&](const SceneItem& item) { return item.source == source; });
        };
        std::erase_if(gpu_sources_, [&](const std::shared_ptr<Source>& source) {
            if (still_used(source))
                return false;
            source->release_gpu();
            return true;
        });
        scene_ = scene;
    }

    VideoMixer& mixer_;
    QuadPainter painter_;
    RenderTarget canvas_;
    Nv12Converter converter_;
    ReadbackRing readback_;
    std::unique_ptr<RenderTarget> preview_target_;
    std::unique_ptr<ReadbackRing> preview_readback_;
    std::shared_ptr<const Scene> scene_;
    std::vector<std::shared_ptr<Source>> gpu_sources_;  // sources holding GL objects
    std::shared_ptr<const VideoFrame> last_;
};

void VideoMixer::run(std::shared_future<int64_t> start_time, std::promise<std::string> started) {
    pthread_setname_np(pthread_self(), "lm-video");
    std::unique_ptr<GpuDevice> device;
    std::unique_ptr<RenderLoop> loop;
    try {
        device = GpuDevice::create();
        loop = std::make_unique<RenderLoop>(*this);
        loop->warm_up(scene_.load());
        started.set_value(device->description());
    } catch (...) {
        loop.reset();
        device.reset();
        consumers_.close_all();
        finished_.store(true);
        started.set_exception(std::current_exception());
        return;
    }

    int64_t start_ns = 0;
    try {
        start_ns = start_time.get();
    } catch (const std::future_error&) {
        stop_requested_.store(true);  // the studio gave up before starting
    }
    const Rational frame_duration = format_.frame_rate.inverse();
    auto deadline = [&](int64_t index) {
        return start_ns + rescale(index, frame_duration, kNanoseconds);
    };

    int64_t index = 0;
    while (!stop_requested_.load()) {
        clock::sleep_until_ns(deadline(index));
        const int64_t begin_ns = clock::now_ns();
        loop->render(index, deadline(index) - start_ns, scene_.load());
        render_ns_total_.fetch_add(clock::now_ns() - begin_ns);
        frames_rendered_.fetch_add(1);
        frames_output_.fetch_add(1);
        next_index_.store(++index);
        // Frames whose whole interval has already gone by cannot be rendered in time: repeat
        // the last picture for them (rendering lag) so the output keeps a constant rate.
        while (clock::now_ns() >= deadline(index + 1)) {
            loop->repeat_last(index, deadline(index) - start_ns);
            frames_missed_.fetch_add(1);
            frames_output_.fetch_add(1);
            next_index_.store(++index);
        }
    }
    loop->drain();
    loop.reset();
    device.reset();
    finished_.store(true);
    consumers_.close_all();
}

}  // namespace lm
