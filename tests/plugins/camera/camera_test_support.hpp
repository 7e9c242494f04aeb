// What the camera tests share: a temporary folder, files made with the ffmpeg CLI, and the
// image tests' mixer harness (real video mixer, NV12, BT.709 limited range).
#pragma once

#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/plugins/image/image_test_support.hpp"

namespace lm::test {

inline std::vector<uint8_t> read_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// RGBA of pixel (x, y) of a tightly packed RGBA frame.
inline Rgb8 rgb_at(const VideoFrame& frame, int x, int y) {
    const uint8_t* p = frame.data(0) + y * frame.stride(0) + x * 4;
    return {p[0], p[1], p[2]};
}

inline bool near_rgb(Rgb8 got, Rgb8 want, int tolerance) {
    return std::abs(got.r - want.r) <= tolerance && std::abs(got.g - want.g) <= tolerance &&
           std::abs(got.b - want.b) <= tolerance;
}

inline std::string describe_rgb(Rgb8 c) {
    return std::to_string(c.r) + "," + std::to_string(c.g) + "," + std::to_string(c.b);
}

}  // namespace lm::test
