// Plays an HLS player page in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core) and checks that the video really plays: currentTime advances by SECONDS,
// the picture is 1280x720, and the page shows no error.
//   NODE_PATH=packaging/hls/node_modules node hls_player.cjs URL SECONDS
// Prints one JSON report on stdout; exit 1 with the reason on stderr when it did not play.
'use strict';
const { chromium } = require('playwright-core');

const [url, secondsText] = process.argv.slice(2);
const wantedS = Number(secondsText);
const limitMs = 90000;

async function main() {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
    // --disable-dev-shm-usage: containers often give /dev/shm 64 MB, too little for video.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--autoplay-policy=no-user-gesture-required',
      '--mute-audio'],
  });
  const problems = [];
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => problems.push('page error: ' + e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push('console error: ' + m.text());
    });
    const loadedAt = Date.now();
    await page.goto(url);
    let first = null;
    let last = null;
    while (Date.now() - loadedAt < limitMs) {
      last = await page.evaluate(() => {
        const v = document.getElementById('video');
        const hls = window.lmPlayer && window.lmPlayer.hls;
        return {
          time: v.currentTime,
          width: v.videoWidth,
          height: v.videoHeight,
          status: document.getElementById('status').textContent,
          errors: window.lmPlayer ? window.lmPlayer.errors : ['no player'],
          latency: hls ? hls.latency : null,
          playingDate: hls && hls.playingDate ? hls.playingDate.getTime() : null,
          now: Date.now(),
        };
      });
      if (last.errors.length > 0) break;
      if (first === null && last.time > 0) first = { ...last, wall: Date.now() };
      if (first !== null && last.time - first.time >= wantedS) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const report = {
      played_s: first ? +(last.time - first.time).toFixed(2) : 0,
      wall_s: first ? +((Date.now() - first.wall) / 1000).toFixed(2) : 0,
      first_picture_after_s: first ? +((first.wall - loadedAt) / 1000).toFixed(2) : null,
      width: last ? last.width : 0,
      height: last ? last.height : 0,
      status: last ? last.status : '',
      behind_playlist_end_s: last && last.latency !== null ? +last.latency.toFixed(2) : null,
      behind_live_s: last && last.playingDate ? +((last.now - last.playingDate) / 1000).toFixed(2) : null,
      errors: (last ? last.errors : []).concat(problems),
    };
    console.log(JSON.stringify(report));
    const failures = [];
    if (report.errors.length > 0) failures.push('the page reported errors');
    if (report.played_s < wantedS) failures.push(`played ${report.played_s} s, wanted ${wantedS} s`);
    if (report.width !== 1280 || report.height !== 720) failures.push(`video is ${report.width}x${report.height}, wanted 1280x720`);
    if (failures.length > 0) {
      console.error(failures.join('; '));
      process.exitCode = 1;
    }
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error('player test failed: ' + (e && e.stack ? e.stack : e));
  process.exitCode = 1;
});
