// Dynamic bitrate: follows what a network destination really carries. When its send queue
// grows, the encoder's bitrate drops to what the link took over the last second; when the
// queue stays empty, it climbs back towards the creator's target in steps.
//
// OBS lowers on congestion too, but climbs back by 10% every 4 s, so a link that recovers
// after a 50% dip waits about 20 s for full quality. Here the climb is quick up to the rate
// the link last carried (10% of the target every second of calm), then probes beyond it with
// steps that double while the link keeps up (5%, 10%, 20%... of the target): a link that
// recovered is back at full rate in seconds, one that did not is overshot by little. The
// socket and the network hold most of a second of stream before the queue shows a thing, so
// climbing fast past a known limit would fill them unseen and the queue would grow past the
// drop limit before the controller could answer.
#pragma once

#include <cmath>
#include <cstdint>

namespace lm {

struct BitrateControllerOptions {
    /// Queued media time that means "the link is behind": lower the bitrate.
    double lower_above_s = 0.15;
    /// When lowering, leave room to drain what is queued within this many seconds.
    double drain_within_s = 4.0;
    /// Queued media time below which the link "keeps up": climbing is allowed.
    double raise_below_s = 0.05;
    /// How long the link must keep up before each step up.
    double raise_after_s = 1.0;
    /// After lowering, how long the link must keep up before the first step up: the queue
    /// drains first, and a link still at its limit shows it again meanwhile.
    double hold_after_lowering_s = 3.0;
    /// Without a measured link rate, a lowering multiplies the bitrate by this.
    double blind_cut = 0.5;
    /// Each step up, as a fraction of the target, below the rate the link last carried.
    double raise_step = 0.10;
    /// The first step beyond the rate the link last carried, as a fraction of the target;
    /// each probe that holds doubles the next.
    double probe_step = 0.05;
    /// Share of the measured link rate the stream may take when lowering (TCP and container
    /// overhead, and room for the queue to drain).
    double link_share = 0.85;
    /// The bitrate never goes below this fraction of the target, nor below `floor_kbps`.
    double floor_fraction = 0.15;
    int floor_kbps = 200;
    /// No step up while the writer spent more than this share of its time blocked: the link
    /// is near its capacity even though no queue has formed yet.
    double raise_below_busy = 0.25;
    /// Changes closer together than this wait (the queue needs time to answer one).
    double settle_s = 0.5;
};

/// Pure logic, no threads: OutputGroup's controller thread calls update() a few times a second.
class BitrateController {
public:
    /// `target_kbps`: the creator's video bitrate; `audio_kbps`: what the audio adds beside it.
    BitrateController(int target_kbps, int audio_kbps, BitrateControllerOptions options = {});

    /// One look at the followed destination at time `now_s`: its queued media time, the rate
    /// its link took (0 when unknown: it kept up) and the share of time its writer was blocked.
    /// Returns the video bitrate to ask the encoder for, or 0 for no change.
    int update(double now_s, double buffered_s, double link_kbps, double send_busy = 0);

    int current_kbps() const { return current_kbps_; }
    int target_kbps() const { return target_kbps_; }
    int floor_kbps() const { return floor_kbps_; }
    /// The video rate the link carried when it last fell behind; 0 when none is known.
    int ceiling_kbps() const { return int(std::lround(ceiling_kbps_)); }

private:
    int change_to(double now_s, int kbps);

    const BitrateControllerOptions options_;
    const int target_kbps_;
    const int audio_kbps_;
    const int floor_kbps_;
    int current_kbps_;
    double last_change_s_ = -1e9;
    double last_lowering_s_ = -1e9;
    double keeping_up_since_s_ = -1;
    /// The video rate the link carried when it last fell behind (0: no limit known).
    double ceiling_kbps_ = 0;
    /// The next step beyond the ceiling.
    double probe_kbps_ = 0;
};

}  // namespace lm
