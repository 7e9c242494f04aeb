#include "core/plugin/plugin_api.hpp"
#include "plugins/image/image_types.hpp"

LM_DECLARE_PLUGIN("image", "Image source: PNG, JPEG, WebP, GIF, SVG, BMP and TIFF files",
                  lm::register_image_types)
