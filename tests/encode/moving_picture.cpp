#include "tests/encode/moving_picture.hpp"

#include <algorithm>
#include <cmath>
#include <random>

namespace lm::test {
namespace {

uint8_t clamp_luma(int value) {
    return static_cast<uint8_t>(std::clamp(value, 16, 235));
}

// A triangle wave 0..255..0 with period 512: gradients that move without a hard wrap edge.
int triangle(int position) {
    const int p = ((position % 512) + 512) % 512;
    return p < 256 ? p : 511 - p;
}

}  // namespace

MovingPicture::MovingPicture(int width, int height)
    : width_(width), height_(height), grain_(static_cast<size_t>(width) * height * 2) {
    std::minstd_rand random(20261204);
    for (int8_t& g : grain_)
        g = static_cast<int8_t>(static_cast<int>(random() % 17) - 8);
}

VideoFramePtr MovingPicture::frame(int64_t index) const {
    auto frame = std::make_shared<VideoFrame>(PixelFormat::nv12, width_, height_);
    frame->index = index;
    const int t = static_cast<int>(index);
    // Two gradients moving in different directions and speeds, like a slow pan over a
    // lit scene, plus a box sliding across: motion estimation has real work to do.
    std::vector<int> column(static_cast<size_t>(width_));
    for (int x = 0; x < width_; ++x)
        column[static_cast<size_t>(x)] = triangle(x + 5 * t) / 2;
    const int box_size = height_ / 4;
    const int box_x = (t * 12) % std::max(1, width_ - box_size);
    const int box_y = height_ / 2 +
                      static_cast<int>(std::lround((height_ / 4) * std::sin(t / 15.0))) -
                      box_size / 2;
    const size_t grain_offset = (static_cast<size_t>(index) * 7919 * 13) %
                                (grain_.size() - static_cast<size_t>(width_) * height_);
    const int8_t* grain = grain_.data() + grain_offset;
    for (int y = 0; y < height_; ++y) {
        uint8_t* row = frame->data(0) + static_cast<ptrdiff_t>(y) * frame->stride(0);
        const int vertical = triangle(2 * y - 3 * t) / 2;
        const bool in_box_rows = y >= box_y && y < box_y + box_size;
        for (int x = 0; x < width_; ++x) {
            int value = 16 + column[static_cast<size_t>(x)] + vertical / 2 + grain[x];
            if (in_box_rows && x >= box_x && x < box_x + box_size)
                value = 200 + grain[x];
            row[x] = clamp_luma(value);
        }
        grain += width_;
    }
    for (int y = 0; y < height_ / 2; ++y) {
        uint8_t* row = frame->data(1) + static_cast<ptrdiff_t>(y) * frame->stride(1);
        for (int x = 0; x < width_ / 2; ++x) {
            row[2 * x] = static_cast<uint8_t>(64 + triangle(2 * x + 3 * t) / 2);
            row[2 * x + 1] = static_cast<uint8_t>(64 + triangle(3 * y - 2 * t) / 2);
        }
    }
    return frame;
}

double luma_psnr(const VideoFrame& a, const uint8_t* b, int b_stride) {
    double squared = 0;
    int64_t count = 0;
    for (int y = 0; y < a.height(); y += 4) {
        const uint8_t* row_a = a.data(0) + static_cast<ptrdiff_t>(y) * a.stride(0);
        const uint8_t* row_b = b + static_cast<ptrdiff_t>(y) * b_stride;
        for (int x = 0; x < a.width(); ++x) {
            const int d = int(row_a[x]) - int(row_b[x]);
            squared += d * d;
        }
        count += a.width();
    }
    const double mse = squared / static_cast<double>(count);
    return mse == 0 ? 99.0 : 10.0 * std::log10(255.0 * 255.0 / mse);
}

}  // namespace lm::test
