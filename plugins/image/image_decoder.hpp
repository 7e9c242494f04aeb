// Reads a picture file (PNG, JPEG, WebP, GIF, APNG, SVG, BMP, TIFF...) with FFmpeg into RGBA
// frames in memory. Blocking file I/O and decoding: call it from a constructor or a worker
// thread, never from the video or audio thread.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

#include "plugins/image/decoded_image.hpp"

namespace lm {

struct ImageDecodeLimits {
    /// All frames of an animation together, as RGBA. Bigger files are refused, not cut short,
    /// so a creator never sees a silently truncated animation.
    size_t max_decoded_bytes = size_t{512} << 20;
    /// Longest side a GPU texture is sure to accept.
    int max_side_px = 16384;
};

/// Either a picture or what went wrong, as the message a creator sees ("image: ...").
struct ImageDecodeResult {
    std::shared_ptr<const DecodedImage> image;  ///< null on failure
    std::string error;                          ///< empty on success
};

/// Decodes every frame of `path`. Never throws for anything about the file (missing, not a
/// picture, truncated, too large): those come back as `error`. MT safe (no shared state).
ImageDecodeResult decode_image_file(const std::filesystem::path& path,
                                    const ImageDecodeLimits& limits = {});

}  // namespace lm
