// GLSL for the test pattern (see test_pattern_source.hpp for what it shows). The picture is
// split into rectangles, each drawn with the cheapest program that paints it: on a software
// rasteriser (llvmpipe) every fragment instruction is paid up to a million times a frame, so
// the bars are flat fills and the digit logic runs over the read-out panel only.
#pragma once

namespace lm {

/// A flat colour: the bars, the flash and the sweep marker are drawn as rectangles of it, so
/// the rasteriser's per-pixel work is a plain fill.
inline constexpr const char* kTestPatternFlatShader = R"(#version 330 core
uniform vec4 u_color;
in vec2 v_source_px;
in vec2 v_uv;
out vec4 frag_color;
void main() { frag_color = u_color; }
)";

/// The grey ramp along the bottom (black to 85% across the width).
inline constexpr const char* kTestPatternRampShader = R"(#version 330 core
in vec2 v_source_px;
in vec2 v_uv;
out vec4 frag_color;
void main() { frag_color = vec4(vec3(0.85 * v_uv.x), 1.0); }
)";

/// The read-out panel: the frame counter above, the stream time (HH:MM:SS.mmm) below, as
/// seven-segment digits. The characters are worked out once per frame on the CPU and passed as
/// codes; per pixel the shader only finds its cell and tests the seven segments.
inline constexpr const char* kTestPatternPanelShader = R"(#version 330 core
uniform vec2 u_panel_origin;  // top-left of the panel, source pixels
uniform float u_unit;         // source pixels per design pixel (height / 720)
uniform int u_line1[7];       // frame counter: digit codes
uniform int u_line2[12];      // stream time: digit codes, 10 = colon, 11 = point
in vec2 v_source_px;
in vec2 v_uv;
out vec4 frag_color;

// Seven-segment masks, bit 0 = top (a), then b, c, d, e, f, g (middle).
const int kDigitMasks[10] = int[10](0x3F, 0x06, 0x5B, 0x4F, 0x66, 0x6D, 0x7D, 0x07, 0x7F, 0x6F);

// 1 inside the glyph `code` (0-9, 10 colon, 11 point) at p in its cell [0,1]^2 (y down).
float glyph(vec2 p, int code) {
    if (p.x < 0.0 || p.x > 1.0 || p.y < 0.0 || p.y > 1.0) return 0.0;
    if (code == 10) return (abs(p.x - 0.5) < 0.09 && abs(abs(p.y - 0.5) - 0.2) < 0.06) ? 1.0 : 0.0;
    if (code == 11) return (abs(p.x - 0.5) < 0.09 && abs(p.y - 0.88) < 0.06) ? 1.0 : 0.0;
    int m = kDigitMasks[code];
    const float h = 0.07;  // half the stroke width
    bool across = abs(p.x - 0.5) < 0.34;
    bool left = abs(p.x - 0.12) < h;
    bool right = abs(p.x - 0.88) < h;
    bool upper = p.y > 0.08 && p.y < 0.5;
    bool lower = p.y > 0.5 && p.y < 0.92;
    bool on = (across && (((m & 1) != 0 && abs(p.y - 0.08) < h) ||
                          ((m & 64) != 0 && abs(p.y - 0.5) < h) ||
                          ((m & 8) != 0 && abs(p.y - 0.92) < h)))
           || (upper && (((m & 32) != 0 && left) || ((m & 2) != 0 && right)))
           || (lower && (((m & 16) != 0 && left) || ((m & 4) != 0 && right)));
    return on ? 1.0 : 0.0;
}

void main() {
    vec2 q = (v_source_px - u_panel_origin) / u_unit;  // design pixels inside the panel
    const vec2 kCell = vec2(40.0, 64.0);
    const float kAdvance = 48.0;
    const float kMargin = 24.0;
    float ink = 0.0;
    vec2 line1 = vec2(kMargin + 2.5 * kAdvance, kMargin);
    vec2 line2 = vec2(kMargin, 2.0 * kMargin + kCell.y);
    if (q.y < line2.y - 0.5 * kMargin) {
        int i = int(floor((q.x - line1.x) / kAdvance));
        if (i >= 0 && i < 7) ink = glyph((q - line1 - vec2(float(i) * kAdvance, 0.0)) / kCell, u_line1[i]);
    } else {
        int i = int(floor((q.x - line2.x) / kAdvance));
        if (i >= 0 && i < 12) ink = glyph((q - line2 - vec2(float(i) * kAdvance, 0.0)) / kCell, u_line2[i]);
    }
    frag_color = vec4(mix(vec3(0.06), vec3(0.92), ink), 1.0);
}
)";

/// The panel's size in design pixels (a 1280x720 pattern); scaled by height / 720.
inline constexpr float kTestPatternPanelWidth = 12 * 48 + 24;
inline constexpr float kTestPatternPanelHeight = 2 * 64 + 3 * 24;

}  // namespace lm
