#include "plugins/image/image_source.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace lm {

ImageSource::ImageSource(ImageSourceSettings settings) : settings_(std::move(settings)) {
    if (!(settings_.speed_percent >= kMinSpeedPercent &&
          settings_.speed_percent <= kMaxSpeedPercent)) {
        throw std::invalid_argument(fmt::format("image: speed {}% is outside {}% to {}%",
                                                settings_.speed_percent, kMinSpeedPercent,
                                                kMaxSpeedPercent));
    }
    if (settings_.file.empty()) {
        status_.set_warning("image: no file chosen");
        return;
    }
    // Watching starts before the first decode, so a change made while it runs is not lost:
    // the watch's first poll (one interval later) waits on load_mutex_ and decodes again.
    watch_ =
        std::make_unique<FileWatch>(settings_.file, settings_.watch_interval, [this] { load(); });
    load();
}

ImageSource::~ImageSource() {
    watch_.reset();  // joins the watch thread before the members it uses go away
}

void ImageSource::load() {
    std::lock_guard lock(load_mutex_);
    ImageDecodeResult result = decode_image_file(settings_.file, settings_.limits);
    if (!result.image) {
        // The previous good picture, if any, stays on screen: a half-saved file or a moment
        // without one should not blank the show.
        status_.set_error(std::move(result.error));
        return;
    }
    publish(std::move(result.image));
    status_.set_ok();
}

void ImageSource::publish(std::shared_ptr<const DecodedImage> image) {
    const uint64_t size = uint64_t(image->width()) << 32 | uint64_t(image->height());
    {
        std::lock_guard lock(image_mutex_);
        image_.swap(image);
        size_.store(size);
    }
    // `image` now holds the old picture: if this was its last owner it is freed here, outside
    // the lock the video thread takes.
}

void ImageSource::render_video(VideoRenderContext& context) {
    std::shared_ptr<const DecodedImage> image;
    {
        std::lock_guard lock(image_mutex_);
        image = image_;
    }
    if (!image)
        return;
    if (image != shown_) {
        // A new file starts its animation from the first frame.
        shown_ = std::move(image);
        first_shown_pts_ns_ = context.pts_ns;
    }
    const AnimationPlayback playback{settings_.loop, settings_.speed_percent};
    const size_t index =
        frame_index_at(*shown_, context.pts_ns - first_shown_pts_ns_.value_or(0), playback);
    painter_.draw(context, shown_->frames[index], shown_->alpha);
}

}  // namespace lm
