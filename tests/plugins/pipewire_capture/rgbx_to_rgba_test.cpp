#include "plugins/pipewire_capture/rgbx_to_rgba.hpp"

#include <catch2/catch.hpp>

#include <vector>

using namespace lm;

namespace {

uint32_t rgba_at(const VideoFrame& frame, int x, int y) {
    const uint8_t* p = frame.data(0) + y * frame.stride(0) + x * 4;
    return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3];
}

}  // namespace

TEST_CASE("PipeWire pixels become opaque RGBA in either channel order", "[pipewire_capture]") {
    // Two rows of three pixels with padding at the end of each row (stride 16, not 12).
    const std::vector<uint8_t> pixels = {
        0x10, 0x20, 0x30, 0x00, 0xFF, 0x00, 0x00, 0x7F, 0x00, 0x00, 0xFF,
        0x00, 0xEE, 0xEE, 0xEE, 0xEE, 0x01, 0x02, 0x03, 0x04, 0x00, 0xFF,
        0x00, 0x00, 0xAA, 0xBB, 0xCC, 0x00, 0xEE, 0xEE, 0xEE, 0xEE,
    };
    VideoFrame frame(PixelFormat::rgba, 3, 2);

    rgbx_to_rgba(pixels.data(), 16, ChannelOrder::rgb, frame);
    CHECK(rgba_at(frame, 0, 0) == 0x102030FF);
    CHECK(rgba_at(frame, 1, 0) == 0xFF0000FF);  // the producer's alpha (0x7F) does not show
    CHECK(rgba_at(frame, 2, 1) == 0xAABBCCFF);

    rgbx_to_rgba(pixels.data(), 16, ChannelOrder::bgr, frame);
    CHECK(rgba_at(frame, 0, 0) == 0x302010FF);
    CHECK(rgba_at(frame, 1, 0) == 0x0000FFFF);
    CHECK(rgba_at(frame, 2, 0) == 0xFF0000FF);
    CHECK(rgba_at(frame, 0, 1) == 0x030201FF);
    CHECK(rgba_at(frame, 2, 1) == 0xCCBBAAFF);
}
