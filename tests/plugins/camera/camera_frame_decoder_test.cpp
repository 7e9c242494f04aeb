// The decoder the capture thread uses, fed frames made by the ffmpeg CLI the way a camera
// sends them: one JPEG per frame (MJPEG) and raw packed YUYV 4:2:2.
#include "plugins/camera/camera_frame_decoder.hpp"

#include <linux/videodev2.h>

#include "tests/plugins/camera/camera_test_support.hpp"

using namespace lm;
using namespace lm::test;

namespace {

// 64x48: red left half, blue right half (made in RGB, then encoded as the camera would).
const std::string kRedBlueHalves =
    "-f lavfi -i color=red:s=64x48,format=rgb24 -f lavfi -i color=blue:s=32x48,format=rgb24 "
    "-filter_complex overlay=x=32:format=rgb -frames:v 1 ";

void check_red_blue_halves(const VideoFrame& frame, int tolerance) {
    REQUIRE(frame.format() == PixelFormat::rgba);
    CHECK(frame.width() == 64);
    CHECK(frame.height() == 48);
    // Away from the edge between the halves, where 4:2:x chroma blurs the colours.
    for (const auto& [x, y] : {std::pair{4, 4}, {20, 24}, {26, 44}}) {
        INFO("(" << x << "," << y << ") " << describe_rgb(rgb_at(frame, x, y)));
        CHECK(near_rgb(rgb_at(frame, x, y), kRed, tolerance));
    }
    for (const auto& [x, y] : {std::pair{38, 4}, {50, 24}, {60, 44}}) {
        INFO("(" << x << "," << y << ") " << describe_rgb(rgb_at(frame, x, y)));
        CHECK(near_rgb(rgb_at(frame, x, y), kBlue, tolerance));
    }
    CHECK(frame.data(0)[3] == 255);  // opaque
}

}  // namespace

TEST_CASE("an MJPEG frame decodes to its colours at the right places", "[camera]") {
    TempDir dir;
    make_with_ffmpeg(kRedBlueHalves + "-c:v mjpeg -q:v 2 -f mjpeg", dir / "frame.jpg");
    const auto bytes = read_bytes(dir / "frame.jpg");
    CameraFrameDecoder decoder;
    // The layout's size is ignored for MJPEG: the JPEG carries its own.
    const CameraFrameLayout layout{CameraPixelFormat::mjpeg, 640, 480, 0};
    auto result = decoder.decode(bytes.data(), bytes.size(), layout);
    INFO(result.error);
    REQUIRE(result.frame);
    check_red_blue_halves(*result.frame, 12);
    // The same decoder keeps working frame after frame.
    result = decoder.decode(bytes.data(), bytes.size(), layout);
    REQUIRE(result.frame);
    check_red_blue_halves(*result.frame, 12);
}

TEST_CASE("a raw YUYV frame decodes to its colours at the right places", "[camera]") {
    TempDir dir;
    make_with_ffmpeg(kRedBlueHalves + "-pix_fmt yuyv422 -f rawvideo", dir / "frame.yuyv");
    const auto bytes = read_bytes(dir / "frame.yuyv");
    REQUIRE(bytes.size() == 64 * 48 * 2);
    CameraFrameDecoder decoder;
    auto result = decoder.decode(bytes.data(), bytes.size(),
                                 {camera_pixel_format_of(V4L2_PIX_FMT_YUYV), 64, 48, 0});
    INFO(result.error);
    REQUIRE(result.frame);
    check_red_blue_halves(*result.frame, 6);
}

TEST_CASE("a YUYV frame with padded rows decodes with the driver's stride", "[camera]") {
    TempDir dir;
    make_with_ffmpeg(kRedBlueHalves + "-pix_fmt yuyv422 -f rawvideo", dir / "frame.yuyv");
    const auto tight = read_bytes(dir / "frame.yuyv");
    constexpr int kStride = 64 * 2 + 32;  // 32 junk bytes after every row
    std::vector<uint8_t> padded(size_t(kStride) * 48, 0x80);
    for (int y = 0; y < 48; ++y)
        std::copy_n(tight.begin() + y * 128, 128, padded.begin() + y * kStride);
    CameraFrameDecoder decoder;
    auto result =
        decoder.decode(padded.data(), padded.size(), {CameraPixelFormat::yuyv, 64, 48, kStride});
    INFO(result.error);
    REQUIRE(result.frame);
    check_red_blue_halves(*result.frame, 6);
}

TEST_CASE("a raw NV12 frame decodes to its colours at the right places", "[camera]") {
    TempDir dir;
    make_with_ffmpeg(kRedBlueHalves + "-pix_fmt nv12 -f rawvideo", dir / "frame.nv12");
    const auto bytes = read_bytes(dir / "frame.nv12");
    CameraFrameDecoder decoder;
    auto result = decoder.decode(bytes.data(), bytes.size(), {CameraPixelFormat::nv12, 64, 48, 0});
    INFO(result.error);
    REQUIRE(result.frame);
    check_red_blue_halves(*result.frame, 8);
}

TEST_CASE("a truncated MJPEG frame gives an error, and the next good frame decodes", "[camera]") {
    TempDir dir;
    make_with_ffmpeg(kRedBlueHalves + "-c:v mjpeg -q:v 2 -f mjpeg", dir / "frame.jpg");
    const auto bytes = read_bytes(dir / "frame.jpg");
    CameraFrameDecoder decoder;
    const CameraFrameLayout layout{CameraPixelFormat::mjpeg, 64, 48, 0};
    for (size_t kept : {bytes.size() - 2, bytes.size() * 2 / 3, bytes.size() / 2, size_t{3}}) {
        INFO("kept " << kept << " of " << bytes.size() << " bytes");
        const auto result = decoder.decode(bytes.data(), kept, layout);
        CHECK_FALSE(result.frame);
        CHECK(result.error.find("camera:") == 0);
    }
    std::vector<uint8_t> garbage(2000, 0x5A);
    CHECK_FALSE(decoder.decode(garbage.data(), garbage.size(), layout).frame);
    const auto good = decoder.decode(bytes.data(), bytes.size(), layout);
    REQUIRE(good.frame);
    check_red_blue_halves(*good.frame, 12);
}

TEST_CASE("a raw frame shorter than its size gives an error", "[camera]") {
    std::vector<uint8_t> short_frame(64 * 48 * 2 - 1, 0x80);
    CameraFrameDecoder decoder;
    const auto yuyv =
        decoder.decode(short_frame.data(), short_frame.size(), {CameraPixelFormat::yuyv, 64, 48});
    CHECK_FALSE(yuyv.frame);
    CHECK(yuyv.error.find("needs 6144 bytes but holds 6143") != std::string::npos);
    CHECK_FALSE(decoder.decode(short_frame.data(), 0, {CameraPixelFormat::nv12, 64, 48}).frame);
}
