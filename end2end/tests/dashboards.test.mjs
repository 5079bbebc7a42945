// Dashboards as a person uses them: the empty home page offers the
// ready-made dashboards; importing *Service errors* lists it; opening it
// draws every panel from the real peers; the range and a variable live in
// the URL (reload keeps them); hostile titles and values show as text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { hydrated, launch, logIn, loggedIn, newPage } from '../lib/browser.mjs';
import { startWithPeers } from '../lib/peers.mjs';
import { ADMIN_PASSWORD, startLookout } from '../lib/server.mjs';

let server, browser;
before(async () => {
  server = await startWithPeers(startLookout);
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.stop(); });

const admin = () => loggedIn(browser, server.url, 'admin', ADMIN_PASSWORD);

test('import a ready-made dashboard from the empty home page and watch its panels draw', async () => {
  const page = await admin();
  await page.waitForSelector('[data-test=dashboards-empty]');
  await page.click('[data-test=import-service-errors]');
  await page.waitForSelector('[data-test=dashboard-item] >> text=Service errors');
  await page.fill('[data-test=dashboard-search]', 'on-call');
  assert.equal(await page.locator('[data-test=dashboard-item]').count(), 1, 'found by tag');
  await page.fill('[data-test=dashboard-search]', 'nothing-like-this');
  assert.equal(await page.locator('[data-test=dashboard-item]').count(), 0);
  await page.fill('[data-test=dashboard-search]', '');
  await page.click('[data-test=dashboard-item] >> text=Service errors');
  await page.waitForURL(/\/d\/service-errors/);
  await hydrated(page);
  await page.waitForSelector('[data-test=dashboard-title]:has-text("Service errors")');
  const panels = page.locator('[data-test=panel]');
  assert.equal(await panels.count(), 5);
  // Every query panel ends drawn (no error, no endless loading).
  await page.waitForFunction(() => document.querySelectorAll('[data-test=panel-loading], [aria-busy=true]').length === 0, null, { timeout: 20_000 });
  assert.equal(await page.locator('[data-test=panel-error]').count(), 0, await page.locator('[data-test=panel-error]').allTextContents().then(String));
  await page.selectOption('[data-test=time-range] select[aria-label="Quick range"]', 'now-24h');
  await page.waitForURL(/from=now-24h/);
  await page.waitForSelector('[data-kind=logs] table.logs tr.hit');
  await page.waitForSelector('[data-kind=timeseries] [data-test=chart] canvas', { timeout: 20_000 });
  // Both volume panels draw (split volumes take a terms query first, so wait).
  await page.waitForFunction(() => [...document.querySelectorAll('[data-kind=logvolume]')]
    .filter((p) => p.querySelector('[data-test=chart] canvas')).length === 2, null, { timeout: 20_000 });
  // Volume by level is stacked, one series per level.
  await page.waitForFunction(() => {
    const names = [...document.querySelectorAll('[data-panel=by_level] [data-test=chart-legend] li')].map((x) => x.dataset.series);
    return names.includes('error') && names.includes('info');
  }, null, { timeout: 20_000 });
  const levels = await page.locator('[data-kind=logs] table.logs tr.hit td:nth-child(2)').allTextContents();
  assert.ok(levels.length > 0 && levels.every((l) => l === 'error'), `only errors: ${levels}`);

  // A variable picked from its options (the service field's terms, from
  // osmem) filters every panel; reload keeps it. (Every generated error is
  // from checkout, so payments has none.)
  const toggle = async (v) => {
    const picker = '[data-test=var-service-picker]';
    await page.waitForSelector(`${picker} input[data-option="${v}"]`, { state: 'attached' });
    if (!(await page.$eval(picker, (d) => d.open))) await page.click(`${picker} summary`);
    await page.click(`${picker} input[data-option="${v}"]`);
  };
  await toggle('payments');
  await page.waitForURL(/var-service=payments$/);
  await page.waitForSelector('[data-kind=logs] [data-test=no-data]');
  await toggle('payments');
  await page.waitForURL((u) => !u.search.includes('var-service=payments'));
  await toggle('checkout');
  await page.waitForURL(/var-service=checkout$/);
  await page.waitForFunction(() => {
    const cells = [...document.querySelectorAll('[data-kind=logs] table.logs tr.hit td:nth-child(3)')].map((c) => c.textContent);
    return cells.length > 0 && cells.every((c) => c === 'checkout');
  }, null, { timeout: 20_000 });
  // From a log panel hit to its surrounding logs, on the same page.
  await page.locator('[data-kind=logs] table.logs tr.hit').first().click();
  await page.click('[data-kind=logs] [data-test=show-context]');
  const context = page.locator('[data-kind=logs] [data-test=context]');
  await context.locator('tr.hit[data-anchor=true]').waitFor();
  assert.match(await context.locator('header').textContent(), /service = checkout/);
  // "Explore" opens the panel's query with the variable filled in and the range.
  const href = await page.getAttribute('[data-kind=logs] [data-test=panel-explore]', 'href');
  const link = new URL(href, server.url);
  assert.equal(link.pathname, '/explore');
  assert.equal(link.searchParams.get('q'), 'level:error AND service:checkout');
  assert.match(link.searchParams.get('from'), /^\d{4}-\d\d-\d\dT/);
  await page.reload();
  await hydrated(page);
  assert.equal(await page.textContent('[data-test=var-service-picker] summary'), 'checkout');
  assert.match(page.url(), /from=now-24h/);
  // A hostile value matches nothing and breaks nothing.
  await page.goto(page.url().replace('var-service=checkout', `var-service=${encodeURIComponent('a") OR (*')}`));
  await hydrated(page);
  await page.waitForSelector('[data-kind=logs] [data-test=no-data]');
  assert.equal(await page.textContent('[data-test=var-service-picker] summary'), 'a") OR (*');
  assert.deepEqual(page.dialogs, []);
  assert.deepEqual(page.errors, []);
});

test('a dashboard title with markup is shown as text and runs nothing', async () => {
  const page = await admin();
  const evil = '<img src=x onerror="alert(1)">';
  const res = await page.request.post(`${server.url}/api/v1/dashboards`, { data: {
    dashboard: { kind: 'Dashboard', schemaVersion: 1, metadata: { uid: 'evil', title: evil, tags: ['<b>t</b>'] },
      spec: { panels: { note: { kind: 'text', spec: { title: evil, options: { markdown: '<script>alert(2)</script>' } } } },
        layout: [{ title: evil, items: [{ panel: 'note', x: 0, y: 0, w: 24, h: 4 }] }] } },
  } });
  assert.equal(res.status(), 201);
  await page.goto(`${server.url}/d/evil`);
  await hydrated(page);
  assert.equal(await page.textContent('[data-test=dashboard-title]'), evil);
  await page.waitForSelector('[data-test=text-panel]', { state: 'attached' });
  assert.equal(await page.locator('[data-test=text-panel] script').count(), 0, 'sanitised on the server');
  assert.equal(await page.locator('img[src=x]').count(), 0);
  assert.deepEqual(page.dialogs, []);
  await page.goto(`${server.url}/d/no-such-dashboard`);
  await page.waitForSelector('[data-test=dashboard-error]:has-text("no dashboard")');
});

test('Host metrics opened by URL renders on the server and hydrates cleanly', async () => {
  const page = await admin();
  const res = await page.request.post(`${server.url}/api/v1/dashboard-library/host-metrics`, {
    data: { datasources: { Prometheus: 'Prom' } },
  });
  assert.equal(res.status(), 201);
  // Refresh off, so every panel request below is one the page chose to make.
  const at = `${server.url}/d/host-metrics?from=now-15m&refresh=`;
  const html = await (await page.request.get(at)).text();
  assert.match(html, /data-test="panel"/, 'panels are in the server-rendered page');
  // The server ran each panel once, and its answer is in the page once.
  assert.equal((html.match(/\{\\"Done\\":/g) ?? []).length, 9, 'one answer per panel in the page');
  const asked = [];
  page.on('request', (r) => { if (r.url().includes('/api/fn/run_panel')) asked.push(r.url()); });
  // Tall enough for all 9 panels: only panels near the screen follow a new range.
  await page.setViewportSize({ width: 1280, height: 2400 });
  await page.goto(at);
  await hydrated(page);
  await page.waitForFunction(() => document.querySelectorAll('[data-test=panel-loading], [aria-busy=true]').length === 0, null, { timeout: 20_000 });
  // Hydrating at the instant the server rendered, the browser resolves
  // "now-15m" as the server did and asks no panel again.
  assert.deepEqual(asked, [], 'no panel asked again by the browser');
  // The display zone is only how times are shown: "last 15 min" is the same
  // span in UTC, so switching it asks no panel again (the range keeps the
  // instant it was resolved at until a refresh tick or a new range).
  await page.locator('[data-test=zone]').selectOption('utc');
  await page.waitForURL(/tz=utc/);
  await page.waitForTimeout(500);
  assert.deepEqual(asked, [], 'a zone switch asks no panel');
  // A new range does ask every panel.
  await page.click('[data-test=zoom-out]');
  await page.waitForURL(/from=20\d\d-/);
  await page.waitForFunction(() => document.querySelectorAll('[data-test=panel-loading], [aria-busy=true]').length === 0, null, { timeout: 20_000 });
  assert.equal(asked.length, 9, 'each panel asked once for the wider range');
  await page.goto(at);
  await hydrated(page);
  assert.equal(await page.locator('[data-test=panel]').count(), 9);
  assert.equal(await page.locator('[data-test=panel-error]').count(), 0);
  assert.ok(await page.locator('[data-test=values] tr').count() >= 2, 'the gauge and the host table show values');
  assert.match(await page.textContent('[data-test=stat]'), /\d (s|min|h|d)$/, 'uptime as a duration');
  // Inspect shows what was sent upstream; CSV downloads the panel's data.
  // (The load panel reads gauges: points from node-exporter's first scrape.)
  await page.click('[data-panel=load] [data-test=panel-inspect]');
  assert.match(await page.textContent('[data-panel=load] [data-test=panel-inspector]'), /(GET|POST) \/api\/v1\/query_range/);
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('[data-panel=load] [data-test=panel-csv]')]);
  assert.match(file.suggestedFilename(), /^Loadaverage\.csv$/);
  const rows = readFileSync(await file.path(), 'utf8').trim().split('\n');
  assert.equal(rows[0], 'series,time,value');
  assert.ok(rows.length > 3 && /^[a-z0-9]+,\d{4}-\d\d-\d\dT[\d:.]+Z,[\d.e-]+$/.test(rows[1]), rows.slice(0, 3).join('\n'));
  // A legend click shows that series alone; a second click shows all again.
  const load = page.locator('[data-panel=load] [data-test=chart]');
  assert.equal(await load.getAttribute('data-series-count'), '3');
  await page.click('[data-panel=load] [data-test=chart-legend] li[data-series="5m"] button');
  await page.waitForFunction(() => document.querySelector('[data-panel=load] [data-test=chart]').dataset.seriesCount === '1');
  assert.equal(await page.locator('[data-panel=load] li.dim').count(), 2, 'the others are dimmed');
  await page.click('[data-panel=load] [data-test=chart-legend] li[data-series="5m"] button');
  await page.waitForFunction(() => document.querySelector('[data-panel=load] [data-test=chart]').dataset.seriesCount === '3');
  // One panel alone, in the URL; back restores the grid.
  await page.click('[data-panel=load] [data-test=panel-open]');
  await page.waitForURL(/viewPanel=load/);
  await page.waitForSelector('[data-test=view-panel] [data-kind=timeseries] canvas');
  assert.equal(await page.locator('[data-test=panel]').count(), 1);
  await page.click('[data-test=back-to-dashboard]');
  await page.waitForFunction(() => !location.search.includes('viewPanel'));
  await page.waitForFunction(() => document.querySelectorAll('[data-test=panel]').length === 9);
  assert.deepEqual(page.errors, [], 'no hydration errors');
});

test('Host metrics shows its charts, drawn by the server, before the wasm runs; the canvas then takes over', async () => {
  const page = await admin();
  const res = await page.request.post(`${server.url}/api/v1/dashboard-library/host-metrics`, {
    data: { datasources: { Prometheus: 'Prom' } },
  });
  assert.ok([201, 409].includes(res.status()), `import: ${res.status()}`);
  const at = `${server.url}/d/host-metrics?from=now-15m&refresh=`;
  // What a person sees while the wasm downloads and compiles: here it never comes.
  await page.route('**/*.wasm', (r) => r.abort());
  await page.goto(at.replace('refresh=', 'refresh=10s'));
  await page.waitForFunction(() => document.querySelectorAll('[data-test=panel]').length === 9
    && document.querySelectorAll('[data-test=panel-loading], [aria-busy=true]').length === 0, null, { timeout: 20_000 });
  const seen = await page.evaluate(() => [...document.querySelectorAll('.series-chart')].map((c) => {
    const svg = c.querySelector('.chart-pre svg');
    const box = svg?.getBoundingClientRect();
    return {
      panel: c.closest('[data-panel]')?.dataset.panel,
      width: Math.round(box?.width ?? 0),
      height: Math.round(box?.height ?? 0),
      // The first series' colour (the palette's first entry): a line is drawn.
      line: !!svg?.querySelector('polyline[stroke="#4EA1FF"]'),
    };
  }));
  // Load and memory have points from the first scrapes (rates need more).
  assert.ok(seen.length >= 2 && seen.some((c) => c.panel === 'load'), `time-series panels: ${JSON.stringify(seen)}`);
  for (const chart of seen) {
    assert.ok(chart.line && chart.width > 300 && chart.height > 100, `drawn by the server and laid out: ${JSON.stringify(chart)}`);
  }
  // The time picker reads right without the wasm too (and with scripts off).
  assert.equal(await page.$eval('[data-test=time-range] select[aria-label="Quick range"]', (s) => s.value), 'now-15m');
  assert.equal(await page.inputValue('[data-test=time-range] input[aria-label=From]'), 'now-15m');
  assert.equal(await page.inputValue('[data-test=time-range] input[aria-label=To]'), 'now');
  assert.equal(await page.$eval('[data-test=refresh]', (s) => s.value), '10s', 'the refresh the URL asks for');
  assert.equal(await page.locator('body[data-hydrated]').count(), 0, 'the page really ran without its wasm');
  await page.unroute('**/*.wasm');
  // With the wasm, each chart is drawn on its canvas and the server's drawing is dropped.
  const live = await admin();
  await live.goto(at);
  await hydrated(live);
  await live.waitForFunction(() => [...document.querySelectorAll('.series-chart')].every((c) => c.querySelector('[data-draw-ms]')), null, { timeout: 20_000 });
  assert.equal(await live.locator('.chart-pre svg').count(), 0, 'no second picture under the canvas');
  assert.ok(await live.locator('.series-chart canvas.plot').count() >= seen.length);
  assert.deepEqual(live.errors, [], 'no hydration errors');
});

test('editors duplicate and delete from the list (after confirming); viewers only look', async () => {
  const page = await admin();
  const item = (title) => page.locator('[data-test=dashboard-item]', { has: page.locator(`a:text-is("${title}")`) });
  await item('Service errors').locator('[data-test=duplicate]').click();
  await page.waitForSelector('[data-test=dashboard-item] a:text-is("Copy of Service errors")');
  const copy = item('Copy of Service errors');
  assert.equal(await copy.locator('a').getAttribute('href'), '/d/service-errors-copy');
  await copy.locator('[data-test=delete]').click();
  await copy.locator('[data-test=confirm-no]').click();
  assert.equal(await item('Copy of Service errors').count(), 1, 'No keeps it');
  await copy.locator('[data-test=delete]').click();
  await copy.locator('[data-test=confirm-yes]').click();
  await page.waitForFunction(() => ![...document.querySelectorAll('[data-test=dashboard-item] a')].some((a) => a.textContent === 'Copy of Service errors'));
  // (The list reloads after a delete: wait for it before counting.)
  await page.waitForSelector('[data-test=dashboard-item] a:text-is("Service errors")');
  assert.equal(await item('Service errors').count(), 1, 'the original stays');
  assert.deepEqual(page.errors, []);

  const res = await page.request.post(`${server.url}/api/v1/users`, { data: { username: 'vic', password: 'viewer-password', role: 'viewer' } });
  assert.equal(res.status(), 201);
  const viewer = await newPage(browser);
  await logIn(viewer, server.url, 'vic', 'viewer-password');
  await viewer.waitForSelector('[data-test=dashboard-item]');
  await hydrated(viewer);
  assert.equal(await viewer.locator('[data-test=duplicate], [data-test=delete]').count(), 0, 'no edit controls for a viewer');
  const forged = await viewer.request.delete(`${server.url}/api/v1/dashboards/service-errors`);
  assert.equal(forged.status(), 403, 'and a forged delete is refused');
});

test('a deploy annotation posted with an API token shows on the charts, its text on hover as text', async () => {
  const page = await admin();
  const imported = await page.request.post(`${server.url}/api/v1/dashboard-library/host-metrics`, {
    data: { datasources: { Prometheus: 'Prom' } },
  });
  assert.ok([201, 409].includes(imported.status()));
  const made = await (await page.request.post(`${server.url}/api/v1/tokens`, {
    data: { name: 'ci', role: 'editor', expires_days: 1 },
  })).json();
  const text = '<img src=x onerror="window.__pwned=1">deployed v1.4.2';
  const posted = await fetch(`${server.url}/api/v1/annotations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${made.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text, tags: ['deploy'], time_ms: Date.now() - 5 * 60_000 }),
  });
  assert.equal(posted.status, 201);

  await page.goto(`${server.url}/d/host-metrics?from=now-15m`);
  await hydrated(page);
  const chart = page.locator('[data-panel=load] [data-test=chart]');
  await page.waitForSelector('[data-panel=load] [data-test=chart][data-annotations="1"] canvas');
  // Sweep the pointer across the plot until the marker's tooltip shows.
  const overlay = page.locator('[data-panel=load] [data-test=chart-overlay]');
  const box = await overlay.boundingBox();
  let tip = null;
  for (let x = 2; x < box.width && !tip; x += 3) {
    await overlay.hover({ position: { x, y: box.height / 2 } });
    if (await chart.locator('[data-test=annotation-tip]').count()) tip = await chart.locator('[data-test=annotation-tip]').textContent();
  }
  assert.equal(tip, text, 'the text, shown as text');
  assert.equal(await chart.locator('.chart-tooltip img').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);

  // The dashboard's tag filter hides global notes without a wanted tag.
  await page.click('[data-test=edit]');
  await page.click('[data-test=settings]');
  await page.fill('[data-test=settings-annotation-tags]', 'incident');
  await page.press('[data-test=settings-annotation-tags]', 'Tab');
  await page.waitForSelector('[data-panel=load] [data-test=chart][data-annotations="0"]');
  assert.deepEqual(page.errors, []);
});
