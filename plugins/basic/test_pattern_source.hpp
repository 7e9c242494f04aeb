// The test pattern: moving colour bars, a frame counter, the running stream time, and a sync
// marker — a full-frame white flash on the first frame at or after every whole second of
// stream time, and a beep of 100 ms starting exactly at that second. Watching (or measuring)
// flash against beep shows the A/V sync of everything downstream.
#pragma once

#include <memory>

#include "core/gpu/gl_objects.hpp"
#include "core/scene/source.hpp"

namespace lm {

struct TestPatternSettings {
    int width = 1280;
    int height = 720;
    bool beep = true;
    double beep_frequency_hz = 1000;
    double beep_level_dbfs = -6;
    int beep_duration_ms = 100;
};

class TestPatternSource final : public Source {
public:
    explicit TestPatternSource(const TestPatternSettings& settings);

    unsigned capabilities() const override { return kVideo | kAudio; }
    int width() const override { return settings_.width; }
    int height() const override { return settings_.height; }
    void render_video(VideoRenderContext& context) override;
    void release_gpu() override {
        flat_program_.reset();
        ramp_program_.reset();
        panel_program_.reset();
    }
    void render_audio(AudioRenderContext& context) override;

    /// Whether output frame `index` at `frame_rate` carries the flash: the first frame whose
    /// time is at or after a whole second (every fps-th frame at integer rates).
    static bool is_flash_frame(int64_t index, Rational frame_rate);

private:
    TestPatternSettings settings_;
    double beep_amplitude_;
    std::unique_ptr<GlProgram> flat_program_;   // video thread only
    std::unique_ptr<GlProgram> ramp_program_;   // video thread only
    std::unique_ptr<GlProgram> panel_program_;  // video thread only
};

}  // namespace lm
