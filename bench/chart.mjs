// Chart draw time in headless Chromium: a 100k-point series (one Prometheus
// series at a 900 ms step over 26 hours, fetched in windows and decimated by
// the server to the chart's width) drawn by plotters onto the canvas. Prints
// the first draw and the median warm redraw, and, as the same-run baseline,
// the same number of points drawn as one plain canvas polyline (both timed
// the same way: the draw calls, not the GPU's later rasterization).
// Needs LOOKOUT_URL, LOOKOUT_ADMIN_PASSWORD, DATA_NOW and a running Lookout
// (bench/run.sh provides them).
import { hydrated, launch, logIn, newPage } from '../end2end/lib/browser.mjs';

const url = process.env.LOOKOUT_URL;
const now = Number(process.env.DATA_NOW) * 1000;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const browser = await launch();
try {
  const page = await newPage(browser);
  await page.setViewportSize({ width: 1400, height: 900 });
  await logIn(page, url, 'admin', process.env.LOOKOUT_ADMIN_PASSWORD);
  await page.waitForURL(`${url}/`);
  const sources = await (await page.request.get(`${url}/api/v1/datasources`)).json();
  const prom = sources.find((d) => d.kind === 'prometheus');
  if (!prom) throw new Error('no Prometheus data source: run the Rust bench first (bench/run.sh does)');
  const iso = (ms) => new Date(ms).toISOString();
  const q = encodeURIComponent('demo_cpu_usage{instance="host-00"}');
  await page.goto(`${url}/explore/metrics?ds=${prom.id}&q=${q}&from=${iso(now - 26 * 3600_000)}&to=${iso(now)}&step=900ms`);
  await hydrated(page);
  const chart = page.locator('[data-test=chart][data-draw-ms]');
  await chart.waitFor({ timeout: 60_000 });
  const first = Number(await chart.getAttribute('data-draw-ms'));
  await page.click('[data-test=inspector] summary');
  const inspector = await page.locator('[data-test=inspector]').textContent();
  const pointsIn = Number(inspector.match(/Points returned by the upstream(\d+)/)[1]);
  const pointsOut = Number(inspector.match(/Points sent to the browser(\d+)/)[1]);
  const warm = [];
  for (let i = 0; i < 21; i++) {
    await page.setViewportSize({ width: 1400 - (i % 2), height: 900 });
    await page.waitForTimeout(50);
    warm.push(Number(await chart.getAttribute('data-draw-ms')));
  }
  const baseline = await page.evaluate((n) => {
    const c = document.createElement('canvas');
    c.width = 1400; c.height = 280;
    document.body.appendChild(c);
    const ctx = c.getContext('2d');
    const times = [];
    for (let r = 0; r < 21; r++) {
      const t0 = performance.now();
      ctx.fillStyle = '#171e26'; ctx.fillRect(0, 0, c.width, c.height);
      ctx.strokeStyle = '#4ea1ff'; ctx.beginPath();
      for (let i = 0; i < n; i++) ctx.lineTo(64 + (i / n) * 1320, 10 + ((i * 37) % 246));
      ctx.stroke();
      times.push(performance.now() - t0);
    }
    c.remove();
    return times.sort((a, b) => a - b)[10];
  }, pointsOut);
  const w = median(warm);
  console.log(`chart: ${pointsIn} points from the upstream, ${pointsOut} drawn after decimation`);
  console.log(`chart draw, first: ${first.toFixed(2)} ms (target ≤ 16)`);
  console.log(`chart draw, warm median of ${warm.length}: ${w.toFixed(2)} ms (target ≤ 16)`);
  console.log(`plain canvas polyline of the same points: ${baseline.toFixed(2)} ms; plotters ÷ plain = ${(w / baseline).toFixed(2)}`);
  if (page.errors.length) throw new Error(`page errors: ${page.errors.join('\n')}`);
} finally {
  await browser.close();
}
