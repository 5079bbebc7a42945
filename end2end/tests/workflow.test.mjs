// The acceptance workflow, as a new user would do it in Chromium: search an
// error code, read its surrounding logs, jump to that service's metrics at
// that moment, drag the chart back to its logs, export the hits to CSV; and
// as a viewer, find a planted token masked in the export. No HTML from the
// data is ever interpreted.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { hydrated, launch, logIn, newPage } from '../lib/browser.mjs';
import { errorCodeDocs, peers } from '../lib/peers.mjs';
import { ADMIN_PASSWORD, startLookout } from '../lib/server.mjs';

const TEMPLATE = 'sum(rate(http_requests_total{service="${service}"}[5m]))';
let server, browser;
before(async () => {
  const p = peers();
  server = await startLookout({ datasources: [
    { name: 'Prom', kind: 'prometheus', url: p.prom, auth: 'basic', basic_username: p.user, secret: p.password },
    { name: 'Logs', kind: 'elasticsearch', url: p.es, index_pattern: 'logs-*', metrics_link: { datasource: 1, template: TEMPLATE } },
  ] });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.stop(); });

async function user(name, password) {
  const page = await newPage(browser);
  await page.setViewportSize({ width: 1400, height: 900 });
  page.dialogs = [];
  page.on('dialog', async (d) => { page.dialogs.push(d.message()); await d.dismiss(); });
  await logIn(page, server.url, name, password);
  await page.waitForURL(`${server.url}/`);
  return page;
}

/** Drags across the chart's overlay from fraction a to b of its width. */
async function drag(page, selector, a, b) {
  const box = await page.locator(selector).boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * a, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * ((a + b) / 2), y, { steps: 4 });
  await page.mouse.move(box.x + box.width * b, y, { steps: 4 });
  await page.mouse.up();
}

async function exportCsv(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=export-csv]')]);
  await page.waitForSelector('[data-test=export-status]:has-text("Exported")');
  return readFileSync(await download.path(), 'utf8');
}

test('error code → surrounding logs → metrics at that moment → drag back to logs → CSV', async () => {
  const page = await user('admin', ADMIN_PASSWORD);
  await page.click('nav >> text=Explore');
  await hydrated(page);
  await page.locator('select[aria-label="Quick range"]').selectOption('now-30d');
  await page.waitForURL(/from=now-30d/);
  await page.fill('input[name=q]', '1234567');
  await page.press('input[name=q]', 'Enter');
  const codes = errorCodeDocs();
  await page.waitForSelector(`[data-test=hit-count]:has-text("${codes.length} hits")`);
  await page.waitForSelector('#recent-logs option[value="1234567"]', { state: 'attached' });
  const histogram = page.locator('[data-test=histogram]');
  assert.equal(await histogram.getAttribute('data-total'), String(codes.length), 'the histogram counts every hit');

  // Surrounding logs of the newest hit (doc 0: checkout on host-0).
  await page.locator('table.logs tr.hit').first().click();
  await page.click('[data-test=show-context]');
  const context = page.locator('[data-test=context]');
  await context.locator('tr.hit').nth(10).waitFor();
  assert.match(await context.locator('header').textContent(), /service = checkout, host = host-0/);
  const anchor = context.locator('tr.hit[data-anchor=true]');
  assert.match(await anchor.textContent(), /error 1234567/, 'the hit itself is marked');
  const services = await context.locator('tr.hit td:nth-child(3)').allTextContents();
  assert.deepEqual(services, Array(11).fill('checkout'), 'same service throughout');
  await page.click('[data-test=context-older]');
  await context.locator('tr.hit').nth(20).waitFor();
  const times = await context.locator('tr.hit td.time').allTextContents();
  assert.deepEqual([...times].sort().reverse(), times, 'newest first, no repeats');
  assert.equal(new Set(times).size, 21);

  // Metrics at that moment, from the context view.
  await anchor.click();
  await context.locator('[data-test=open-metrics]').click();
  await page.waitForURL(/\/explore\/metrics/);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('q'), 'sum(rate(http_requests_total{service="checkout"}[5m]))');
  const span = Date.parse(url.searchParams.get('to')) - Date.parse(url.searchParams.get('from'));
  assert.equal(span, 30 * 60_000, '±15 minutes around the hit');
  const chart = page.locator('[data-test=chart][data-draw-ms]');
  await chart.waitFor();
  assert.equal(await chart.getAttribute('data-series-count'), '1');

  // Drag across the chart: it zooms, then offers the logs of that range.
  await drag(page, '[data-test=chart-overlay]', 0.2, 0.45);
  await page.waitForURL((u) => new URL(u).searchParams.get('from') !== url.searchParams.get('from'));
  await page.click('[data-test=logs-in-range]');
  await page.waitForURL(/\/explore\?/);
  assert.equal(new URL(page.url()).searchParams.get('q'), 'service:"checkout"');
  await page.waitForSelector('[data-test=hit-count]');
  const logServices = await page.locator('.results table.logs tr.hit td:nth-child(3)').allTextContents();
  assert.ok(logServices.length > 0 && logServices.every((s) => s === 'checkout'), logServices.join());

  // Export what is shown.
  const hits = Number((await page.locator('[data-test=hit-count]').textContent()).replace(/\D/g, ''));
  const csv = await exportCsv(page);
  const lines = csv.trim().split('\r\n');
  assert.equal(lines[0], 'time,level,service,message');
  assert.equal(lines.length - 1, hits);
  assert.ok(lines.slice(1).every((l) => l.split(',')[2] === 'checkout'));
  assert.deepEqual(page.errors, []);
});

test('a chart of 50 series: legend, hover tooltip, table view and the inspector', async () => {
  const page = await user('admin', ADMIN_PASSWORD);
  const q = encodeURIComponent('demo_cpu_usage');
  await page.goto(`${server.url}/explore/metrics?q=${q}&from=now-24h&to=now&legend=${encodeURIComponent('{{instance}}')}&unit=percent`);
  await hydrated(page);
  const chart = page.locator('[data-test=chart][data-draw-ms]');
  await chart.waitFor();
  assert.equal(await chart.getAttribute('data-series-count'), '50');
  assert.equal(await page.locator('[data-test=chart-legend] li').count(), 50);
  assert.equal(await page.locator('[data-test=chart-legend] li').first().textContent(), 'host-00');
  const box = await page.locator('[data-test=chart-overlay]').boundingBox();
  await page.mouse.move(box.x + box.width * 0.5, box.y + 60);
  const tooltip = page.locator('[data-test=chart-tooltip]');
  await tooltip.waitFor();
  assert.equal(await tooltip.locator('.row').count(), 50, 'one value per series at the hovered time');
  assert.match(await tooltip.locator('.value').first().textContent(), /^\d+(\.\d+)?%$/);
  await page.mouse.move(box.x - 20, box.y - 20);
  await tooltip.waitFor({ state: 'detached' });
  await page.click('[data-test=toggle-table]');
  await page.waitForURL(/view=table/);
  await page.locator('[data-test=series-table] tbody > tr.hit').nth(49).waitFor();
  assert.equal(await page.locator('[data-test=series-table] tbody > tr.hit').count(), 50);
  await page.click('[data-test=inspector] summary');
  assert.match(await page.locator('[data-test=inspector]').textContent(), /POST \/api\/v1\/query_range/);
  await page.goBack();
  await chart.waitFor();
  assert.deepEqual(page.errors, []);
});

test('on a 2x screen the chart is drawn at device resolution and drag still maps to the right times', async () => {
  const context = await browser.newContext({ deviceScaleFactor: 2, viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await logIn(page, server.url, 'admin', ADMIN_PASSWORD);
  await page.waitForURL(`${server.url}/`);
  const to = Number(process.env.DATA_NOW) * 1000;
  const from = to - 6 * 3_600_000;
  const iso = (ms) => encodeURIComponent(new Date(ms).toISOString());
  await page.goto(`${server.url}/explore/metrics?q=demo_cpu_usage&from=${iso(from)}&to=${iso(to)}`);
  await hydrated(page);
  await page.locator('[data-test=chart][data-draw-ms]').waitFor();
  const size = await page.locator('[data-test=chart] canvas.plot').evaluate((c) => ({
    width: c.width, height: c.height, shownWidth: c.clientWidth, shownHeight: c.clientHeight,
  }));
  assert.equal(size.shownHeight, 280, 'shown at its CSS height, not doubled');
  assert.equal(size.width, size.shownWidth * 2, 'twice the pixels across');
  assert.equal(size.height, size.shownHeight * 2, 'twice the pixels down');
  // The plot area spans 64 px from the left to 12 px from the right, in CSS pixels.
  const box = await page.locator('[data-test=chart-overlay]').boundingBox();
  assert.ok(Math.abs(box.width - size.shownWidth) <= 1, 'the overlay lies exactly over the plot');
  await drag(page, '[data-test=chart-overlay]', 0.25, 0.75);
  await page.waitForURL((u) => new URL(u).searchParams.get('from') !== new Date(from).toISOString());
  const url = new URL(page.url());
  const at = (f) => from + ((box.width * f - 64) / (box.width - 76)) * (to - from);
  const slack = ((to - from) / (box.width - 76)) * 3;
  assert.ok(Math.abs(Date.parse(url.searchParams.get('from')) - at(0.25)) <= slack, url.search);
  assert.ok(Math.abs(Date.parse(url.searchParams.get('to')) - at(0.75)) <= slack, url.search);
  assert.deepEqual(errors, []);
  await context.close();
});

test('autocomplete, a bad query and no data each say what happened', async () => {
  const page = await user('admin', ADMIN_PASSWORD);
  await page.goto(`${server.url}/explore/metrics`);
  await hydrated(page);
  const input = page.locator('input[aria-label=PromQL]');
  await input.fill('demo_cp');
  await page.click('[data-suggestion=demo_cpu_usage]');
  assert.equal(await input.inputValue(), 'demo_cpu_usage');
  await input.press('End');
  await input.pressSequentially('{inst');
  await page.click('[data-suggestion=instance]');
  await input.press('End');
  await input.pressSequentially('host-4');
  await page.click('[data-suggestion=host-42]');
  assert.equal(await input.inputValue(), 'demo_cpu_usage{instance="host-42"');
  // In the middle of a query: the word before the caret is completed, the rest stays.
  const typed = 'sum(rate(demo_c';
  await input.fill(`${typed}[5m]))`);
  await input.press('Home');
  for (let i = 0; i < typed.length; i++) await input.press('ArrowRight');
  await page.click('[data-suggestion=demo_cpu_usage]');
  assert.equal(await input.inputValue(), 'sum(rate(demo_cpu_usage[5m]))');
  await input.fill('sum(rate(');
  await page.press('input[aria-label=PromQL]', 'Enter');
  await page.waitForSelector('[data-test=panel-error]:has-text("Prom")');
  await input.fill('demo_cpu_usage{instance="nope"}');
  await page.press('input[aria-label=PromQL]', 'Enter');
  await page.waitForSelector('[data-test=no-data]');
  assert.deepEqual(page.errors, []);
});

test('markup in metric label values shows literally in legend, tooltip and autocomplete', async () => {
  const page = await user('admin', ADMIN_PASSWORD);
  await page.goto(`${server.url}/explore/metrics?q=demo_xss_info&from=now-6h&to=now&legend=${encodeURIComponent('{{payload}}')}`);
  await hydrated(page);
  await page.locator('[data-test=chart][data-draw-ms]').waitFor();
  const legend = await page.locator('[data-test=chart-legend] li').allTextContents();
  assert.deepEqual(legend.sort(), [
    '"><svg onload=alert(\'xss-svg\')>',
    '<a href="javascript:alert(\'xss-link\')">click</a>',
    '<img src=x onerror=alert(\'xss-img\')>',
    '<script>alert(\'xss-script\')</script>',
  ]);
  const box = await page.locator('[data-test=chart-overlay]').boundingBox();
  await page.mouse.move(box.x + box.width * 0.9, box.y + 60);
  assert.match(await page.locator('[data-test=chart-tooltip]').textContent(), /<img src=x onerror=/);
  await page.locator('input[aria-label=PromQL]').fill('demo_xss_info{payload="<');
  await page.locator('[data-test=suggestions]').waitFor();
  assert.match(await page.locator('[data-test=suggestions]').textContent(), /<script>alert/);
  assert.equal(await page.locator('.chart img, .chart script, .chart svg, .chart a, .suggestions img').count(), 0);
  assert.deepEqual(page.dialogs, [], 'nothing ran');
  assert.deepEqual(page.errors, []);
});

test('histogram clicks narrow the range; the picker zooms out, shifts, refreshes and switches zone via the URL', async () => {
  const page = await user('admin', ADMIN_PASSWORD);
  await page.goto(`${server.url}/explore?q=${encodeURIComponent('level:error')}&from=now-24h&to=now`);
  await hydrated(page);
  const before = await page.locator('[data-test=histogram]').getAttribute('data-total');
  await page.locator('[data-test=histogram] [data-draw-ms]').waitFor();
  const box = await page.locator('[data-test=histogram] [data-test=chart-overlay]').boundingBox();
  await page.mouse.click(box.x + box.width * 0.8, box.y + box.height / 2);
  await page.waitForURL(/from=20\d\d-/);
  // The last answer stays shown until the narrowed one is in.
  await page.waitForFunction((b) => document.querySelector('[data-test=histogram]')?.dataset.total !== b, before);
  const narrowed = await page.locator('[data-test=histogram]').getAttribute('data-total');
  assert.ok(Number(narrowed) > 0 && Number(narrowed) < Number(before), `${narrowed} of ${before}`);
  const from = new URL(page.url()).searchParams.get('from');
  await page.click('[data-test=zoom-out]');
  await page.waitForURL((u) => new URL(u).searchParams.get('from') < from);
  await page.click('[data-test=shift-back]');
  await page.waitForURL((u) => !new URL(u).searchParams.get('to').startsWith('now'));
  await page.locator('[data-test=refresh]').selectOption('5s');
  await page.waitForURL(/refresh=5s/);
  await page.locator('[data-test=zone]').selectOption('utc');
  await page.waitForURL(/tz=utc/);
  await page.waitForSelector('table.logs th:has-text("Time (UTC)")');
  await page.goBack();
  await page.waitForURL((u) => !u.toString().includes('tz=utc'));
  assert.deepEqual(page.errors, []);
});

test('saved queries: an editor saves one, a viewer opens it but cannot save', async () => {
  const admin = await user('admin', ADMIN_PASSWORD);
  await admin.goto(`${server.url}/explore?ds=2&q=1234567&from=now-30d&to=now`);
  await hydrated(admin);
  await admin.fill('input[name=save_name]', 'Payment timeouts');
  await admin.click('[data-test=save-query] button');
  await admin.waitForSelector('[data-test=save-status]:has-text("Saved as Payment timeouts")');
  await admin.goto(`${server.url}/admin/users`);
  await hydrated(admin);
  const form = admin.locator('[data-test=create-user]');
  await form.locator('input[name=username]').fill('vic');
  await form.locator('input[name=password]').fill('viewer-password');
  await form.locator('button[type=submit]').click();
  await admin.waitForSelector('tr[data-user=vic]');

  const viewer = await user('vic', 'viewer-password');
  await viewer.goto(`${server.url}/explore`);
  await hydrated(viewer);
  assert.equal(await viewer.locator('[data-test=save-query]').count(), 0, 'viewers cannot save');
  await viewer.locator('[data-test=saved-list] option:has-text("Payment timeouts")').waitFor({ state: 'attached' });
  await viewer.locator('[data-test=saved-list]').selectOption({ label: 'Payment timeouts (logs)' });
  await viewer.waitForURL(/q=1234567/);
  await viewer.waitForSelector(`[data-test=hit-count]:has-text("${errorCodeDocs().length} hits")`);
  await viewer.click('[data-test=saved-manage] summary');
  await viewer.locator('[data-test=saved-manage] li[data-saved="Payment timeouts"]').waitFor();
  assert.equal(await viewer.locator('[data-test=saved-delete]').count(), 0, 'viewers cannot delete');

  // The viewer's export has the planted secrets masked.
  await viewer.goto(`${server.url}/explore?ds=2&q=${encodeURIComponent('password OR Bearer OR card')}&from=now-30d&to=now`);
  await hydrated(viewer);
  await viewer.waitForSelector('[data-test=hit-count]');
  const csv = await exportCsv(viewer);
  assert.ok(csv.split('\r\n').length > 4, csv);
  for (const secret of ['hunter2-planted', 'planted-json-secret', 'eyJhbGciOiJIUzI1NiJ9', '4111 1111 1111 1111']) {
    assert.ok(!csv.includes(secret), `the viewer's export holds ${secret}`);
  }
  assert.match(csv, /password=••••/);
  assert.deepEqual(viewer.errors, []);

  // The admin deletes it, after saying yes once more.
  await admin.goto(`${server.url}/explore`);
  await hydrated(admin);
  await admin.click('[data-test=saved-manage] summary');
  const row = admin.locator('[data-test=saved-manage] li[data-saved="Payment timeouts"]');
  await row.locator('[data-test=saved-delete]').click();
  await row.locator('[data-test=saved-delete-yes]').click();
  await row.waitFor({ state: 'detached' });
  assert.equal(await admin.locator('[data-test=saved-list] option:has-text("Payment timeouts")').count(), 0);
  assert.deepEqual(admin.errors, []);
});
