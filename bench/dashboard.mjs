// The Host metrics dashboard in headless Chromium: time from navigation to
// every panel shown (drawn by the server or on the canvas) and to every
// panel interactive (hydrated, drawn on its canvas), first (cold browser
// cache) and warm (median of reloads), beside the same queries sent
// straight to Prometheus in the same run; the bytes the page and other pages transfer (compressed, as
// sent); and the server's RSS while 20 browser-less clients refresh it
// every 5 s for a minute. Needs LOOKOUT_URL, LOOKOUT_ADMIN_PASSWORD, LOOKOUT_PID, PROM_URL,
// PROM_USER, PROM_PASSWORD and the `prom` data source (bench/run.sh and the
// Rust bench provide them).
import { readFileSync } from 'node:fs';
import { firstVisit, hydrated, launch, logIn, newPage } from '../end2end/lib/browser.mjs';

const url = process.env.LOOKOUT_URL;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rss = () => Number(readFileSync(`/proc/${process.env.LOOKOUT_PID}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]) / 1024;
const WINDOW = 'now-1h';
const row = (figure, base, ours, ratio, target) =>
  console.log(`ROW | ${figure} | ${base} | ${ours} | ${ratio.toFixed(3)} | ≤ ${target} | ${ratio <= target ? 'met' : 'missed'} |`);

const browser = await launch();
try {
  const page = await newPage(browser);
  await page.setViewportSize({ width: 1400, height: 2400 });
  await logIn(page, url, 'admin', process.env.LOOKOUT_ADMIN_PASSWORD);
  await page.waitForURL(`${url}/`);
  const imported = await page.request.post(`${url}/api/v1/dashboard-library/host-metrics`, { data: { datasources: { Prometheus: 'prom' } } });
  if (![201, 409].includes(imported.status())) throw new Error(`import: ${imported.status()} ${await imported.text()}`);
  const stored = await (await page.request.get(`${url}/api/v1/dashboards/host-metrics`)).json();
  const panels = Object.entries(stored.dashboard.spec.panels);

  // Navigation → every panel answered and every chart shown (the server's
  // drawing or the canvas), then → hydrated and every chart drawn on its
  // canvas (the page answers the pointer). One navigation gives both.
  const drawn = async (pg = page) => {
    const t0 = Date.now();
    await pg.goto(`${url}/d/host-metrics?from=${WINDOW}`, { waitUntil: 'commit' });
    await pg.waitForFunction((n) => document.querySelectorAll('[data-test=panel]').length === n
      && document.querySelectorAll('[data-test=panel-loading], [aria-busy=true]').length === 0
      && [...document.querySelectorAll('.series-chart')].every((c) => c.querySelector('.chart-pre svg, [data-draw-ms]')), panels.length, { timeout: 60_000 });
    const shown = Date.now() - t0;
    await hydrated(pg);
    await pg.waitForFunction(() => [...document.querySelectorAll('.series-chart')].every((c) => c.querySelector('[data-draw-ms]')), null, { timeout: 60_000 });
    return { shown, drawn: Date.now() - t0 };
  };
  // A first visit (`firstVisit`: a browser context of its own, so an empty
  // cache and no wasm compiled by an earlier load), with the same session.
  const session = await page.context().storageState();
  const cold = async () => {
    const { seen, total, opened } = await firstVisit(browser, async (pg) => {
      const errors = [];
      pg.on('pageerror', (e) => errors.push(String(e)));
      const t = await drawn(pg);
      if (errors.length) throw new Error(`page errors: ${errors.join('\n')}`);
      return t;
    }, session, null, { viewport: { width: 1400, height: 2400 } });
    return { ...opened, total, responses: seen.length };
  };
  // A first visit varies by about 2x between runs on a shared machine, so
  // "first" is the median of 3; the bytes are the first one's.
  const colds = [];
  for (let i = 0; i < 3; i++) colds.push(await cold());
  const first = { shown: median(colds.map((t) => t.shown)), drawn: median(colds.map((t) => t.drawn)) };
  const { total: transferred, responses } = colds[0];
  // Warm: the same browser again and again; the first load fills its cache.
  await drawn();
  const warm = [];
  for (let i = 0; i < 7; i++) warm.push(await drawn());
  const warmShown = median(warm.map((t) => t.shown)), warmDrawn = median(warm.map((t) => t.drawn));
  if (page.errors.length) throw new Error(`page errors: ${page.errors.join('\n')}`);

  // The same queries straight to Prometheus, all at once, as the page sends them.
  const auth = 'Basic ' + Buffer.from(`${process.env.PROM_USER}:${process.env.PROM_PASSWORD}`).toString('base64');
  const end = Date.now() / 1000;
  const direct = async () => {
    const t0 = Date.now();
    await Promise.all(panels.flatMap(([, p]) => p.spec.queries.map(async (q) => {
      const expr = q.expr.replaceAll('$instance', '.*').replaceAll('$__rate_interval', '60s');
      const instant = ['gauge', 'bargauge', 'table'].includes(p.kind);
      const qs = instant
        ? `query?query=${encodeURIComponent(expr)}&time=${end}`
        : `query_range?query=${encodeURIComponent(expr)}&start=${end - 3600}&end=${end}&step=15`;
      const r = await fetch(`${process.env.PROM_URL}/api/v1/${qs}`, { headers: { authorization: auth } });
      if (!r.ok) throw new Error(`${expr}: ${r.status}`);
      await r.json();
    })));
    return Date.now() - t0;
  };
  const straight = [];
  for (let i = 0; i < 7; i++) straight.push(await direct());
  const s = median(straight);
  console.log(`dashboard (host metrics, ${panels.length} panels): all shown, first (median of 3 first visits: ${colds.map((t) => t.shown).join(', ')}) ${first.shown} ms, warm median ${warmShown} ms; all drawn on canvas, first (${colds.map((t) => t.drawn).join(', ')}) ${first.drawn} ms, warm median ${warmDrawn} ms; the same queries straight to Prometheus: median ${s} ms`);
  console.log(`dashboard page transfer, cold cache: ${(transferred / 1024).toFixed(0)} KiB over ${responses} responses`);
  row('host-metrics: all panels drawn, first visit, median of 3 (ms)', `${s} ms straight to Prometheus`, `${first.shown} ms`, first.shown / s, 10);
  row('host-metrics: all panels drawn, warm median (ms)', `${s} ms straight to Prometheus`, `${warmShown} ms`, warmShown / s, 3);
  row('host-metrics: all panels interactive (hydrated, drawn on canvas), first visit, median of 3 (ms)', `${s} ms straight to Prometheus`, `${first.drawn} ms`, first.drawn / s, 10);
  row('host-metrics: all panels interactive (hydrated, drawn on canvas), warm median (ms)', `${s} ms straight to Prometheus`, `${warmDrawn} ms`, warmDrawn / s, 3);
  row('dashboard page first-load transfer (bytes, incl. panel answers)', '400 KB budget', `${transferred} B`, transferred / 400_000, 1);

  // Other pages, each a first visit with an empty cache: what each route
  // costs to open (the rare pages add their own chunks to the main wasm).
  const state = await page.context().storageState();
  for (const path of ['/login', '/', '/explore', '/admin/users']) {
    const { seen, total } = await firstVisit(browser, `${url}${path}`, path === '/login' ? null : state);
    row(`page ${path} first-visit transfer (bytes over ${seen.length} requests)`, '400 KB budget', `${total} B`, total / 400_000, 1);
  }

  // 20 clients refreshing every 5 s for a minute, through the REST panel API.
  const cookies = await page.context().cookies();
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const before = rss();
  let peak = before, requests = 0, errors = 0;
  const refresh = async () => {
    const now = Date.now();
    await Promise.all(panels.map(async ([id]) => {
      const r = await fetch(`${url}/api/v1/dashboards/host-metrics/panels/${id}/query`, {
        method: 'POST', headers: { cookie, 'content-type': 'application/json', origin: url },
        body: JSON.stringify({ range: { from_ms: now - 3600_000, to_ms: now }, width: 600 }),
      });
      requests++;
      if (!r.ok) errors++;
      await r.arrayBuffer();
    }));
  };
  const stop = Date.now() + 60_000;
  const sampler = setInterval(() => { peak = Math.max(peak, rss()); }, 500);
  await Promise.all(Array.from({ length: 20 }, async (_, i) => {
    await new Promise((ok) => setTimeout(ok, i * 250));
    while (Date.now() < stop) {
      const t = Date.now();
      await refresh();
      await new Promise((ok) => setTimeout(ok, Math.max(0, 5000 - (Date.now() - t))));
    }
  }));
  clearInterval(sampler);
  console.log(`20 clients × ${panels.length} panels every 5 s for 60 s: ${requests} panel requests, ${errors} errors; RSS ${before.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB, ${rss().toFixed(0)} MB after`);
  row('RSS under load, peak (MB; 20 clients refreshing a dashboard)', `${before.toFixed(0)} MB before`, `${peak.toFixed(0)} MB`, peak / 80, 1);
} finally {
  await browser.close();
}
