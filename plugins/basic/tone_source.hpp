// A continuous sine tone, for checking levels and routing.
#pragma once

#include "core/scene/source.hpp"

namespace lm {

class ToneSource final : public Source {
public:
    ToneSource(double frequency_hz, double level_dbfs);

    unsigned capabilities() const override { return kAudio; }
    /// Writes the same tone to every channel; the phase is a function of the sample position,
    /// so any tick can be rendered in any order.
    void render_audio(AudioRenderContext& context) override;

private:
    double frequency_hz_;
    double amplitude_;
};

}  // namespace lm
