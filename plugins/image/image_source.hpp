// The Image source: shows a picture file (PNG, JPEG, WebP, GIF, SVG, BMP, TIFF), animated GIFs
// and APNGs frame by frame at their own durations, and reloads the file when it changes.
//
// Threads: the constructor decodes once, so width() and height() are known at once; a
// FileWatch thread decodes again whenever the file changes and swaps the new picture into a
// mutex-protected slot. The video thread only copies a pointer out of that slot: it never
// touches the file or a decoder.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/media/file_watch.hpp"
#include "core/scene/source.hpp"
#include "core/video/frame_painter.hpp"
#include "plugins/image/decoded_image.hpp"
#include "plugins/image/image_decoder.hpp"

namespace lm {

struct ImageSourceSettings {
    std::string file;            ///< empty: nothing chosen yet (a warning, not an error)
    bool loop = true;            ///< animations: start again after the last frame, or stay on it
    double speed_percent = 100;  ///< animations: 10 to 1000
    ImageDecodeLimits limits;
    /// How often the file is checked for changes.
    std::chrono::milliseconds watch_interval{500};
};

class ImageSource final : public Source {
public:
    static constexpr double kMinSpeedPercent = 10;
    static constexpr double kMaxSpeedPercent = 1000;

    /// Decodes the file before returning. A missing or unreadable file is not an exception:
    /// the source is created, draws nothing and says why in status(), and shows the picture
    /// as soon as the file is fixed. Throws std::invalid_argument for a speed outside 10..1000.
    explicit ImageSource(ImageSourceSettings settings);
    ~ImageSource() override;
    ImageSource(const ImageSource&) = delete;
    ImageSource& operator=(const ImageSource&) = delete;

    unsigned capabilities() const override { return kVideo; }
    /// The size of the last picture decoded successfully; 0x0 before the first. MT safe.
    int width() const override { return int(size_.load() >> 32); }
    int height() const override { return int(size_.load() & 0xffffffffu); }
    void render_video(VideoRenderContext& context) override;
    void release_gpu() override { painter_.release(); }
    SourceStatus status() const override { return status_.get(); }

private:
    /// Decodes the file and publishes the result; on failure keeps the previous picture and
    /// sets the error. Constructor and watch thread; serialised by load_mutex_.
    void load();
    void publish(std::shared_ptr<const DecodedImage> image);

    const ImageSourceSettings settings_;
    SourceStatusBox status_;
    std::mutex load_mutex_;  // one decode at a time, so an older file never wins
    mutable std::mutex image_mutex_;
    std::shared_ptr<const DecodedImage> image_;  // guarded by image_mutex_
    std::atomic<uint64_t> size_{0};              // width << 32 | height, set with image_

    // Video thread only.
    FramePainter painter_;
    std::shared_ptr<const DecodedImage> shown_;
    std::optional<int64_t> first_shown_pts_ns_;  // when shown_ was first drawn

    std::unique_ptr<FileWatch> watch_;  // last: stopped before everything it calls into goes
};

}  // namespace lm
