#!/usr/bin/env bash
# Draws throttle_test.sh's timeline as an SVG on stdout (awk only: CI has no plotting tools).
#
#   plot_timeline.sh TIMELINE TITLE [SHED_MS]
# TIMELINE rows: time_s link_kbit out_kbps video_kbps queue_ms dropped_total; SHED_MS is the
# queued media time past which every non-key frame is dropped (900 ms, 3000 ms with dynamic
# bitrate), the top of the queue panel.
set -euo pipefail
awk -v title="$2" -v shed_ms="${3:-900}" '
function min(a, b) { return a < b ? a : b }
function x(t) { return 60 + (t - t0) * 820 / (t1 - t0) }
function yk(v) { return 40 + 220 - v * 220 / kmax }          # kbit/s panel
function yq(v) { return 300 + 100 - v * 100 / qmax }         # queue ms panel
function poly(col, color, yfun,   i, p) {
    p = ""
    for (i = 1; i <= n; i++) p = p sprintf("%.1f,%.1f ", x(T[i]), (yfun == "k" ? yk(min(V[col, i], kmax)) : yq(min(V[col, i], qmax))))
    printf "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>\n", color, p
}
{ n++; T[n] = $1; for (c = 2; c <= 6; c++) V[c, n] = $c }
END {
    t0 = T[1]; t1 = T[n]; if (t1 == t0) t1 = t0 + 1
    kmax = 3500; qmax = shed_ms
    printf "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"900\" height=\"450\" font-family=\"sans-serif\" font-size=\"12\">\n"
    printf "<rect width=\"900\" height=\"450\" fill=\"white\"/>\n"
    printf "<text x=\"60\" y=\"24\" font-size=\"15\">%s</text>\n", title
    for (v = 0; v <= kmax; v += 500) printf "<line x1=\"60\" x2=\"880\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/><text x=\"10\" y=\"%.1f\">%d</text>\n", yk(v), yk(v), yk(v) + 4, v
    for (v = 0; v <= qmax; v += 250) printf "<line x1=\"60\" x2=\"880\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/><text x=\"10\" y=\"%.1f\">%d</text>\n", yq(v), yq(v), yq(v) + 4, v
    for (t = 0; t <= t1 - t0; t += 10) printf "<text x=\"%.1f\" y=\"425\">%d s</text>\n", x(t0 + t) - 8, t
    printf "<text x=\"60\" y=\"290\">send queue (ms of media; all but keyframes are dropped past %d ms) and frames dropped so far</text>\n", shed_ms
    poly(2, "#999999", "k"); poly(4, "#1f77b4", "k"); poly(3, "#2ca02c", "k")
    poly(5, "#d62728", "q")
    # Dropped frames: a step line on the queue panel, scaled to its own maximum.
    dmax = V[6, n] > 0 ? V[6, n] : 1
    p = ""; for (i = 1; i <= n; i++) p = p sprintf("%.1f,%.1f ", x(T[i]), 400 - V[6, i] * 100 / dmax)
    printf "<polyline fill=\"none\" stroke=\"#ff7f0e\" stroke-dasharray=\"4 3\" stroke-width=\"2\" points=\"%s\"/>\n", p
    printf "<text x=\"620\" y=\"56\" fill=\"#999999\">link (kbit/s)</text>\n"
    printf "<text x=\"620\" y=\"72\" fill=\"#1f77b4\">video bitrate asked of x264 (kbps)</text>\n"
    printf "<text x=\"620\" y=\"88\" fill=\"#2ca02c\">sent, audio included (kbps)</text>\n"
    printf "<text x=\"620\" y=\"316\" fill=\"#d62728\">queue (ms)</text>\n"
    printf "<text x=\"620\" y=\"332\" fill=\"#ff7f0e\">frames dropped: %d in all</text>\n", V[6, n]
    printf "</svg>\n"
}' "$1"
