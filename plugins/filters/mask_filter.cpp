#include "plugins/filters/mask_filter.hpp"

#include <algorithm>
#include <vector>

#include "plugins/image/image_decoder.hpp"

namespace lm {

MaskBlendFilter::MaskBlendFilter(const MaskBlend& settings) : mode_(settings.mode) {
    if (settings.image.empty()) {
        status_ = {SourceStatus::Level::error, "mask image: no file chosen; pick an image"};
        return;
    }
    const ImageDecodeResult decoded = decode_image_file(settings.image);
    if (!decoded.image) {
        status_ = {SourceStatus::Level::error, "mask image: " + decoded.error};
        return;
    }
    image_ = decoded.image->frames.front();
    premultiplied_ = decoded.image->alpha == FramePainter::Alpha::premultiplied;
}

std::string_view MaskBlendFilter::fragment_shader() const {
    return R"(#version 330 core
uniform sampler2D u_texture;
uniform sampler2D u_image;
uniform int u_mode;  // MaskBlend::Mode
uniform bool u_image_premultiplied;
in vec2 v_source_px;
in vec2 v_uv;
out vec4 frag_color;
void main() {
    vec4 p = texture(u_texture, v_uv);
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
    if (!texture_) {
        texture_.emplace(GL_RGBA8, image_->width(), image_->height());
        // Uploads need tightly packed rows.
        if (image_->stride(0) == image_->width() * 4) {
            texture_->upload(image_->data(0));
        } else {
            std::vector<uint8_t> packed(size_t(image_->width()) * image_->height() * 4);
            for (int y = 0; y < image_->height(); ++y) {
                std::copy_n(image_->data(0) + size_t(y) * image_->stride(0), image_->width() * 4,
                            packed.data() + size_t(y) * image_->width() * 4);
            }
            texture_->upload(packed.data());
        }
    }
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_2D, texture_->id());
    program.set("u_image", 1);
    program.set("u_mode", int(mode_));
    program.set("u_image_premultiplied", premultiplied_ ? 1 : 0);
}

}  // namespace lm
