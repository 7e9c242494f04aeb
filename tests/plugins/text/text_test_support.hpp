// Helpers for the text tests: reading pixels of a rendered (premultiplied RGBA) picture,
// finding where the ink is, temp folders and files, and waiting for a condition.
#pragma once

#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <thread>

#include "core/media/video_frame.hpp"

namespace lm::test {

struct Rgba {
    int r = 0;
    int g = 0;
    int b = 0;
    int a = 0;
};

inline Rgba pixel(const VideoFrame& frame, int x, int y) {
    const uint8_t* p = frame.data(0) + std::ptrdiff_t(y) * frame.stride(0) + 4 * x;
    return {p[0], p[1], p[2], p[3]};
}

/// Pixels for which `predicate` holds.
inline int count_pixels(const VideoFrame& frame, const std::function<bool(Rgba)>& predicate) {
    int count = 0;
    for (int y = 0; y < frame.height(); ++y) {
        for (int x = 0; x < frame.width(); ++x)
            count += predicate(pixel(frame, x, y)) ? 1 : 0;
    }
    return count;
}

/// The smallest rectangle holding every pixel for which `predicate` holds (x1, y1 inclusive);
/// x0 > x1 when there is none.
struct PixelBox {
    int x0 = 1 << 30;
    int y0 = 1 << 30;
    int x1 = -1;
    int y1 = -1;
    bool empty() const { return x0 > x1; }
    double centre_x() const { return (x0 + x1) / 2.0; }
};

inline PixelBox box_of(const VideoFrame& frame, const std::function<bool(Rgba)>& predicate) {
    PixelBox box;
    for (int y = 0; y < frame.height(); ++y) {
        for (int x = 0; x < frame.width(); ++x) {
            if (!predicate(pixel(frame, x, y)))
                continue;
            box.x0 = std::min(box.x0, x);
            box.y0 = std::min(box.y0, y);
            box.x1 = std::max(box.x1, x);
            box.y1 = std::max(box.y1, y);
        }
    }
    return box;
}

inline bool is_ink(Rgba p) {
    return p.a > 128;
}

/// A folder under /tmp, removed with everything in it.
class TempDir {
public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "lm-text-XXXXXX").string();
        path_ = ::mkdtemp(pattern.data());
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

inline void write_file(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
}

/// Polls `condition` every 20 ms until it holds or `timeout` passes; returns its last value.
inline bool eventually(const std::function<bool()>& condition,
                       std::chrono::milliseconds timeout = std::chrono::milliseconds(2000)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

}  // namespace lm::test
