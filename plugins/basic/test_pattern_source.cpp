#include "plugins/basic/test_pattern_source.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/audio/audio_meter.hpp"
#include "core/media/clock.hpp"
#include "plugins/basic/test_pattern_shader.hpp"

namespace lm {
namespace {

/// Digit codes of the two read-out lines: "0001234" (frame) and "HH:MM:SS.mmm" (10 = colon,
/// 11 = point).
void set_panel_text(GlProgram& program, int64_t frame_index, int64_t pts_ns) {
    auto digits = [](int64_t value, int count, int* out) {
        for (int i = count - 1; i >= 0; --i, value /= 10)
            out[i] = int(value % 10);
    };
    int line1[7];
    digits(frame_index % 10'000'000, 7, line1);
    const int64_t ms = pts_ns / clock::kNsPerMs;
    int line2[12];
    digits(ms / 3'600'000 % 100, 2, line2);
    line2[2] = 10;
    digits(ms / 60'000 % 60, 2, line2 + 3);
    line2[5] = 10;
    digits(ms / 1000 % 60, 2, line2 + 6);
    line2[8] = 11;
    digits(ms % 1000, 3, line2 + 9);
    glUniform1iv(glGetUniformLocation(program.id(), "u_line1"), 7, line1);
    glUniform1iv(glGetUniformLocation(program.id(), "u_line2"), 12, line2);
}

}  // namespace

TestPatternSource::TestPatternSource(const TestPatternSettings& settings)
    : settings_(settings), beep_amplitude_(dbfs_to_amplitude(settings.beep_level_dbfs)) {}

bool TestPatternSource::is_flash_frame(int64_t index, Rational frame_rate) {
    if (index <= 0)
        return index == 0;
    // Frame n starts at n * den / num seconds. It is the first frame at or after second k when
    // (n-1) * den < k * num <= n * den, i.e. when floor(n * den / num) steps up at n.
    return index * frame_rate.den / frame_rate.num > (index - 1) * frame_rate.den / frame_rate.num;
}

void TestPatternSource::render_video(VideoRenderContext& context) {
    if (!flat_program_) {
        flat_program_ = context.painter.make_program(kTestPatternFlatShader);
        ramp_program_ = context.painter.make_program(kTestPatternRampShader);
        panel_program_ = context.painter.make_program(kTestPatternPanelShader);
    }
    const auto& visible = context.geometry.source_rect;
    // Draws the part of the source rectangle (x0, y0)-(x1, y1) that the item's crop shows.
    auto draw_rect = [&](GlProgram& program, float x0, float y0, float x1, float y1) {
        QuadGeometry part = context.geometry;
        part.source_rect = {std::max(visible[0], x0), std::max(visible[1], y0),
                            std::min(visible[2], x1), std::min(visible[3], y1)};
        if (part.source_rect[0] < part.source_rect[2] &&
            part.source_rect[1] < part.source_rect[3]) {
            context.painter.draw(program, part, QuadPainter::Blend::replace);  // all opaque
        }
    };
    auto fill = [&](float r, float g, float b, float x0, float y0, float x1, float y1) {
        flat_program_->use();
        flat_program_->set("u_color", r, g, b, 1.0f);
        draw_rect(*flat_program_, x0, y0, x1, y1);
    };
    const float width = float(settings_.width);
    const float height = float(settings_.height);
    if (is_flash_frame(context.frame_index, context.frame_rate)) {
        fill(1, 1, 1, 0, 0, width, height);
        return;
    }

    // 75% bars (white, yellow, cyan, green, magenta, red, blue, black) scrolling left by one
    // bar width per second. The time is reduced first so it stays exact as a float for days.
    const double seconds = double(context.pts_ns % (3600 * clock::kNsPerSecond)) / 1e9;
    const float bar_width = width / 8;
    const float shift = float(std::fmod(seconds * bar_width, double(width)));
    const float bars_bottom = std::round(height * 0.82f);
    for (int j = 0; j < 16; ++j) {
        const int bar = j % 8;
        const float x0 = float(j) * bar_width - shift;
        const float on = 0.75f;
        fill((bar >> 1) % 2 == 0 ? on : 0, bar < 4 ? on : 0, bar % 2 == 0 ? on : 0,
             std::max(0.0f, x0), 0, std::min(width, x0 + bar_width), bars_bottom);
    }

    // The grey ramp, with a red marker sweeping across it every four seconds.
    ramp_program_->use();
    draw_rect(*ramp_program_, 0, bars_bottom, width, height);
    const float unit = height / 720.0f;
    const float sweep = float(std::fmod(seconds / 4, 1.0)) * width;
    fill(0.9f, 0.1f, 0.1f, sweep - 6 * unit, bars_bottom, sweep + 6 * unit, height);

    // The read-out panel: only these pixels pay for the digits.
    const float x0 = 0.5f * (width - kTestPatternPanelWidth * unit);
    const float y0 = 0.5f * (height - kTestPatternPanelHeight * unit);
    panel_program_->use();
    panel_program_->set("u_panel_origin", x0, y0);
    panel_program_->set("u_unit", unit);
    set_panel_text(*panel_program_, context.frame_index, context.pts_ns);
    draw_rect(*panel_program_, x0, y0, x0 + kTestPatternPanelWidth * unit,
              y0 + kTestPatternPanelHeight * unit);
}

void TestPatternSource::render_audio(AudioRenderContext& context) {
    if (!settings_.beep)
        return;
    AudioBlock& out = context.out;
    const int64_t beep_samples = int64_t(settings_.beep_duration_ms) * kAudioSampleRate / 1000;
    for (int i = 0; i < out.frames; ++i) {
        const int64_t sample = context.start_sample + i;
        if (sample < 0)
            continue;
        const int64_t into_second = sample % kAudioSampleRate;
        if (into_second >= beep_samples)
            continue;
        const double cycles =
            std::fmod(double(into_second) * settings_.beep_frequency_hz / kAudioSampleRate, 1.0);
        const float value = float(beep_amplitude_ * std::sin(2 * std::numbers::pi * cycles));
        for (int c = 0; c < out.channels; ++c)
            out.channel(c)[i] = value;
    }
}

}  // namespace lm
