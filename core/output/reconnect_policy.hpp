// When a network destination drops, how soon and how often to try again.
#pragma once

#include <algorithm>
#include <cmath>

namespace lm {

/// Exponential backoff with jitter: the first attempt after `first_delay_s`, each next wait
/// `growth` times longer, never longer than `max_delay_s`. Jitter only shortens a wait (by up
/// to `jitter` of it), so many studios that lost the same server do not come back in step,
/// and no wait exceeds the cap.
///
/// The cap is short on purpose (2.5 s): after an outage the stream should be back within
/// seconds of the server, and one TCP connect every few seconds costs a server nothing. OBS
/// caps at 15 minutes, so a stream can stay down long after the server is back.
struct ReconnectPolicy {
    int max_attempts = 100;  ///< 0: never reconnect (the destination fails at the first drop)
    double first_delay_s = 2.0;
    double growth = 1.5;
    double max_delay_s = 2.5;
    double jitter = 0.2;
    /// A connection the server closes sooner than this after opening was refused, not lost
    /// (a wrong stream key: the server hangs up when the publish arrives). The first one
    /// fails the destination with the reason; later ones count as failed attempts.
    double stable_after_s = 3.0;

    /// The wait before attempt `attempt` (1-based), with `random01` a uniform value in [0, 1).
    double delay_s(int attempt, double random01) const {
        const double grown = first_delay_s * std::pow(growth, std::max(0, attempt - 1));
        const double capped = std::min(grown, max_delay_s);
        return capped * (1.0 - jitter * std::clamp(random01, 0.0, 1.0));
    }
};

}  // namespace lm
