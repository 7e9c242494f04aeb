// CameraFrameDecoder: turns the bytes of one captured frame (MJPEG, YUYV or NV12, as a V4L2
// buffer holds them) into an RGBA VideoFrame. Kept apart from the device so it can be tested
// with frames made by the ffmpeg CLI. Not thread-safe: one decoder per capture thread; it keeps
// its FFmpeg decoder and swscale context between frames.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "core/media/video_frame.hpp"

struct AVCodecContext;
struct AVFrame;
struct AVPacket;
struct SwsContext;

namespace lm {

enum class CameraPixelFormat {
    mjpeg = 1,  ///< one JPEG picture per frame (V4L2 'MJPG' or 'JPEG')
    yuyv,       ///< packed 4:2:2, Y0 U Y1 V
    nv12,       ///< Y plane, then interleaved UV at half size
};

/// The pixel format of a V4L2 fourcc, or 0 (no value) when this decoder cannot read it.
CameraPixelFormat camera_pixel_format_of(uint32_t fourcc);

/// What the decoder needs to know about a raw frame.
struct CameraFrameLayout {
    CameraPixelFormat format = CameraPixelFormat::yuyv;
    int width = 0;
    int height = 0;
    /// Bytes per row of a raw format's (first) plane; 0 = tightly packed. Unused for MJPEG.
    int bytes_per_line = 0;
};

/// Either a picture or why not ("camera: ...").
struct CameraDecodeResult {
    VideoFramePtr frame;  ///< RGBA, alpha 255; null on failure
    std::string error;    ///< empty on success
};

class CameraFrameDecoder {
public:
    CameraFrameDecoder();
    ~CameraFrameDecoder();
    CameraFrameDecoder(const CameraFrameDecoder&) = delete;
    CameraFrameDecoder& operator=(const CameraFrameDecoder&) = delete;

    /// Decodes `size` bytes at `data`. MJPEG frames carry their own size (it wins over
    /// `layout`'s); raw frames must hold at least a full picture. Bad or truncated input comes
    /// back as an error, never a throw or a half-grey picture.
    CameraDecodeResult decode(const uint8_t* data, size_t size, const CameraFrameLayout& layout);

private:
    CameraDecodeResult decode_mjpeg(const uint8_t* data, size_t size);
    CameraDecodeResult decode_raw(const uint8_t* data, size_t size,
                                  const CameraFrameLayout& layout);
    /// Converts planes in `source_format` (an AVPixelFormat) to a new RGBA frame.
    CameraDecodeResult to_rgba(const uint8_t* const planes[], const int strides[],
                               int source_format, int width, int height, bool full_range);

    AVCodecContext* mjpeg_ = nullptr;  // opened lazily on the first MJPEG frame
    AVPacket* packet_ = nullptr;
    AVFrame* decoded_ = nullptr;
    SwsContext* sws_ = nullptr;
};

}  // namespace lm
