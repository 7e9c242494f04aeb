#include "plugins/image/decoded_image.hpp"

#include <algorithm>
#include <cmath>

namespace lm {

size_t frame_index_at(const DecodedImage& image, int64_t elapsed_ns,
                      const AnimationPlayback& playback) {
    if (!image.animated() || image.duration_ns <= 0 || elapsed_ns <= 0)
        return 0;
    // Scaling in double keeps hours of play at 10x inside int64 without an overflow check;
    // the rounding error is far below a nanosecond per frame interval.
    const double scaled = std::floor(double(elapsed_ns) * playback.speed_percent / 100.0);
    int64_t position_ns = 0;
    if (playback.loop) {
        position_ns = int64_t(std::fmod(scaled, double(image.duration_ns)));
    } else {
        if (scaled >= double(image.duration_ns))
            return image.frames.size() - 1;
        position_ns = int64_t(scaled);
    }
    const auto after =
        std::upper_bound(image.frame_start_ns.begin(), image.frame_start_ns.end(), position_ns);
    return size_t(after - image.frame_start_ns.begin()) - 1;
}

}  // namespace lm
