// Chart draw time in headless Chromium, at 100k and 1M points: one series
// (26 h at a 900 ms step) and ten such series, fetched in windows and
// decimated by the server to the chart's width, then drawn by plotters onto
// the canvas. The same-run baseline is uPlot (npm, bench only) drawing the
// same number of points in the same Chromium, on a blank page (Lookout's CSP
// rightly refuses inline scripts). Both are timed the same way: the draw
// calls, not the GPU's later rasterization. Prints `ROW` lines for
// bench/REPORT.md. Needs LOOKOUT_URL, LOOKOUT_ADMIN_PASSWORD, DATA_NOW and a
// running Lookout (bench/run.sh provides them).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { hydrated, launch, logIn, newPage } from '../end2end/lib/browser.mjs';

const url = process.env.LOOKOUT_URL;
const now = Number(process.env.DATA_NOW) * 1000;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const uplot = readFileSync(createRequire(import.meta.url).resolve('uplot/dist/uPlot.iife.min.js'), 'utf8');
const row = (figure, base, ours, ratio, target) =>
  console.log(`ROW | ${figure} | ${base} | ${ours} | ${ratio.toFixed(3)} | ≤ ${target} | ${ratio <= target ? 'met' : 'missed'} |`);

/** Lookout's Explore chart of `expr`: points in and out, first and warm draw. */
async function lookout(page, prom, expr) {
  const iso = (ms) => new Date(ms).toISOString();
  await page.goto(`${url}/explore/metrics?ds=${prom}&q=${encodeURIComponent(expr)}&from=${iso(now - 26 * 3600_000)}&to=${iso(now)}&step=900ms`);
  await hydrated(page);
  const chart = page.locator('[data-test=chart][data-draw-ms]');
  await chart.waitFor({ timeout: 120_000 });
  const first = Number(await chart.getAttribute('data-draw-ms'));
  await page.click('[data-test=inspector] summary');
  const cell = await page.locator('[data-test=panel-inspector] tbody tr td:nth-child(5)').first().textContent();
  const [, pointsIn, pointsOut] = cell.match(/(\d+) → (\d+)/).map(Number);
  const warm = [];
  for (let i = 0; i < 21; i++) {
    await page.setViewportSize({ width: 1400 - (i % 2), height: 900 });
    await page.waitForTimeout(50);
    warm.push(Number(await chart.getAttribute('data-draw-ms')));
  }
  return { pointsIn, pointsOut, first, warm: median(warm) };
}

/** uPlot drawing `series` × `each` points into a 1400 × 280 chart: first and warm. */
async function uplotDraw(page, series, each) {
  await page.setContent('<!doctype html><body></body>');
  await page.addScriptTag({ content: uplot });
  return page.evaluate(([series, each]) => new Promise((done) => {
    const xs = Float64Array.from({ length: each }, (_, i) => i * 0.9);
    const data = [xs, ...Array.from({ length: series }, (_, s) => Float64Array.from(xs, (_, i) => ((i * 37 + s * 11) % 246) / 246))];
    const times = [];
    let t0 = performance.now();
    const opts = { width: 1400, height: 280, series: [{}, ...Array.from({ length: series }, () => ({ stroke: '#4ea1ff' }))],
      hooks: { draw: [() => {
        times.push(performance.now() - t0);
        if (times.length < 22) { t0 = performance.now(); setTimeout(() => { t0 = performance.now(); u.setSize({ width: 1400 - (times.length % 2), height: 280 }); }, 0); }
        else done({ first: times[0], warm: times.slice(1).sort((a, b) => a - b)[10] });
      }] } };
    const u = new uPlot(opts, data, document.body);
  }), [series, each]);
}

const browser = await launch();
try {
  const page = await newPage(browser);
  await page.setViewportSize({ width: 1400, height: 900 });
  await logIn(page, url, 'admin', process.env.LOOKOUT_ADMIN_PASSWORD);
  await page.waitForURL(`${url}/`);
  const sources = await (await page.request.get(`${url}/api/v1/datasources`)).json();
  const prom = sources.find((d) => d.kind === 'prometheus');
  if (!prom) throw new Error('no Prometheus data source: run the Rust bench first (bench/run.sh does)');
  const blank = await newPage(browser);
  for (const [label, expr, series] of [
    ['100k', 'demo_cpu_usage{instance="host-00"}', 1],
    ['1M', 'demo_cpu_usage{instance=~"host-0[0-9]"}', 10],
  ]) {
    const ours = await lookout(page, prom.id, expr);
    const theirs = await uplotDraw(blank, series, Math.round(ours.pointsIn / series));
    console.log(`chart ${label}: ${ours.pointsIn} points from the upstream, ${ours.pointsOut} drawn after decimation; uPlot draws all ${ours.pointsIn}`);
    row(`chart draw ${label} points, first (ms)`, `uPlot ${theirs.first.toFixed(1)} ms`, `${ours.first.toFixed(1)} ms`, ours.first / theirs.first, 1);
    row(`chart draw ${label} points, warm median (ms)`, `uPlot ${theirs.warm.toFixed(1)} ms`, `${ours.warm.toFixed(1)} ms`, ours.warm / theirs.warm, 1);
  }
  if (page.errors.length) throw new Error(`page errors: ${page.errors.join('\n')}`);
} finally {
  await browser.close();
}
