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
        const double wanted = link_kbps > 0 ? link_kbps * options_.link_share - audio_kbps_
                                            : current_kbps_ * options_.blind_cut;
        if (wanted >= current_kbps_ * 0.95)
            return 0;  // the queue is draining at this rate already
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
    const int step = std::max(1, int(std::lround(target_kbps_ * options_.raise_step)));
    return change_to(now_s, current_kbps_ + step);
}

}  // namespace lm
