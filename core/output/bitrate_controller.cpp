#include "core/output/bitrate_controller.hpp"

#include <algorithm>
#include <cmath>

namespace lm {

BitrateController::BitrateController(int target_kbps, int audio_kbps,
                                     BitrateControllerOptions options)
    : options_(options),
      target_kbps_(target_kbps),
      audio_kbps_(audio_kbps),
      floor_kbps_(std::min(
          target_kbps,
          std::max(options.floor_kbps, int(std::lround(target_kbps * options.floor_fraction))))),
      current_kbps_(target_kbps) {}

int BitrateController::change_to(double now_s, int kbps) {
    kbps = std::clamp(kbps, floor_kbps_, target_kbps_);
    if (kbps == current_kbps_)
        return 0;
    current_kbps_ = kbps;
    last_change_s_ = now_s;
    return kbps;
}

int BitrateController::update(double now_s, double buffered_s, double link_kbps, double send_busy) {
    const bool settled = now_s - last_change_s_ >= options_.settle_s;
    if (buffered_s > options_.lower_above_s) {
        keeping_up_since_s_ = -1;
        if (!settled)
            return 0;
        // What the link carried, less the audio, with room to drain the queue; without a
        // measurement (the writer was not blocked long enough to measure), a firm step down.
        // The queue holds media sent at about the current rate: draining it in a few seconds
        // takes that much less again, or it grows on while the encoder's own delay passes.
        const double drain = buffered_s * (current_kbps_ + audio_kbps_) / options_.drain_within_s;
        const double wanted = link_kbps > 0 ? link_kbps * options_.link_share - audio_kbps_ - drain
                                            : current_kbps_ * options_.blind_cut;
        if (wanted >= current_kbps_ * 0.95)
            return 0;  // the queue is draining at this rate already
        ceiling_kbps_ =
            link_kbps > 0 ? link_kbps - audio_kbps_ : current_kbps_ * options_.link_share;
        probe_kbps_ = target_kbps_ * options_.probe_step;
        last_lowering_s_ = now_s;
        return change_to(now_s, int(std::lround(wanted)));
    }
    if (buffered_s >= options_.raise_below_s || send_busy > options_.raise_below_busy) {
        keeping_up_since_s_ = -1;
        return 0;
    }
    if (keeping_up_since_s_ < 0)
        keeping_up_since_s_ = now_s;
    const double wait_s = std::max(options_.raise_after_s,
                                   options_.hold_after_lowering_s - (now_s - last_lowering_s_));
    if (current_kbps_ >= target_kbps_ || !settled || now_s - keeping_up_since_s_ < wait_s) {
        return 0;
    }
    keeping_up_since_s_ = now_s;  // the next step waits another full period
    const double step = target_kbps_ * options_.raise_step;
    if (ceiling_kbps_ <= 0 || current_kbps_ + 1 < ceiling_kbps_) {
        // Quick, up to what the link is known to carry.
        double next = current_kbps_ + step;
        if (ceiling_kbps_ > 0)
            next = std::min(next, ceiling_kbps_);
        return change_to(now_s, int(std::lround(std::max(next, current_kbps_ + 1.0))));
    }
    // Beyond it: a probe. The one before held (a second of calm), so the link carries at
    // least this much: the limit moves up and the next probe is twice as bold.
    ceiling_kbps_ = current_kbps_;
    const int next = int(std::lround(current_kbps_ + probe_kbps_));
    probe_kbps_ *= 2;
    return change_to(now_s, next);
}

}  // namespace lm
