// Dynamic bitrate: follows what a network destination really carries. When its send queue
// grows (or its writes block at a measured rate below the stream's), the encoder's bitrate
// drops to what the link took over the last second; when the queue stays empty, it climbs
// back towards the creator's target.
//
// OBS lowers on congestion too, but climbs back by 10% every 4 s, so a link that recovers
// after a 50% dip waits about 20 s for full quality. Here, two seconds after lowering and
// once the queue has been empty for one, the rate goes straight back to what the link last
// carried, then probes beyond it with steps that grow fourfold while the link keeps up (10%,
// 40%... of the target): a link that recovered is back at full rate in seconds, one that did
// not is overshot by little. The socket and the
// network hold most of a second of stream before the queue shows a thing, and the encoder
// reaches a new rate only a second or two after it is asked to, so a probe is judged only
// once the destination really takes the probed rate and then kept up for a second.
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
    double hold_after_lowering_s = 2.0;
    /// Without a measured link rate, a lowering multiplies the bitrate by this.
    double blind_cut = 0.5;
    /// A step up, as a fraction of the target, when no rate the link carried is known.
    double raise_step = 0.10;
    /// The first step beyond the rate the link last carried, as a fraction of the target;
    /// each probe that holds makes the next `probe_growth` times larger.
    double probe_step = 0.10;
    double probe_growth = 4.0;
    /// The window over which the caller measures `sent_kbps`.
    double sent_window_s = 1.0;
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
    /// A probe counts as held only once the destination takes the probed rate (video +
    /// audio, less a quarter of the step), and then kept up for `raise_after_s`: the encoder needs
    /// a second or two to reach a new rate (its VBV buffer), and a queue that stayed empty while
    /// the old, lower rate still flowed proves nothing.
    double probe_confirm_share = 0.25;
    /// Encoders stay a little under the rate asked (x264 in CBR by about 5 %): what the
    /// destination takes is compared with the asked rate times the ratio of the two seen
    /// while the rate stood still for `ratio_after_s`, starting from this.
    double sent_ratio = 0.94;
    double ratio_after_s = 3.0;
    /// ... unless the rate is not reached within this long while the destination takes
    /// well under what the link is known to carry (a calm scene may never fill the probe),
    /// or three times this long otherwise (a link at its limit would have shown it by then).
    double probe_confirm_max_s = 4.0;
    /// Lower before any queue shows when the writer is blocked at least this share of its
    /// time and the link measurably carries less than `lower_below_share` of the stream.
    double lower_at_busy = 0.9;
    double lower_below_share = 0.9;
};

/// Pure logic, no threads: OutputGroup's controller thread calls update() a few times a second.
class BitrateController {
public:
    /// `target_kbps`: the creator's video bitrate; `audio_kbps`: what the audio adds beside it.
    BitrateController(int target_kbps, int audio_kbps, BitrateControllerOptions options = {});

    /// One look at the followed destination at time `now_s`: its queued media time, the rate
    /// its link took (0 when unknown: it kept up), the share of time its writer was blocked
    /// and the rate it took packets at over the last second (negative when unknown).
    /// Returns the video bitrate to ask the encoder for, or 0 for no change.
    int update(double now_s, double buffered_s, double link_kbps, double send_busy = 0,
               double sent_kbps = -1);

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
    /// Since when the destination has been behind without a break (-1: it keeps up).
    double behind_since_s_ = -1;
    /// When the destination first took the current rate after the last change (-1: not yet).
    double rate_reached_s_ = -1;
    /// The size of the last change.
    double change_kbps_ = 0;
    /// What the destination takes over what is asked, while the rate stands still.
    double sent_ratio_;
};

}  // namespace lm
