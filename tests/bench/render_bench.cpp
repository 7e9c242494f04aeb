// lm_render_bench: the video thread's per-frame GPU work, measured.
//
// Each frame composites three quads (a full-frame procedural pattern, a half-size textured
// quad, a small translucent overlay), converts the canvas to NV12 and starts its readback
// through a ReadbackRing, taking whatever readbacks have finished, as the mixer does. Prints
// wall-clock and CPU time per frame (mean, p50, p95) for 1280x720 and 1920x1080 ("all"), and
// again for conversion and readback alone of a canvas drawn once ("conv+read").
//
//   lm_render_bench [--frames N] [--warmup N]      (defaults: 300 frames, 20 warm-up frames)
//
// CPU time is given twice: the render thread's own, and the whole process' (on llvmpipe the
// rasteriser threads do most of the work, LP_NUM_THREADS of them).
#include <epoxy/gl.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <numeric>
#include <string>
#include <vector>

#include "core/gpu/gpu_device.hpp"
#include "core/gpu/nv12_converter.hpp"
#include "core/gpu/quad_painter.hpp"

namespace {

constexpr const char* kPatternShader = R"(#version 330 core
in vec2 v_source_px;
in vec2 v_uv;
uniform float u_time_s;
out vec4 frag_color;
void main() {
    vec2 c = v_uv - 0.5;
    float rings = 0.5 + 0.5 * sin(40.0 * length(c) - 6.0 * u_time_s);
    frag_color = vec4(v_uv.x, rings, v_uv.y, 1.0);
}
)";

constexpr const char* kImageShader = R"(#version 330 core
in vec2 v_source_px;
in vec2 v_uv;
uniform sampler2D u_image;
out vec4 frag_color;
void main() { frag_color = texture(u_image, v_uv); }
)";

constexpr const char* kOverlayShader = R"(#version 330 core
in vec2 v_source_px;
in vec2 v_uv;
out vec4 frag_color;
void main() { frag_color = vec4(0.0, 0.0, 0.6, 0.6); }  // premultiplied translucent blue
)";

double seconds_of(clockid_t clock) {
    timespec ts{};
    clock_gettime(clock, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

struct Stats {
    double mean_ms = 0;
    double p50_ms = 0;
    double p95_ms = 0;
};

Stats summarise(std::vector<double> ms) {
    std::sort(ms.begin(), ms.end());
    const auto at = [&](double q) {
        return ms[std::min(ms.size() - 1, static_cast<size_t>(q * static_cast<double>(ms.size())))];
    };
    return {std::accumulate(ms.begin(), ms.end(), 0.0) / static_cast<double>(ms.size()), at(0.5),
            at(0.95)};
}

lm::QuadGeometry place(float canvas_w, float canvas_h, float source_w, float source_h, float x,
                       float y, float scale) {
    lm::QuadGeometry g;
    g.source_to_canvas = {scale, 0, 0, 0, scale, 0, x, y, 1};
    g.canvas_width = canvas_w;
    g.canvas_height = canvas_h;
    g.source_width = source_w;
    g.source_height = source_h;
    g.source_rect = {0, 0, source_w, source_h};
    return g;
}

struct Result {
    Stats wall;
    Stats thread_cpu;
    Stats process_cpu;
    double fps = 0;
    int64_t received = 0;
};

// What each measured frame does.
enum class Work {
    composite_convert_readback = 1,  ///< the mixer's whole frame
    convert_readback,                ///< the same canvas every frame, to isolate conversion
};

Result run(int width, int height, int frames, int warmup, Work work) {
    lm::QuadPainter painter;
    lm::RenderTarget canvas(GL_RGBA8, width, height);
    lm::Nv12Converter converter(width, height);
    lm::ReadbackRing ring(width, height, 3);
    auto pattern = painter.make_program(kPatternShader);
    auto image_program = painter.make_program(kImageShader);
    auto overlay = painter.make_program(kOverlayShader);

    // A still image source at the canvas size, shown at half size in the middle.
    lm::GlTexture image(GL_RGBA8, width, height);
    std::vector<uint8_t> pixels(static_cast<size_t>(width) * height * 4);
    for (size_t i = 0; i < pixels.size(); ++i) {
        pixels[i] = static_cast<uint8_t>((i * 31) >> 4);
    }
    image.upload(pixels.data());

    const auto w = static_cast<float>(width);
    const auto h = static_cast<float>(height);
    const lm::QuadGeometry full = place(w, h, w, h, 0, 0, 1);
    const lm::QuadGeometry half = place(w, h, w, h, w / 4, h / 4, 0.5f);
    const lm::QuadGeometry small = place(w, h, w / 5, h / 10, w / 20, h * 0.85f, 1);

    std::vector<double> wall_ms;
    std::vector<double> thread_ms;
    std::vector<double> process_ms;
    int64_t received = 0;
    const double start_wall = seconds_of(CLOCK_MONOTONIC);
    double measured_from = start_wall;
    for (int i = 0; i < warmup + frames; ++i) {
        if (i == warmup) {
            measured_from = seconds_of(CLOCK_MONOTONIC);
        }
        const double wall0 = seconds_of(CLOCK_MONOTONIC);
        const double thread0 = seconds_of(CLOCK_THREAD_CPUTIME_ID);
        const double process0 = seconds_of(CLOCK_PROCESS_CPUTIME_ID);

        if (work == Work::composite_convert_readback || i == 0) {
            canvas.bind();
            glClearColor(0, 0, 0, 1);
            glClear(GL_COLOR_BUFFER_BIT);
            pattern->use();
            pattern->set("u_time_s", static_cast<float>(i) / 30.0f);
            painter.draw(*pattern, full);
            image_program->use();
            image_program->set("u_image", 0);
            glActiveTexture(GL_TEXTURE0);
            glBindTexture(GL_TEXTURE_2D, image.id());
            painter.draw(*image_program, half);
            overlay->use();
            painter.draw(*overlay, small);
        }
        converter.convert(canvas.texture());
        ring.start(converter, i, static_cast<int64_t>(i) * 33'333'333);
        while (ring.poll(false)) {
            ++received;
        }

        if (i >= warmup) {
            wall_ms.push_back((seconds_of(CLOCK_MONOTONIC) - wall0) * 1e3);
            thread_ms.push_back((seconds_of(CLOCK_THREAD_CPUTIME_ID) - thread0) * 1e3);
            process_ms.push_back((seconds_of(CLOCK_PROCESS_CPUTIME_ID) - process0) * 1e3);
        }
    }
    while (ring.poll(true)) {
        ++received;
    }
    const double elapsed_s = seconds_of(CLOCK_MONOTONIC) - measured_from;

    Result result;
    result.wall = summarise(wall_ms);
    result.thread_cpu = summarise(thread_ms);
    result.process_cpu = summarise(process_ms);
    result.fps = frames / elapsed_s;
    result.received = received;
    return result;
}

}  // namespace

int main(int argc, char** argv) {
    int frames = 300;
    int warmup = 20;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--frames") == 0) {
            frames = std::max(1, std::atoi(argv[i + 1]));
        } else if (std::strcmp(argv[i], "--warmup") == 0) {
            warmup = std::max(0, std::atoi(argv[i + 1]));
        } else {
            fmt::print(stderr, "usage: {} [--frames N] [--warmup N]\n", argv[0]);
            return 2;
        }
    }
    try {
        auto device = lm::GpuDevice::create();
        const char* lp_threads = std::getenv("LP_NUM_THREADS");
        fmt::print("device: {}\nLP_NUM_THREADS: {}\nframes: {} (after {} warm-up)\n\n",
                   device->description(), lp_threads ? lp_threads : "(unset)", frames, warmup);
        fmt::print("{:>19} | {:^23} | {:^23} | {:^23} | {:>6}\n", "", "wall ms",
                   "render-thread CPU ms", "process CPU ms", "");
        fmt::print("{:>19} | {:>7}{:>8}{:>8} | {:>7}{:>8}{:>8} | {:>7}{:>8}{:>8} | {:>6}\n",
                   "size, work", "mean", "p50", "p95", "mean", "p50", "p95", "mean", "p50", "p95",
                   "fps");
        for (const auto& [width, height] : {std::pair{1280, 720}, std::pair{1920, 1080}}) {
            for (const Work work : {Work::composite_convert_readback, Work::convert_readback}) {
                const Result r = run(width, height, frames, warmup, work);
                if (r.received != warmup + frames) {
                    fmt::print(stderr, "lost frames: {} of {} came back\n", r.received,
                               warmup + frames);
                    return 1;
                }
                const char* label = work == Work::convert_readback ? "conv+read" : "all";
                fmt::print(
                    "{:>19} | {:7.2f}{:8.2f}{:8.2f} | {:7.2f}{:8.2f}{:8.2f} | "
                    "{:7.2f}{:8.2f}{:8.2f} | {:6.1f}\n",
                    fmt::format("{}x{} {}", width, height, label), r.wall.mean_ms, r.wall.p50_ms,
                    r.wall.p95_ms, r.thread_cpu.mean_ms, r.thread_cpu.p50_ms, r.thread_cpu.p95_ms,
                    r.process_cpu.mean_ms, r.process_cpu.p50_ms, r.process_cpu.p95_ms, r.fps);
            }
        }
    } catch (const std::exception& e) {
        fmt::print(stderr, "lm_render_bench: {}\n", e.what());
        return 1;
    }
    return 0;
}
