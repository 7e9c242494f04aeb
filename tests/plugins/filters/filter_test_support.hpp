// What the filter tests share: pictures and sounds to filter, filters made through the
// registry (so schemas and defaults are exercised), a GPU rig that draws a source at its own
// size and reads it back, and sound measurements.
#pragma once

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/gpu/gpu_device.hpp"
#include "core/gpu/gpu_test_support.hpp"
#include "core/plugin/plugin_registry.hpp"
#include "core/scene/filtered_source.hpp"
#include "core/scene/scene_collection.hpp"
#include "core/video/frame_painter.hpp"
#include "plugins/filters/filters_types.hpp"

namespace lm::test {

struct Rgba8 {
    uint8_t r = 0;
    uint8_t g = 0;
    uint8_t b = 0;
    uint8_t a = 255;
};

/// A picture from a function of (x, y), straight alpha, drawn through FramePainter as the
/// image and media sources are.
class PictureSource : public Source {
public:
    PictureSource(int width, int height, const std::function<Rgba8(int, int)>& colour_at)
        : width_(width), height_(height) {
        auto frame = std::make_shared<VideoFrame>(PixelFormat::rgba, width, height);
        for (int y = 0; y < height; ++y) {
            for (int x = 0; x < width; ++x) {
                const Rgba8 c = colour_at(x, y);
                uint8_t* p = frame->data(0) + y * frame->stride(0) + x * 4;
                p[0] = c.r;
                p[1] = c.g;
                p[2] = c.b;
                p[3] = c.a;
            }
        }
        frame_ = frame;
    }
    unsigned capabilities() const override { return kVideo; }
    int width() const override { return width_; }
    int height() const override { return height_; }
    void render_video(VideoRenderContext& context) override { painter_.draw(context, frame_); }
    void release_gpu() override { painter_.release(); }

private:
    int width_;
    int height_;
    VideoFramePtr frame_;
    FramePainter painter_;
};

inline std::shared_ptr<Source> solid(int width, int height, Rgba8 colour) {
    return std::make_shared<PictureSource>(width, height, [colour](int, int) { return colour; });
}

/// Sound from a function of the stream sample, the same on every channel.
class SoundSource : public Source {
public:
    explicit SoundSource(std::function<float(int64_t)> sample_at) : at_(std::move(sample_at)) {}
    unsigned capabilities() const override { return kAudio; }
    void render_audio(AudioRenderContext& context) override {
        for (int c = 0; c < context.out.channels; ++c) {
            auto channel = context.out.channel(c);
            for (int i = 0; i < context.out.frames; ++i)
                channel[i] = at_(context.start_sample + i);
        }
    }

private:
    std::function<float(int64_t)> at_;
};

inline double dbfs(double level) {
    return std::pow(10.0, level / 20.0);
}

inline std::shared_ptr<Source> sine(double amplitude, double frequency_hz = 440) {
    return std::make_shared<SoundSource>([=](int64_t n) {
        return float(amplitude * std::sin(2 * M_PI * frequency_hz * double(n) / kAudioSampleRate));
    });
}

/// The registry with this plugin's filter types.
inline const PluginRegistry& filter_registry() {
    static const PluginRegistry registry = [] {
        PluginRegistry r;
        register_filter_types(r);
        return r;
    }();
    return registry;
}

/// `source` with one filter of `type`, made through the registry from `settings`.
inline std::shared_ptr<Source> filtered(std::shared_ptr<Source> source, const std::string& type,
                                        const nlohmann::json& settings) {
    return with_filters(std::move(source), {{"f", type, true, settings}}, filter_registry());
}

/// Premultiplied RGBA read back from the GPU, row 0 at the top.
struct Picture {
    int width = 0;
    int height = 0;
    std::vector<uint8_t> rgba;
    Rgba8 at(int x, int y) const {
        const uint8_t* p = pixel_at(rgba, width, x, y);
        return {p[0], p[1], p[2], p[3]};
    }
};

/// A GL context with a quad painter; draws sources at their own size onto a transparent
/// target. Releases the sources' GL objects before the context goes.
class GpuRig {
public:
    GpuRig() : device_(GpuDevice::create()), painter_(std::make_unique<QuadPainter>()) {}
    ~GpuRig() {
        for (const auto& source : drawn_)
            source->release_gpu();
        painter_.reset();
    }
    GpuRig(const GpuRig&) = delete;
    GpuRig& operator=(const GpuRig&) = delete;

    Picture draw(const std::shared_ptr<Source>& source, int64_t pts_ns = 0) {
        drawn_.push_back(source);
        const int width = source->width();
        const int height = source->height();
        REQUIRE(width > 0);
        REQUIRE(height > 0);
        RenderTarget target(GL_RGBA8, width, height);
        target.bind();
        glClearColor(0, 0, 0, 0);
        glClear(GL_COLOR_BUFFER_BIT);
        QuadGeometry geometry;
        geometry.canvas_width = geometry.source_width = float(width);
        geometry.canvas_height = geometry.source_height = float(height);
        geometry.source_rect = {0, 0, float(width), float(height)};
        VideoRenderContext context{*painter_, geometry, 0, pts_ns, {30, 1}};
        source->render_video(context);
        REQUIRE(glGetError() == GL_NO_ERROR);
        return {width, height, read_rgba(target)};
    }

private:
    std::unique_ptr<GpuDevice> device_;
    std::unique_ptr<QuadPainter> painter_;
    std::vector<std::shared_ptr<Source>> drawn_;
};

/// Checks a pixel against the expected premultiplied RGBA, each channel within `margin`.
inline void check_pixel(const Picture& picture, int x, int y, Rgba8 want, int margin = 1) {
    const Rgba8 got = picture.at(x, y);
    INFO("pixel (" << x << ", " << y << "): got " << int(got.r) << " " << int(got.g) << " "
                   << int(got.b) << " " << int(got.a) << ", want " << int(want.r) << " "
                   << int(want.g) << " " << int(want.b) << " " << int(want.a));
    CHECK(std::abs(int(got.r) - int(want.r)) <= margin);
    CHECK(std::abs(int(got.g) - int(want.g)) <= margin);
    CHECK(std::abs(int(got.b) - int(want.b)) <= margin);
    CHECK(std::abs(int(got.a) - int(want.a)) <= margin);
}

/// Runs `source` for `ticks` audio ticks of two channels and returns channel 0, all of it.
inline std::vector<float> play(Source& source, int ticks) {
    std::vector<float> out;
    AudioBlock block(2, kAudioTickFrames);
    for (int tick = 0; tick < ticks; ++tick) {
        std::fill(block.samples.begin(), block.samples.end(), 0.0f);
        AudioRenderContext context{int64_t(tick) * kAudioTickFrames, block};
        source.render_audio(context);
        const auto channel = block.channel(0);
        out.insert(out.end(), channel.begin(), channel.end());
    }
    return out;
}

inline double peak(const std::vector<float>& samples, size_t from = 0) {
    double p = 0;
    for (size_t i = from; i < samples.size(); ++i)
        p = std::max(p, double(std::abs(samples[i])));
    return p;
}

inline double rms(const std::vector<float>& samples, size_t from = 0) {
    double sum = 0;
    for (size_t i = from; i < samples.size(); ++i)
        sum += double(samples[i]) * samples[i];
    return std::sqrt(sum / double(samples.size() - from));
}

inline double to_db(double level) {
    return 20.0 * std::log10(std::max(level, 1e-12));
}

/// A fresh folder under /tmp, removed with what is in it at the end of the test.
class TempDir {
public:
    TempDir() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "lm-filters-test-XXXXXX").string();
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

/// Polls `condition` every 20 ms for up to `seconds`; whether it became true.
inline bool eventually(const std::function<bool()>& condition, double seconds = 5) {
    for (int i = 0; i < int(seconds * 50); ++i) {
        if (condition())
            return true;
        ::usleep(20'000);
    }
    return condition();
}

inline void write_file(const std::filesystem::path& path, const std::string& text) {
    std::ofstream file(path, std::ios::binary);
    file << text;
    REQUIRE(file.good());
}

}  // namespace lm::test
