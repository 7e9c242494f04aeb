#include "core/video/video_mixer.hpp"

#include <pthread.h>

#include <algorithm>

#include "core/gpu/gpu_device.hpp"
#include "core/gpu/nv12_converter.hpp"
#include "core/gpu/readback_ring.hpp"
#include "core/media/clock.hpp"
#include "core/video/scene_renderer.hpp"
#include "core/video/transition_painter.hpp"

namespace lm {

VideoMixer::VideoMixer(VideoFormat format) : format_(format) {}

VideoMixer::~VideoMixer() {
    stop();
    if (thread_.joinable())
        thread_.join();
}

void VideoMixer::set_scene(std::shared_ptr<const Scene> scene) {
    program_.set_scene(std::move(scene));
}

void VideoMixer::transition_to(std::shared_ptr<const Scene> scene, Transition transition) {
    program_.transition_to(std::move(scene), transition);
}

void VideoMixer::set_studio_preview(std::shared_ptr<const Scene> scene) {
    studio_scene_.store(std::move(scene));
    if (!studio_scene_.load())
        studio_preview_.store(nullptr);
}

void VideoMixer::add_consumer(std::shared_ptr<VideoFrameQueue> queue, int64_t first_index,
                              int64_t end_index) {
    consumers_.add(std::move(queue), first_index, end_index);
}

void VideoMixer::end_consumer(const VideoFrameQueue* queue) {
    consumers_.end_at(queue, ConsumerSet<VideoFramePtr>::kEndNow);
}

void VideoMixer::skip_for_consumer(const VideoFrameQueue* queue, int64_t from, int64_t to) {
    consumers_.skip(queue, from, to);
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

/// A small RGBA copy of a canvas, read back asynchronously into a latest-value mailbox.
class PreviewChannel {
public:
    void render(QuadPainter& painter, const RenderTarget& canvas, uint64_t size, int64_t index,
                int64_t pts_ns) {
        const int width = int(size >> 32);
        const int height = int(size & 0xffffffffu);
        if (size == 0) {
            readback_.reset();
            target_.reset();
            return;
        }
        if (!target_ || target_->width() != width || target_->height() != height) {
            readback_.reset();
            target_ = std::make_unique<RenderTarget>(GL_RGBA8, width, height);
            readback_ = std::make_unique<ReadbackRing>(PixelFormat::rgba, width, height, 2);
        }
        target_->bind();
        painter.blit(canvas.texture());
        readback_->start(*target_, index, pts_ns);
    }

    /// Publishes the newest finished picture into `mailbox`.
    void poll(std::atomic<std::shared_ptr<const VideoFrame>>& mailbox) {
        if (!readback_)
            return;
        std::shared_ptr<VideoFrame> newest;
        while (auto frame = readback_->poll(false))
            newest = std::move(frame);
        if (newest)
            mailbox.store(std::move(newest));
    }

private:
    std::unique_ptr<RenderTarget> target_;
    std::unique_ptr<ReadbackRing> readback_;
};

// Everything that lives on the video thread with the GL context current.
class VideoMixer::RenderLoop {
public:
    RenderLoop(VideoMixer& mixer)
        : mixer_(mixer),
          renderer_(mixer.format_),
          canvas_(GL_RGBA8, mixer.format_.width, mixer.format_.height),
          converter_(mixer.format_.width, mixer.format_.height),
          readback_(mixer.format_.width, mixer.format_.height, 3) {}
    ~RenderLoop() { release_stinger(); }
    RenderLoop(const RenderLoop&) = delete;
    RenderLoop& operator=(const RenderLoop&) = delete;

    /// Draws frame `index`, starts its readbacks (for encoders only while any is listening;
    /// for the previews only while they are on) and delivers whatever readbacks completed.
    void render(int64_t index, int64_t pts_ns) {
        render_program(index, pts_ns);
        if (!mixer_.consumers_.empty()) {
            converter_.convert(canvas_.texture());
            readback_.start(converter_, index, pts_ns);
        }
        const uint64_t preview_size = mixer_.preview_size_.load();
        preview_.render(renderer_.painter(), canvas_, preview_size, index, pts_ns);
        render_studio_preview(preview_size, index, pts_ns);
        poll_readbacks();
    }

    /// Draws the scene once without reading it back, so shaders compile and textures upload
    /// before the first deadline rather than as lag on the first frames.
    void warm_up() {
        render_program(0, 0);
        converter_.convert(canvas_.texture());
        glFinish();
    }

    /// The clock time of frame 0's deadline: frame n was due (and began rendering) at
    /// `origin + pts_ns`.
    void set_clock_origin(int64_t origin_ns) { origin_ns_ = origin_ns; }

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
    /// Takes a new program request, then draws program: one scene, or during a transition
    /// both composed (a stinger's video drawn over them).
    void render_program(int64_t index, int64_t pts_ns) {
        ProgramRequest request = mixer_.program_.get();
        if (request.serial != serial_) {
            serial_ = request.serial;
            if (!request.edit && request.transition.stinger != stinger_drawn_)
                release_stinger();  // another stinger chosen, or none: its GPU state goes
            if (request.edit) {
                // New content for the incoming scene: a running fade goes on.
            } else if (request.transition.kind != Transition::Kind::cut && scene_ &&
                       request.scene != scene_) {
                from_ = scene_;
                transition_ = request.transition;
                transition_start_ns_ = pts_ns;
            } else {
                from_.reset();
            }
            scene_ = std::move(request.scene);
            release_unused();
        }
        const double progress = from_ ? transition_.progress(pts_ns - transition_start_ns_) : 1.0;
        if (from_ && progress >= 1.0) {
            from_.reset();
            release_unused();
        }
        if (!from_) {
            renderer_.draw(canvas_, scene_.get(), index, pts_ns);
            return;
        }
        // Both scenes into their own targets, then the transition composes them.
        if (!outgoing_) {
            outgoing_ = std::make_unique<RenderTarget>(GL_RGBA8, canvas_.width(), canvas_.height());
            incoming_ = std::make_unique<RenderTarget>(GL_RGBA8, canvas_.width(), canvas_.height());
        }
        renderer_.draw(*outgoing_, from_.get(), index, pts_ns);
        renderer_.draw(*incoming_, scene_.get(), index, pts_ns);
        canvas_.bind();
        paint_transition(renderer_.painter(), transition_, progress, outgoing_->texture(),
                         incoming_->texture());
        if (transition_.kind == Transition::Kind::stinger && transition_.stinger) {
            stinger_drawn_ = transition_.stinger;
            draw_stinger(renderer_.painter(), *stinger_drawn_, index, pts_ns - transition_start_ns_,
                         mixer_.format_.frame_rate);
        }
    }

    /// Gives back the GPU state of the stinger drawn last. It is kept between runs, so a
    /// second run does not compile its shader again.
    void release_stinger() {
        if (stinger_drawn_)
            stinger_drawn_->release_gpu();
        stinger_drawn_.reset();
    }

    void render_studio_preview(uint64_t preview_size, int64_t index, int64_t pts_ns) {
        auto scene = mixer_.studio_scene_.load();
        if (scene != studio_scene_) {
            studio_scene_ = scene;
            release_unused();
        }
        if (!studio_scene_ || preview_size == 0) {
            studio_canvas_.reset();
            return;
        }
        if (!studio_canvas_) {
            studio_canvas_ =
                std::make_unique<RenderTarget>(GL_RGBA8, canvas_.width(), canvas_.height());
        }
        renderer_.draw(*studio_canvas_, studio_scene_.get(), index, pts_ns);
        studio_preview_.render(renderer_.painter(), *studio_canvas_, preview_size, index, pts_ns);
    }

    void release_unused() {
        renderer_.release_unused({scene_.get(), from_.get(), studio_scene_.get()});
    }

    void deliver(std::shared_ptr<VideoFrame> frame) {
        frame->rendered_at_ns = origin_ns_ + frame->pts_ns;
        last_ = frame;
        mixer_.consumers_.deliver(frame, frame->index);
    }

    void poll_readbacks() {
        while (auto frame = readback_.poll(false))
            deliver(std::move(frame));
        preview_.poll(mixer_.preview_);
        studio_preview_.poll(mixer_.studio_preview_);
    }

    VideoMixer& mixer_;
    SceneRenderer renderer_;
    RenderTarget canvas_;
    Nv12Converter converter_;
    ReadbackRing readback_;
    PreviewChannel preview_;
    PreviewChannel studio_preview_;
    std::unique_ptr<RenderTarget> outgoing_;       // the outgoing scene during a transition
    std::unique_ptr<RenderTarget> incoming_;       // the incoming scene during a transition
    std::unique_ptr<RenderTarget> studio_canvas_;  // the studio-mode preview scene
    uint64_t serial_ = 0;
    std::shared_ptr<const Scene> scene_;
    std::shared_ptr<const Scene> from_;
    Transition transition_;
    int64_t transition_start_ns_ = 0;
    std::shared_ptr<TransitionOverlay> stinger_drawn_;  // holds GL objects until released
    std::shared_ptr<const Scene> studio_scene_;
    std::shared_ptr<const VideoFrame> last_;
    int64_t origin_ns_ = 0;
};

void VideoMixer::run(std::shared_future<int64_t> start_time, std::promise<std::string> started) {
    pthread_setname_np(pthread_self(), "lm-video");
    std::unique_ptr<GpuDevice> device;
    std::unique_ptr<RenderLoop> loop;
    try {
        device = GpuDevice::create();
        loop = std::make_unique<RenderLoop>(*this);
        loop->warm_up();
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

    loop->set_clock_origin(start_ns);
    int64_t index = 0;
    while (!stop_requested_.load()) {
        clock::sleep_until_ns(deadline(index));
        const int64_t begin_ns = clock::now_ns();
        loop->render(index, deadline(index) - start_ns);
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
