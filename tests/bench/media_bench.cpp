// Media decode cost: plays a file through the media source's player as fast as it decodes
// (no mixer pacing) and reports wall time and CPU time per picture, decode plus conversion to
// RGBA included. The upload to the GPU is measured by lm_render_bench's upload case.
//
//   ffmpeg -f lavfi -i testsrc2=size=1920x1080:rate=30 -t 20 -c:v libx264
//          -preset veryfast -b:v 6M -pix_fmt yuv420p clip1080.mp4   (one line)
//   lm_media_bench clip1080.mp4
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "plugins/media/media_player.hpp"

namespace {

double cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: lm_media_bench FILE\n");
        return 2;
    }
    lm::MediaPlayerOptions options;
    options.loop = false;
    options.hardware_decode = false;
    try {
        lm::MediaPlayer player(argv[1], options);
        const auto start = std::chrono::steady_clock::now();
        const double cpu_start = cpu_seconds();
        int pictures = 0;
        while (true) {
            // Take everything decoded so far; the sound is skipped as a mixer would read it.
            for (int64_t due = player.frames().front_time(); due >= 0;
                 due = player.frames().front_time()) {
                player.frames().take_due(due);  // exactly the oldest: every picture counts
                ++pictures;
            }
            player.audio().skip_to(INT64_MAX / 2);
            if (player.decoding_finished() && player.frames().front_time() < 0)
                break;
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
        const double wall =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const double cpu = cpu_seconds() - cpu_start;
        std::printf("%s: %s\n%d pictures in %.2f s: %.2f ms wall and %.2f ms CPU per picture\n",
                    argv[1], player.info().description.c_str(), pictures, wall,
                    1000 * wall / pictures, 1000 * cpu / pictures);
    } catch (const lm::MediaError& error) {
        std::fprintf(stderr, "lm_media_bench: %s\n", error.what());
        return 1;
    }
    return 0;
}
