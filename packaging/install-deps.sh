#!/usr/bin/env bash
# Installs what Live Machine needs to build, run and test on Debian 12 (bookworm).
# Idempotent and quiet when everything is already there. Needs root (or sudo).
set -euo pipefail

packages=(
  # build
  cmake ninja-build pkgconf g++ ccache clang-format
  # engine
  libavcodec-dev libavformat-dev libavutil-dev libswscale-dev libswresample-dev
  libavdevice-dev libavfilter-dev libx264-dev libffmpeg-nvenc-dev
  nlohmann-json3-dev libspdlog-dev libfmt-dev libepoxy-dev
  libegl-dev libgl-dev libgles-dev libgl1-mesa-dri libegl-mesa0
  # studio window and capture (later features)
  qt6-base-dev libqt6opengl6-dev qt6-base-private-dev qt6-websockets-dev
  portaudio19-dev libpulse-dev libx11-dev libxext-dev
  libxcb-shm0-dev libxcb-composite0-dev libxcb-xfixes0-dev libxcb-damage0-dev libxcomposite-dev
  libxfixes-dev
  libpango1.0-dev libcairo2-dev libspeexdsp-dev libgnutls28-dev
  # PipeWire screen capture (Wayland): the stream, and D-Bus to the desktop portal (sd-bus)
  libpipewire-0.3-dev libsystemd-dev
  # fonts the text source falls back to (Latin, Hebrew, Arabic; CJK; colour emoji)
  fonts-dejavu-core fonts-wqy-microhei fonts-noto-color-emoji
  # tests: an RTMP server, a virtual display, a sound server, ffmpeg for test media
  catch2 nginx libnginx-mod-rtmp libnginx-mod-stream openssl ffmpeg xvfb xauth pulseaudio pulseaudio-utils
  libasound2-plugins iproute2 procps
  # PipeWire capture tests: a headless Wayland desktop with a screen-cast portal
  sway swaybg pipewire wireplumber xdg-desktop-portal xdg-desktop-portal-wlr dbus-daemon
  # HLS tests: headless Chromium plays the player page (driven by playwright-core from npm)
  chromium
)
# node and npm: Debian's, unless some other node (e.g. NodeSource's, which bundles npm) is there.
command -v npm >/dev/null || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "Installing ${#missing[@]} packages: ${missing[*]}" >&2
$SUDO apt-get -o DPkg::Lock::Timeout=900 -qq update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=900 -qq install -y \
  --no-install-recommends "${missing[@]}" >/dev/null
# nginx is only a tool for the tests: the package's own service must not hold port 80.
if command -v systemctl >/dev/null && systemctl is-active --quiet nginx 2>/dev/null; then
  $SUDO systemctl disable --now nginx >/dev/null 2>&1 || true
fi
