#include "core/gpu/readback_ring.hpp"

#include <epoxy/gl.h>
#include <fmt/format.h>

#include <cstring>

#include "core/gpu/gl_objects.hpp"
#include "core/gpu/gpu_device.hpp"
#include "core/gpu/nv12_converter.hpp"

namespace lm {
namespace {

// A blocking wait gives up after this long: a fence that never signals means a lost device,
// and the video thread must report that rather than hang.
constexpr uint64_t kWaitStepNs = 100'000'000;
constexpr int kWaitSteps = 100;

}  // namespace

struct ReadbackRing::Slot {
    GLuint pbo = 0;
    GLsync fence = nullptr;
    int64_t index = 0;
    int64_t pts_ns = 0;
};

ReadbackRing::ReadbackRing(PixelFormat format, int width, int height, int depth)
    : format_(format), width_(width), height_(height), frame_pool_(format, width, height) {
    if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0 || depth < 1 ||
        (format != PixelFormat::nv12 && format != PixelFormat::rgba)) {
        throw GpuError(
            fmt::format("ReadbackRing: bad size {}x{} or depth {}", width, height, depth));
    }
    const auto bytes = static_cast<GLsizeiptr>(buffer_bytes());
    for (int i = 0; i < depth; ++i) {
        auto slot = std::make_unique<Slot>();
        glGenBuffers(1, &slot->pbo);
        glBindBuffer(GL_PIXEL_PACK_BUFFER, slot->pbo);
        glBufferData(GL_PIXEL_PACK_BUFFER, bytes, nullptr, GL_STREAM_READ);
        slots_.push_back(std::move(slot));
    }
    glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
}

ReadbackRing::~ReadbackRing() {
    for (auto& slot : slots_) {
        if (slot->fence != nullptr) {
            glDeleteSync(slot->fence);
        }
        glDeleteBuffers(1, &slot->pbo);
    }
}

size_t ReadbackRing::buffer_bytes() const {
    // NV12: the Y plane, then the interleaved CbCr plane, each row row_bytes() long (the
    // converter's packed rows; == width when width % 4 == 0). RGBA: one plane.
    const size_t plane = static_cast<size_t>(row_bytes()) * static_cast<size_t>(height_);
    return format_ == PixelFormat::rgba ? plane : plane * 3 / 2;
}

ReadbackRing::Slot& ReadbackRing::begin_read(int64_t index, int64_t pts_ns) {
    if (pending_ == static_cast<int>(slots_.size())) {
        finished_.push_back(finish_oldest());
    }
    Slot& slot = *slots_[static_cast<size_t>(next_start_)];
    slot.index = index;
    slot.pts_ns = pts_ns;
    glBindBuffer(GL_PIXEL_PACK_BUFFER, slot.pbo);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glPixelStorei(GL_PACK_ROW_LENGTH, 0);
    return slot;
}

void ReadbackRing::end_read() {
    Slot& slot = *slots_[static_cast<size_t>(next_start_)];
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
    slot.fence = glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
    // Submit now: poll(false) tests the fence without the flush bit, and an unflushed fence
    // might never signal.
    glFlush();
    next_start_ = (next_start_ + 1) % static_cast<int>(slots_.size());
    ++pending_;
}

void ReadbackRing::start(const RenderTarget& target, int64_t index, int64_t pts_ns) {
    if (format_ != PixelFormat::rgba || target.width() != width_ || target.height() != height_) {
        throw GpuError(fmt::format("ReadbackRing: target is {}x{} RGBA, ring is {}x{} {}",
                                   target.width(), target.height(), width_, height_,
                                   format_ == PixelFormat::rgba ? "RGBA" : "NV12"));
    }
    begin_read(index, pts_ns);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, target.framebuffer());
    glReadBuffer(GL_COLOR_ATTACHMENT0);
    glReadPixels(0, 0, width_, height_, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    end_read();
}

void ReadbackRing::start(const Nv12Converter& converter, int64_t index, int64_t pts_ns) {
    if (format_ != PixelFormat::nv12 || converter.width() != width_ ||
        converter.height() != height_) {
        throw GpuError(fmt::format("ReadbackRing: converter is {}x{}, ring is {}x{} {}",
                                   converter.width(), converter.height(), width_, height_,
                                   format_ == PixelFormat::rgba ? "RGBA" : "NV12"));
    }
    begin_read(index, pts_ns);
    // With a pack buffer bound, the "pointer" is an offset into it and glReadPixels only queues
    // the copy. The even and odd luma rows land interleaved (a row length of two rows, the
    // odd ones one row in), then the chroma plane follows (Nv12Converter describes the layout).
    const int texels = converter.packed_width();
    const int rows = height_ / 2;
    glBindFramebuffer(GL_READ_FRAMEBUFFER, converter.framebuffer());
    glPixelStorei(GL_PACK_ROW_LENGTH, 2 * texels);
    glReadBuffer(GL_COLOR_ATTACHMENT0 + Nv12Converter::kLumaEven);
    glReadPixels(0, 0, texels, rows, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glReadBuffer(GL_COLOR_ATTACHMENT0 + Nv12Converter::kLumaOdd);
    glReadPixels(0, 0, texels, rows, GL_RGBA, GL_UNSIGNED_BYTE,
                 reinterpret_cast<void*>(static_cast<uintptr_t>(row_bytes())));
    glPixelStorei(GL_PACK_ROW_LENGTH, 0);
    glReadBuffer(GL_COLOR_ATTACHMENT0 + Nv12Converter::kChroma);
    const auto chroma_offset =
        static_cast<uintptr_t>(row_bytes()) * static_cast<uintptr_t>(height_);
    glReadPixels(0, 0, texels, rows, GL_RGBA, GL_UNSIGNED_BYTE,
                 reinterpret_cast<void*>(chroma_offset));
    end_read();
}

std::shared_ptr<VideoFrame> ReadbackRing::poll(bool wait) {
    // Frames finished early by start() are older than anything still in flight.
    if (!finished_.empty()) {
        std::shared_ptr<VideoFrame> frame = std::move(finished_.front());
        finished_.erase(finished_.begin());
        return frame;
    }
    if (pending_ == 0) {
        return nullptr;
    }
    if (!wait) {
        const GLenum state =
            glClientWaitSync(slots_[static_cast<size_t>(next_finish_)]->fence, 0, 0);
        if (state == GL_TIMEOUT_EXPIRED) {
            return nullptr;
        }
        if (state == GL_WAIT_FAILED) {
            throw GpuError("ReadbackRing: glClientWaitSync failed");
        }
    }
    return finish_oldest();
}

int ReadbackRing::pending() const {
    return pending_ + static_cast<int>(finished_.size());
}

std::shared_ptr<VideoFrame> ReadbackRing::finish_oldest() {
    Slot& slot = *slots_[static_cast<size_t>(next_finish_)];
    GLenum state = GL_TIMEOUT_EXPIRED;
    for (int step = 0; step < kWaitSteps && state == GL_TIMEOUT_EXPIRED; ++step) {
        state = glClientWaitSync(slot.fence, GL_SYNC_FLUSH_COMMANDS_BIT, kWaitStepNs);
    }
    if (state != GL_ALREADY_SIGNALED && state != GL_CONDITION_SATISFIED) {
        throw GpuError(fmt::format(
            "ReadbackRing: readback of frame {} {}", slot.index,
            state == GL_TIMEOUT_EXPIRED ? "did not finish within 10 s" : "wait failed"));
    }
    glDeleteSync(slot.fence);
    slot.fence = nullptr;

    auto frame = frame_pool_.acquire();
    const auto pitch = static_cast<size_t>(row_bytes());
    const size_t luma_bytes = pitch * static_cast<size_t>(height_);
    glBindBuffer(GL_PIXEL_PACK_BUFFER, slot.pbo);
    const auto* mapped = static_cast<const uint8_t*>(glMapBufferRange(
        GL_PIXEL_PACK_BUFFER, 0, static_cast<GLsizeiptr>(buffer_bytes()), GL_MAP_READ_BIT));
    if (mapped == nullptr) {
        glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
        throw GpuError(fmt::format(
            "ReadbackRing: mapping the pixel buffer failed (GL error 0x{:x})", glGetError()));
    }
    // Both NV12 planes are width bytes per row in VideoFrame; the PBO's rows are `pitch` long.
    // An RGBA frame is one plane of exactly `pitch` bytes per row.
    for (int plane = 0; plane < frame->plane_count(); ++plane) {
        const uint8_t* source = mapped + (plane == 0 ? 0 : luma_bytes);
        uint8_t* destination = frame->data(plane);
        const auto stride = static_cast<size_t>(frame->stride(plane));
        const int rows = frame->plane_height(plane);
        if (stride == pitch) {
            std::memcpy(destination, source, pitch * static_cast<size_t>(rows));
            continue;
        }
        for (int row = 0; row < rows; ++row) {
            std::memcpy(destination + row * stride, source + row * pitch, stride);
        }
    }
    glUnmapBuffer(GL_PIXEL_PACK_BUFFER);
    glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
    frame->index = slot.index;
    frame->pts_ns = slot.pts_ns;

    next_finish_ = (next_finish_ + 1) % static_cast<int>(slots_.size());
    --pending_;
    return frame;
}

}  // namespace lm
