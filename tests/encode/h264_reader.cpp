#include "tests/encode/h264_reader.hpp"

#include <algorithm>
#include <memory>
#include <stdexcept>

extern "C" {
#include <libavcodec/avcodec.h>
}

namespace lm::test {
namespace {

struct CodecContextFree {
    void operator()(AVCodecContext* c) const { avcodec_free_context(&c); }
};
struct PacketFree {
    void operator()(AVPacket* p) const { av_packet_free(&p); }
};
struct FrameFree {
    void operator()(AVFrame* f) const { av_frame_free(&f); }
};

}  // namespace

DecodeResult decode_h264(const StreamInfo& info, const std::vector<PacketPtr>& packets,
                         const std::function<void(const DecodedPicture&)>& on_picture) {
    const AVCodec* codec = avcodec_find_decoder(AV_CODEC_ID_H264);
    if (codec == nullptr)
        throw std::runtime_error("libavcodec has no H.264 decoder");
    std::unique_ptr<AVCodecContext, CodecContextFree> context(avcodec_alloc_context3(codec));
    context->extradata =
        static_cast<uint8_t*>(av_mallocz(info.extradata.size() + AV_INPUT_BUFFER_PADDING_SIZE));
    std::copy(info.extradata.begin(), info.extradata.end(), context->extradata);
    context->extradata_size = static_cast<int>(info.extradata.size());
    // Single-threaded and strict: a damaged stream must show as an error, not be concealed.
    context->thread_count = 1;
    context->err_recognition = AV_EF_EXPLODE | AV_EF_CRCCHECK | AV_EF_BITSTREAM;
    if (avcodec_open2(context.get(), codec, nullptr) != 0)
        throw std::runtime_error("could not open the H.264 decoder");
    std::unique_ptr<AVPacket, PacketFree> av_packet(av_packet_alloc());
    std::unique_ptr<AVFrame, FrameFree> frame(av_frame_alloc());

    DecodeResult result;
    auto drain = [&] {
        while (avcodec_receive_frame(context.get(), frame.get()) == 0) {
            ++result.frames;
            if ((frame->flags & AV_FRAME_FLAG_CORRUPT) != 0 || frame->decode_error_flags != 0)
                ++result.errors;
            if (on_picture) {
                on_picture(DecodedPicture{frame->pts, frame->width, frame->height, frame->data[0],
                                          frame->linesize[0]});
            }
            av_frame_unref(frame.get());
        }
    };
    for (const PacketPtr& packet : packets) {
        if (av_new_packet(av_packet.get(), static_cast<int>(packet->data.size())) != 0)
            throw std::runtime_error("out of memory for a packet");
        std::copy(packet->data.begin(), packet->data.end(), av_packet->data);
        av_packet->pts = packet->pts;
        av_packet->dts = packet->dts;
        if (avcodec_send_packet(context.get(), av_packet.get()) != 0)
            ++result.errors;
        av_packet_unref(av_packet.get());
        drain();
    }
    avcodec_send_packet(context.get(), nullptr);
    drain();
    return result;
}

}  // namespace lm::test
