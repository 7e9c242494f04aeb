#include "plugins/filters/mask_filter.hpp"

#include <algorithm>
#include <vector>

#include "plugins/image/image_decoder.hpp"

namespace lm {

MaskBlendFilter::MaskBlendFilter(const MaskBlend& settings)
    : mode_(settings.mode),
      file_(
          settings.image,
          [](const std::filesystem::path& path) -> std::variant<Image, std::string> {
              const ImageDecodeResult decoded = decode_image_file(path);
              if (!decoded.image) {
                  // The decoder's messages begin "image: ".
                  return "mask " + decoded.error;
              }
              return Image{decoded.image->frames.front(),
                           decoded.image->alpha == FramePainter::Alpha::premultiplied};
          },
          "mask image: no file chosen; pick an image") {}

std::string_view MaskBlendFilter::fragment_shader() const {
    return R"(#version 330 core
uniform sampler2D u_texture;
uniform sampler2D u_image;
uniform int u_mode;  // MaskBlend::Mode; 0: no image yet, unchanged
uniform bool u_image_premultiplied;
in vec2 v_source_px;
in vec2 v_uv;
out vec4 frag_color;
void main() {
    vec4 p = texture(u_texture, v_uv);
    if (u_mode == 0) { frag_color = p; return; }
    vec4 m = texture(u_image, v_uv);
    vec3 mask_rgb = u_image_premultiplied && m.a > 0.0 ? m.rgb / m.a : m.rgb;
    if (u_mode == 1) { frag_color = p * m.a; return; }
    if (u_mode == 2) { frag_color = p * dot(mask_rgb, vec3(0.2126, 0.7152, 0.0722)); return; }
    if (p.a <= 0.0) { frag_color = vec4(0.0); return; }
    vec3 c = p.rgb / p.a;
    vec3 blended = u_mode == 3 ? c * mask_rgb : u_mode == 4 ? c + mask_rgb : c - mask_rgb;
    c = clamp(mix(c, blended, m.a), 0.0, 1.0);
    frag_color = vec4(c * p.a, p.a);
}
)";
}

void MaskBlendFilter::set_uniforms(GlProgram& program, const VideoFilterContext&) {
    if (auto fresh = file_.take_if_new()) {
        image_ = std::move(fresh);
        texture_.reset();
    }
    if (!image_) {
        program.set("u_mode", 0);  // not read yet (the file changed just now): unchanged
        return;
    }
    const VideoFrame& frame = *image_->frame;
    if (!texture_) {
        texture_.emplace(GL_RGBA8, frame.width(), frame.height());
        // Uploads need tightly packed rows.
        if (frame.stride(0) == frame.width() * 4) {
            texture_->upload(frame.data(0));
        } else {
            std::vector<uint8_t> packed(size_t(frame.width()) * frame.height() * 4);
            for (int y = 0; y < frame.height(); ++y) {
                std::copy_n(frame.data(0) + size_t(y) * frame.stride(0), frame.width() * 4,
                            packed.data() + size_t(y) * frame.width() * 4);
            }
            texture_->upload(packed.data());
        }
    }
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_2D, texture_->id());
    program.set("u_image", 1);
    program.set("u_mode", int(mode_));
    program.set("u_image_premultiplied", image_->premultiplied ? 1 : 0);
}

}  // namespace lm
