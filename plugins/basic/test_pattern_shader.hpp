// GLSL for the test pattern (see test_pattern_source.hpp for what it shows). Two programs so
// that the costly digit drawing runs only over the read-out panel, not the whole frame: on a
// software rasteriser (llvmpipe) every fragment instruction is paid a million times a frame.
#pragma once

namespace lm {

/// Colour bars and the grey ramp; flat white on sync-marker frames.
inline constexpr const char* kTestPatternBackgroundShader = R"(#version 330 core
uniform vec2 u_size;      // source size in pixels
uniform float u_time_s;   // stream time, drives the motion
uniform int u_flash;      // 1 on sync-marker frames
in vec2 v_source_px;
in vec2 v_uv;
out vec4 frag_color;

void main() {
    if (u_flash != 0) {
        frag_color = vec4(1.0);
        return;
    }
    vec2 px = v_source_px;
    // 75% bars in the usual order (white, yellow, cyan, green, magenta, red, blue, black),
    // scrolling one bar width per second. The colour is arithmetic on the bar number rather
    // than a table lookup, which a SIMD rasteriser does without a gather.
    float bar_width = u_size.x / 8.0;
    int bar = int(mod(px.x + u_time_s * bar_width, u_size.x) / bar_width);
    vec3 color = 0.75 * vec3(((bar >> 1) & 1) == 0 ? 1.0 : 0.0, bar < 4 ? 1.0 : 0.0,
                             (bar & 1) == 0 ? 1.0 : 0.0);
    // A grey ramp along the bottom, with a red marker sweeping across it every four seconds.
    if (px.y > u_size.y * 0.82) {
        float sweep = fract(u_time_s / 4.0) * u_size.x;
        color = abs(px.x - sweep) < 6.0 * u_size.y / 720.0 ? vec3(0.9, 0.1, 0.1)
                                                           : vec3(0.85 * px.x / u_size.x);
    }
    frag_color = vec4(color, 1.0);
}
)";

/// The read-out panel: the frame counter above, the stream time (HH:MM:SS.mmm) below, as
/// seven-segment digits. Drawn only over the panel rectangle (panel_rect in the source).
inline constexpr const char* kTestPatternPanelShader = R"(#version 330 core
uniform vec2 u_panel_origin;  // top-left of the panel, source pixels
uniform float u_unit;         // source pixels per design pixel (height / 720)
uniform int u_frame;          // output frame number
uniform int u_time_ms;        // stream time
in vec2 v_source_px;
in vec2 v_uv;
out vec4 frag_color;

// Seven-segment masks, bit 0 = top (a), then b, c, d, e, f, g (middle).
const int kDigitMasks[10] = int[10](0x3F, 0x06, 0x5B, 0x4F, 0x66, 0x6D, 0x7D, 0x07, 0x7F, 0x6F);
const int kColon = 10;
const int kPoint = 11;

// 1 inside the glyph `code` (0-9, colon, point) at p in its cell [0,1]^2 (y down).
float glyph(vec2 p, int code) {
    if (p.x < 0.0 || p.x > 1.0 || p.y < 0.0 || p.y > 1.0) return 0.0;
    if (code == kColon) {
        return (length(p - vec2(0.5, 0.3)) < 0.1 || length(p - vec2(0.5, 0.7)) < 0.1) ? 1.0 : 0.0;
    }
    if (code == kPoint) return length(p - vec2(0.5, 0.88)) < 0.1 ? 1.0 : 0.0;
    int m = kDigitMasks[code];
    const float h = 0.07;  // half the stroke width
    bool on = ((m & 1) != 0 && abs(p.y - 0.08) < h && abs(p.x - 0.5) < 0.34)
           || ((m & 64) != 0 && abs(p.y - 0.5) < h && abs(p.x - 0.5) < 0.34)
           || ((m & 8) != 0 && abs(p.y - 0.92) < h && abs(p.x - 0.5) < 0.34)
           || ((m & 32) != 0 && abs(p.x - 0.12) < h && p.y > 0.08 && p.y < 0.5)
           || ((m & 2) != 0 && abs(p.x - 0.88) < h && p.y > 0.08 && p.y < 0.5)
           || ((m & 16) != 0 && abs(p.x - 0.12) < h && p.y > 0.5 && p.y < 0.92)
           || ((m & 4) != 0 && abs(p.x - 0.88) < h && p.y > 0.5 && p.y < 0.92);
    return on ? 1.0 : 0.0;
}

int digit(int value, int place) {
    for (int i = 0; i < place; ++i) value /= 10;
    return value % 10;
}

// "0001234": seven digits of the frame counter.
int frame_char(int i) { return digit(u_frame, 6 - i); }

// "HH:MM:SS.mmm"
int time_char(int i) {
    if (i == 2 || i == 5) return kColon;
    if (i == 8) return kPoint;
    if (i < 2) return digit((u_time_ms / 3600000) % 100, 1 - i);
    if (i < 5) return digit((u_time_ms / 60000) % 60, 4 - i);
    if (i < 8) return digit((u_time_ms / 1000) % 60, 7 - i);
    return digit(u_time_ms % 1000, 11 - i);
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
        if (i >= 0 && i < 7) ink = glyph((q - line1 - vec2(float(i) * kAdvance, 0.0)) / kCell, frame_char(i));
    } else {
        int i = int(floor((q.x - line2.x) / kAdvance));
        if (i >= 0 && i < 12) ink = glyph((q - line2 - vec2(float(i) * kAdvance, 0.0)) / kCell, time_char(i));
    }
    frag_color = vec4(mix(vec3(0.06), vec3(0.92), ink), 1.0);
}
)";

/// The panel's size in design pixels (a 1280x720 pattern); scaled by height / 720.
inline constexpr float kTestPatternPanelWidth = 12 * 48 + 24;
inline constexpr float kTestPatternPanelHeight = 2 * 64 + 3 * 24;

}  // namespace lm
