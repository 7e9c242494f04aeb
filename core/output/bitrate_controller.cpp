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
      current_kbps_(target_kbps),
      sent_ratio_(options.sent_ratio) {}

int BitrateController::change_to(double now_s, int kbps) {
    kbps = std::clamp(kbps, floor_kbps_, target_kbps_);
    if (kbps == current_kbps_)
        return 0;
    change_kbps_ = kbps - current_kbps_;
    current_kbps_ = kbps;
    last_change_s_ = now_s;
    rate_reached_s_ = -1;
    return kbps;
}

int BitrateController::update(double now_s, double buffered_s, double link_kbps, double send_busy,
                              double sent_kbps) {
    const bool settled = now_s - last_change_s_ >= options_.settle_s;
    const double stream_kbps = current_kbps_ + audio_kbps_;
    if (sent_kbps > 0 && now_s - last_change_s_ >= options_.ratio_after_s &&
        buffered_s < options_.raise_below_s && send_busy <= options_.raise_below_busy) {
        sent_ratio_ = std::clamp(0.8 * sent_ratio_ + 0.2 * sent_kbps / stream_kbps, 0.5, 1.1);
    }
    const double reached_kbps =
        sent_ratio_ * (stream_kbps - options_.probe_confirm_share * std::max(0.0, change_kbps_));
    if (rate_reached_s_ < 0 && sent_kbps >= 0 && sent_kbps >= reached_kbps)
        rate_reached_s_ = now_s;
    const bool behind =
        buffered_s >= options_.raise_below_s || send_busy > options_.raise_below_busy;
    if (!behind)
        behind_since_s_ = -1;
    else if (behind_since_s_ < 0)
        behind_since_s_ = now_s;
    // Over a second spent wholly behind, what the destination took is what its link carries.
    // The writer's own measure covers only its last half second and comes out low when the
    // far end reads in bursts.
    double carried_kbps = link_kbps;
    if (behind_since_s_ >= 0 && now_s - behind_since_s_ >= options_.sent_window_s)
        carried_kbps = std::max(carried_kbps, sent_kbps);
    // Blocked nearly all the time at a measured rate below the stream's: the queue is about
    // to grow, whatever it shows yet.
    const bool link_short = send_busy >= options_.lower_at_busy && carried_kbps > 0 &&
                            carried_kbps < options_.lower_below_share * stream_kbps;
    if (buffered_s > options_.lower_above_s || link_short) {
        keeping_up_since_s_ = -1;
        if (!settled)
            return 0;
        // What the link carried, less the audio, with room to drain the queue; without a
        // measurement (the writer was not blocked long enough to measure), a firm step down.
        // The queue holds media sent at about the current rate: draining it in a few seconds
        // takes that much less again, or it grows on while the encoder's own delay passes.
        const double drain = buffered_s * (current_kbps_ + audio_kbps_) / options_.drain_within_s;
        const double wanted = carried_kbps > 0
                                  ? carried_kbps * options_.link_share - audio_kbps_ - drain
                                  : current_kbps_ * options_.blind_cut;
        if (wanted >= current_kbps_ * 0.95)
            return 0;  // the queue is draining at this rate already
        // Not capped at the current rate: a second lowering, while the encoder still
        // catches up with the first, comes below what the link carries.
        ceiling_kbps_ = carried_kbps > 0
                            ? std::min<double>(carried_kbps - audio_kbps_, target_kbps_)
                            : current_kbps_ * options_.link_share;
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
    const bool probing = ceiling_kbps_ > 0 && current_kbps_ + 1 >= ceiling_kbps_;
    // Beyond the ceiling each step is a probe. The one before held only if the destination
    // took its rate and then kept up for a while; until then, wait (within reason: a calm
    // scene may never send that much).
    if (probing && sent_kbps >= 0 &&
        (rate_reached_s_ < 0 || now_s - rate_reached_s_ < options_.raise_after_s)) {
        // A destination taking about what the link is known to carry but not the probe is
        // likely the link at its limit, its buffers hiding the overshoot for a while: wait
        // longer for them to tell. One taking far less is a calm scene that leaves the link
        // untried: step on sooner.
        const bool calm_scene = sent_kbps < 0.9 * sent_ratio_ * (ceiling_kbps_ + audio_kbps_);
        const double wait_s = options_.probe_confirm_max_s * (calm_scene ? 1 : 3);
        if (now_s - last_change_s_ < wait_s)
            return 0;
    }
    keeping_up_since_s_ = now_s;  // the next step waits another full period
    if (!probing) {
        // Straight back to what the link is known to carry: it carried it before the queue
        // grew (without a known rate, a step).
        const double next =
            ceiling_kbps_ > 0 ? ceiling_kbps_ : current_kbps_ + target_kbps_ * options_.raise_step;
        return change_to(now_s, int(std::lround(std::max(next, current_kbps_ + 1.0))));
    }
    // The last probe held, so the link carries at least this much: the limit moves up and
    // the next probe is bolder.
    ceiling_kbps_ = current_kbps_;
    double next = current_kbps_ + probe_kbps_;
    probe_kbps_ *= options_.probe_growth;
    // Less than a first probe short of the target: no probe of its own for that.
    if (next + target_kbps_ * options_.probe_step >= target_kbps_)
        next = target_kbps_;
    return change_to(now_s, int(std::lround(next)));
}

}  // namespace lm
