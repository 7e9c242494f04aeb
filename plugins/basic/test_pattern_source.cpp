#include "plugins/basic/test_pattern_source.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/audio/audio_meter.hpp"
#include "core/media/clock.hpp"
#include "plugins/basic/test_pattern_shader.hpp"

namespace lm {

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
    if (!background_program_) {
        background_program_ = context.painter.make_program(kTestPatternBackgroundShader);
        panel_program_ = context.painter.make_program(kTestPatternPanelShader);
    }
    const bool flash = is_flash_frame(context.frame_index, context.frame_rate);
    const float width = float(settings_.width);
    const float height = float(settings_.height);
    background_program_->use();
    background_program_->set("u_size", width, height);
    // Reduce before converting to float so the motion stays smooth after days of streaming.
    background_program_->set("u_time_s",
                             float(double(context.pts_ns % (3600 * clock::kNsPerSecond)) / 1e9));
    background_program_->set("u_flash", flash ? 1 : 0);
    context.painter.draw(*background_program_, context.geometry);
    if (flash)
        return;

    // The panel is drawn as the sub-rectangle of the source it covers (clipped by the crop),
    // so only those pixels pay for the digits.
    const float unit = height / 720.0f;
    const float x0 = 0.5f * (width - kTestPatternPanelWidth * unit);
    const float y0 = 0.5f * (height - kTestPatternPanelHeight * unit);
    QuadGeometry panel = context.geometry;
    const auto& visible = context.geometry.source_rect;
    panel.source_rect = {std::max(visible[0], x0), std::max(visible[1], y0),
                         std::min(visible[2], x0 + kTestPatternPanelWidth * unit),
                         std::min(visible[3], y0 + kTestPatternPanelHeight * unit)};
    if (panel.source_rect[0] >= panel.source_rect[2] ||
        panel.source_rect[1] >= panel.source_rect[3]) {
        return;
    }
    panel_program_->use();
    panel_program_->set("u_panel_origin", x0, y0);
    panel_program_->set("u_unit", unit);
    panel_program_->set("u_frame", int(context.frame_index % 10'000'000));
    panel_program_->set("u_time_ms", int((context.pts_ns / clock::kNsPerMs) % (100LL * 3'600'000)));
    context.painter.draw(*panel_program_, panel);
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
