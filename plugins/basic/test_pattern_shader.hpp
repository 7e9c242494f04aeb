// GLSL for the test pattern (see test_pattern_source.hpp for what it shows).
#pragma once

namespace lm {

inline constexpr const char* kTestPatternShader = R"(#version 330 core
uniform vec2 u_size;      // source size in pixels
uniform float u_time_s;   // stream time, drives the motion
uniform int u_frame;      // output frame number
uniform int u_time_ms;    // stream time for the clock read-out
uniform int u_flash;      // 1 on sync-marker frames
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
    int ms = u_time_ms % 1000;
    int s = (u_time_ms / 1000) % 60;
    int m = (u_time_ms / 60000) % 60;
    int h = (u_time_ms / 3600000) % 100;
    if (i == 2 || i == 5) return kColon;
    if (i == 8) return kPoint;
    if (i < 2) return digit(h, 1 - i);
    if (i < 5) return digit(m, 4 - i);
    if (i < 8) return digit(s, 7 - i);
    return digit(ms, 11 - i);
}

void main() {
    if (u_flash != 0) {
        frag_color = vec4(1.0);
        return;
    }
    vec2 px = v_source_px;
    float unit = u_size.y / 720.0;

    // 75% colour bars scrolling one bar width per second.
    const vec3 kBars[8] = vec3[8](vec3(0.75), vec3(0.75, 0.75, 0.0), vec3(0.0, 0.75, 0.75),
                                  vec3(0.0, 0.75, 0.0), vec3(0.75, 0.0, 0.75),
                                  vec3(0.75, 0.0, 0.0), vec3(0.0, 0.0, 0.75), vec3(0.0));
    float bar_width = u_size.x / 8.0;
    float x = mod(px.x + u_time_s * bar_width, u_size.x);
    vec3 color = kBars[clamp(int(x / bar_width), 0, 7)];

    // A grey ramp along the bottom, with a marker sweeping across it every four seconds.
    if (px.y > u_size.y * 0.82) {
        color = vec3(0.85 * px.x / u_size.x);
        float sweep = fract(u_time_s / 4.0) * u_size.x;
        if (abs(px.x - sweep) < 6.0 * unit) color = vec3(0.9, 0.1, 0.1);
    }

    // The read-out panel: frame counter above, stream time below.
    vec2 cell = vec2(40.0, 64.0) * unit;
    float advance = 48.0 * unit;
    float margin = 24.0 * unit;
    vec2 panel_size = vec2(12.0 * advance + margin, 2.0 * cell.y + 3.0 * margin);
    vec2 panel_min = 0.5 * (u_size - panel_size);
    vec2 q = px - panel_min;
    if (q.x >= 0.0 && q.y >= 0.0 && q.x < panel_size.x && q.y < panel_size.y) {
        color = vec3(0.06);
        float ink = 0.0;
        vec2 line1 = vec2(margin + 2.5 * advance, margin);
        vec2 line2 = vec2(margin, 2.0 * margin + cell.y);
        int i1 = int(floor((q.x - line1.x) / advance));
        if (i1 >= 0 && i1 < 7) {
            ink = glyph((q - line1 - vec2(float(i1) * advance, 0.0)) / cell, frame_char(i1));
        }
        int i2 = int(floor((q.x - line2.x) / advance));
        if (i2 >= 0 && i2 < 12) {
            ink = max(ink, glyph((q - line2 - vec2(float(i2) * advance, 0.0)) / cell, time_char(i2)));
        }
        color = mix(color, vec3(0.92), ink);
    }
    frag_color = vec4(color, 1.0);
}
)";

}  // namespace lm
