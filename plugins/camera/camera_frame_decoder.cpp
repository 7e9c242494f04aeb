#include "plugins/camera/camera_frame_decoder.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
}

#include <fmt/format.h>
#include <linux/videodev2.h>

#include <algorithm>
#include <cstring>

namespace lm {
namespace {

/// JPEG pixel formats ("yuvj") are deprecated in swscale: convert them as the plain format
/// with the full-range flag.
AVPixelFormat without_jpeg_range(AVPixelFormat format) {
    switch (format) {
        case AV_PIX_FMT_YUVJ420P:
            return AV_PIX_FMT_YUV420P;
        case AV_PIX_FMT_YUVJ422P:
            return AV_PIX_FMT_YUV422P;
        case AV_PIX_FMT_YUVJ444P:
            return AV_PIX_FMT_YUV444P;
        case AV_PIX_FMT_YUVJ440P:
            return AV_PIX_FMT_YUV440P;
        case AV_PIX_FMT_YUVJ411P:
            return AV_PIX_FMT_YUV411P;
        default:
            return format;
    }
}

/// A camera's JPEG that was cut off (a USB hiccup, a device unplugged mid-frame) lacks its
/// end-of-image marker; FFmpeg would still show its top part over grey. Cameras may pad after
/// the marker, and byte stuffing keeps FF D9 out of the compressed data, so search for it.
bool has_end_of_image(const uint8_t* data, size_t size) {
    for (size_t i = size; i >= 2; --i) {
        if (data[i - 2] == 0xFF && data[i - 1] == 0xD9)
            return true;
    }
    return false;
}

}  // namespace

CameraPixelFormat camera_pixel_format_of(uint32_t fourcc) {
    switch (fourcc) {
        case V4L2_PIX_FMT_MJPEG:
        case V4L2_PIX_FMT_JPEG:
            return CameraPixelFormat::mjpeg;
        case V4L2_PIX_FMT_YUYV:
            return CameraPixelFormat::yuyv;
        case V4L2_PIX_FMT_NV12:
            return CameraPixelFormat::nv12;
        default:
            return CameraPixelFormat{};
    }
}

CameraFrameDecoder::CameraFrameDecoder() : packet_(av_packet_alloc()), decoded_(av_frame_alloc()) {}

CameraFrameDecoder::~CameraFrameDecoder() {
    avcodec_free_context(&mjpeg_);
    av_packet_free(&packet_);
    av_frame_free(&decoded_);
    sws_freeContext(sws_);
}

CameraDecodeResult CameraFrameDecoder::decode(const uint8_t* data, size_t size,
                                              const CameraFrameLayout& layout) {
    if (!packet_ || !decoded_)
        return {nullptr, "camera: out of memory"};
    if (layout.format == CameraPixelFormat::mjpeg)
        return decode_mjpeg(data, size);
    return decode_raw(data, size, layout);
}

CameraDecodeResult CameraFrameDecoder::decode_mjpeg(const uint8_t* data, size_t size) {
    if (size < 4 || data[0] != 0xFF || data[1] != 0xD8)
        return {nullptr, fmt::format("camera: a {}-byte frame is not a JPEG picture", size)};
    if (!has_end_of_image(data, size))
        return {nullptr, fmt::format("camera: a {}-byte JPEG frame is truncated", size)};
    if (!mjpeg_) {
        const AVCodec* codec = avcodec_find_decoder(AV_CODEC_ID_MJPEG);
        if (!codec)
            return {nullptr, "camera: this FFmpeg has no MJPEG decoder"};
        mjpeg_ = avcodec_alloc_context3(codec);
        if (!mjpeg_)
            return {nullptr, "camera: out of memory"};
        // Corrupt data is an error here rather than a concealed, smeared picture.
        mjpeg_->err_recognition = AV_EF_EXPLODE;
        mjpeg_->thread_count = 1;  // one frame at a time: threads would only add latency
        if (avcodec_open2(mjpeg_, codec, nullptr) < 0) {
            avcodec_free_context(&mjpeg_);
            return {nullptr, "camera: cannot open FFmpeg's MJPEG decoder"};
        }
    }
    // FFmpeg reads up to AV_INPUT_BUFFER_PADDING_SIZE bytes past the end, which a V4L2
    // buffer does not promise: decode from a padded copy.
    av_packet_unref(packet_);
    if (av_new_packet(packet_, int(size)) < 0)
        return {nullptr, "camera: out of memory"};
    std::memcpy(packet_->data, data, size);
    if (avcodec_send_packet(mjpeg_, packet_) < 0) {
        avcodec_flush_buffers(mjpeg_);
        return {nullptr, fmt::format("camera: a {}-byte JPEG frame could not be decoded", size)};
    }
    av_frame_unref(decoded_);
    if (avcodec_receive_frame(mjpeg_, decoded_) < 0 || decoded_->width <= 0 ||
        decoded_->height <= 0) {
        avcodec_flush_buffers(mjpeg_);
        return {nullptr, fmt::format("camera: a {}-byte JPEG frame could not be decoded", size)};
    }
    const auto decoded_format = AVPixelFormat(decoded_->format);
    const auto format = without_jpeg_range(decoded_format);
    const bool full_range = format != decoded_format || decoded_->color_range == AVCOL_RANGE_JPEG;
    return to_rgba(decoded_->data, decoded_->linesize, format, decoded_->width, decoded_->height,
                   full_range);
}

CameraDecodeResult CameraFrameDecoder::decode_raw(const uint8_t* data, size_t size,
                                                  const CameraFrameLayout& layout) {
    if (layout.width <= 0 || layout.height <= 0 || layout.width % 2 || layout.height % 2)
        return {nullptr,
                fmt::format("camera: frame size {}x{} is not usable", layout.width, layout.height)};
    const uint8_t* planes[4] = {data, nullptr, nullptr, nullptr};
    int strides[4] = {0, 0, 0, 0};
    AVPixelFormat format;
    size_t needed;
    if (layout.format == CameraPixelFormat::yuyv) {
        format = AV_PIX_FMT_YUYV422;
        strides[0] = std::max(layout.bytes_per_line, layout.width * 2);
        needed = size_t(strides[0]) * size_t(layout.height - 1) + size_t(layout.width) * 2;
    } else if (layout.format == CameraPixelFormat::nv12) {
        format = AV_PIX_FMT_NV12;
        strides[0] = strides[1] = std::max(layout.bytes_per_line, layout.width);
        planes[1] = data + size_t(strides[0]) * size_t(layout.height);
        needed = size_t(strides[0]) * size_t(layout.height) * 3 / 2;
    } else {
        return {nullptr, "camera: unsupported pixel format"};
    }
    if (size < needed)
        return {nullptr, fmt::format("camera: a {}x{} frame needs {} bytes but holds {}",
                                     layout.width, layout.height, needed, size)};
    // Webcams send BT.601 limited range (the UVC default).
    return to_rgba(planes, strides, format, layout.width, layout.height, false);
}

CameraDecodeResult CameraFrameDecoder::to_rgba(const uint8_t* const planes[], const int strides[],
                                               int source_format, int width, int height,
                                               bool full_range) {
    sws_ = sws_getCachedContext(sws_, width, height, AVPixelFormat(source_format), width, height,
                                AV_PIX_FMT_RGBA, SWS_BILINEAR, nullptr, nullptr, nullptr);
    if (!sws_) {
        const char* name = av_get_pix_fmt_name(AVPixelFormat(source_format));
        return {nullptr,
                fmt::format("camera: cannot convert pixel format '{}'", name ? name : "unknown")};
    }
    const int* bt601 = sws_getCoefficients(SWS_CS_ITU601);
    sws_setColorspaceDetails(sws_, bt601, full_range ? 1 : 0, bt601, 1, 0, 1 << 16, 1 << 16);
    auto rgba = std::make_shared<VideoFrame>(PixelFormat::rgba, width, height);
    uint8_t* destination[4] = {rgba->data(0), nullptr, nullptr, nullptr};
    const int destination_strides[4] = {rgba->stride(0), 0, 0, 0};
    sws_scale(sws_, planes, strides, 0, height, destination, destination_strides);
    return {std::move(rgba), {}};
}

}  // namespace lm
