// Editing a dashboard as an editor does it: edit a panel's query with
// autocomplete and a live preview, save with a message, read the history,
// diff two versions and restore the older; two tabs editing at once (the
// second save gets a 409 and keeps its work); moving panels by keyboard
// and by drag; Markdown that runs nothing; leaving with unsaved changes
// asks first; a viewer sees no edit controls and forged edits are refused.
import assert from 'node:assert/strict';
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

async function importHost(page, uid) {
  const res = await page.request.post(`${server.url}/api/v1/dashboard-library/host-metrics`, {
    data: { datasources: { Prometheus: 'Prom' } },
  });
  assert.ok([201, 409].includes(res.status()), `import: ${res.status()}`);
  if (uid && uid !== 'host-metrics') {
    const d = await (await page.request.get(`${server.url}/api/v1/dashboards/host-metrics`)).json();
    d.dashboard.metadata.uid = uid;
    const c = await page.request.post(`${server.url}/api/v1/dashboards`, { data: { dashboard: d.dashboard } });
    assert.equal(c.status(), 201);
  }
}

async function open(page, uid) {
  await page.goto(`${server.url}/d/${uid}?from=now-15m`);
  await hydrated(page);
  await page.waitForFunction(() => document.querySelectorAll('[data-test=panel-loading], [aria-busy=true]').length === 0, null, { timeout: 20_000 });
}

const classOf = (page, id) => page.getAttribute(`[data-panel=${id}]`, 'class');

test('edit a query with autocomplete, save with a message, diff two versions and restore the older', async () => {
  const page = await admin();
  await importHost(page);
  await open(page, 'host-metrics');
  await page.click('[data-test=edit]');
  await page.click('[data-panel=cpu] [data-test=edit-panel]');
  await page.waitForSelector('[data-test=panel-editor]');
  await page.fill('[data-test=panel-title]', 'Load <b>one</b>');
  await page.press('[data-test=panel-title]', 'Tab');
  const prom = page.locator('[data-test=panel-editor] input[aria-label=PromQL]');
  await prom.fill('');
  await prom.pressSequentially('node_load');
  await page.click('[data-test=suggestions] [data-suggestion=node_load1]');
  assert.equal(await prom.inputValue(), 'node_load1');
  await page.fill('[data-test=panel-editor] [data-test=legend]', '{{instance}}');
  await page.click('[data-test=run-preview]');
  await page.waitForSelector('[data-test=panel-preview] [data-test=panel-open]:has-text("Load <b>one</b>")');
  await page.waitForSelector('[data-test=panel-preview] .series-chart[data-series="1"] canvas');
  await page.click('[data-test=apply-panel]');
  await page.waitForSelector('[data-panel=cpu] .series-chart[data-series="1"]');
  await page.waitForSelector('[data-test=unsaved]');
  await page.click('[data-test=save]');
  await page.fill('[data-test=save-message]', 'load instead of cpu');
  await page.click('[data-test=save-confirm]');
  await page.waitForSelector('[data-test=edit]');
  assert.equal(await page.locator('[data-test=unsaved]').count(), 0);

  await page.reload();
  await hydrated(page);
  assert.equal(await page.textContent('[data-panel=cpu] [data-test=panel-open]'), 'Load <b>one</b>');
  assert.equal(await page.locator('[data-panel=cpu] b').count(), 0, 'the title is text');

  await page.click('[data-test=history-link]');
  await page.waitForURL(/\/dashboards\/host-metrics\/history/);
  await hydrated(page);
  await page.waitForSelector('[data-test=version]');
  assert.equal(await page.locator('[data-test=version]').count(), 2);
  assert.match(await page.textContent('[data-test=version] >> nth=0'), /load instead of cpu/);
  await page.click('[data-test=compare]');
  await page.waitForSelector('[data-test=diff]');
  const rows = await page.locator('[data-test=change]').allTextContents();
  assert.ok(rows.some((r) => r.includes('spec.panels.cpu.spec.title') && r.includes('CPU busy by mode') && r.includes('Load <b>one</b>')), rows.join('\n'));
  assert.ok(rows.some((r) => r.includes('spec.panels.cpu.spec.queries[0].expr') && r.includes('node_load1')), rows.join('\n'));
  await page.click('[data-test=version][data-version="1"] [data-test=restore]');
  await page.waitForSelector('[data-test=history-message]:has-text("Restored version 1 as version 3")');
  await page.waitForFunction(() => document.querySelectorAll('[data-test=version]').length === 3);
  await page.click('[data-test=back]');
  await page.waitForSelector('[data-panel=cpu] [data-test=panel-open]:has-text("CPU busy by mode")');
  assert.deepEqual(page.errors, []);
});

test('two tabs edit at once: the second save gets a clear 409, keeps its work, and saves as a copy', async () => {
  const a = await admin();
  await importHost(a, 'twotabs');
  const b = await newPage(browser);
  b.dialogs = [];
  b.on('dialog', (d) => d.dismiss());
  await logIn(b, server.url, 'admin', ADMIN_PASSWORD);
  await b.waitForURL(`${server.url}/`);
  await open(a, 'twotabs');
  await open(b, 'twotabs');
  for (const [page, title] of [[a, 'From A'], [b, 'From B']]) {
    await page.click('[data-test=edit]');
    await page.click('[data-test=settings]');
    await page.fill('[data-test=settings-title]', title);
    await page.press('[data-test=settings-title]', 'Tab');
  }
  await a.click('[data-test=save]');
  await a.click('[data-test=save-confirm]');
  await a.waitForSelector('[data-test=edit]');
  await b.click('[data-test=save]');
  await b.click('[data-test=save-confirm]');
  await b.waitForSelector('[data-test=conflict]');
  assert.match(await b.textContent('[data-test=save-error]'), /saved as version 2 after you opened version 1: nothing was overwritten/);
  assert.equal(await b.textContent('[data-test=dashboard-title]'), 'From B', 'the work is still on screen');
  const stored = await (await a.request.get(`${server.url}/api/v1/dashboards/twotabs`)).json();
  assert.equal(stored.dashboard.metadata.title, 'From A', 'the first save stands');
  await b.click('[data-test=save-as-copy]');
  await b.waitForURL(/\/d\/twotabs-copy-\d+/);
  await b.waitForSelector('[data-test=dashboard-title]:has-text("Copy of From B")');
  assert.deepEqual(a.errors, []);
  assert.deepEqual(b.errors.filter((e) => !/status of 409/.test(e)), [], 'nothing but the expected 409');
});

test('panels move by keyboard and by drag without overlapping; Markdown runs nothing; leaving asks first', async () => {
  const page = await admin();
  await importHost(page, 'moving');
  await open(page, 'moving');
  await page.click('[data-test=edit]');
  assert.match(await classOf(page, 'cpu'), /gx-0 gw-12 gy-0 gh-8/);
  await page.focus('[data-panel=cpu] [data-test=move]');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Shift+ArrowLeft');
  assert.match(await classOf(page, 'cpu'), /gx-0 gw-11 gy-1 gh-8/);
  // Drag the load panel onto the cpu panel's place: cpu gives way, downwards.
  const grip = await page.locator('[data-panel=load] [data-test=move]').boundingBox();
  const grid = await page.locator('[data-panel=load]').locator('xpath=..').boundingBox();
  const col = (grid.width + 8) / 24;
  await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(grip.x + grip.width / 2 - 12 * col, grip.y + grip.height / 2 + 4, { steps: 8 });
  await page.mouse.up();
  assert.match(await classOf(page, 'load'), /gx-0 gw-12 gy-0 gh-8/);
  assert.match(await classOf(page, 'cpu'), /gy-8 /, 'pushed below the moved panel');

  // A logs panel's Lucene input offers the searches remembered from Explore.
  await page.evaluate(() => localStorage.setItem('lookout.recent.logs', JSON.stringify(['error 1234567'])));
  await page.click('[data-test=add-panel]');
  await page.selectOption('[data-test=panel-kind]', 'logs');
  await page.waitForSelector('[data-test=panel-editor] input[data-test=lucene][list=panel-recent-logs]');
  await page.waitForSelector('#panel-recent-logs option[value="error 1234567"]', { state: 'attached' });
  await page.click('[data-test=cancel-panel]');
  await page.waitForSelector('[data-test=panel-editor]', { state: 'detached' });
  assert.equal(await page.locator('[data-panel=panel-1]').count(), 0, 'a cancelled new panel is not kept');
  // A Markdown panel: formatting shows, nothing runs.
  await page.click('[data-test=add-panel]');
  await page.waitForSelector('[data-test=panel-editor]');
  await page.selectOption('[data-test=panel-kind]', 'text');
  await page.fill('[data-test=panel-markdown]', '**Runbook** <img src=x onerror="alert(1)"> [bad](javascript:alert(2)) [ok](https://example.com)');
  await page.press('[data-test=panel-markdown]', 'Tab');
  await page.click('[data-test=apply-panel]');
  await page.waitForSelector('[data-kind=text] [data-test=text-panel] strong:has-text("Runbook")');
  assert.equal(await page.locator('[data-kind=text] [onerror], [data-kind=text] a[href^=javascript]').count(), 0);
  assert.equal(await page.getAttribute('[data-kind=text] a:has-text("ok")', 'href'), 'https://example.com');

  // Unsaved: a link away asks; staying keeps the work.
  await page.click('nav a[href="/explore"]');
  assert.match(page.dialogs.at(-1) ?? '', /unsaved changes/);
  assert.match(page.url(), /\/d\/moving/);
  await page.click('[data-test=save]');
  await page.click('[data-test=save-confirm]');
  await page.waitForSelector('[data-test=edit]');
  const saved = await (await page.request.get(`${server.url}/api/v1/dashboards/moving`)).json();
  const items = saved.dashboard.spec.layout[1].items;
  assert.deepEqual(items.find((i) => i.panel === 'load'), { panel: 'load', x: 0, y: 0, w: 12, h: 8 });
  assert.equal(Object.values(saved.dashboard.spec.panels).filter((p) => p.kind === 'text').length, 1);
  assert.equal(page.dialogs.filter((d) => !/unsaved/.test(d)).length, 0, 'no alert ran');
  assert.deepEqual(page.errors, []);
});

test('a viewer sees no edit controls, and forged saves and draft runs are refused', async () => {
  const page = await admin();
  await importHost(page, 'viewing');
  const res = await page.request.post(`${server.url}/api/v1/users`, { data: { username: 'vera', password: 'viewer-password', role: 'viewer' } });
  assert.equal(res.status(), 201);
  const viewer = await newPage(browser);
  await logIn(viewer, server.url, 'vera', 'viewer-password');
  await viewer.waitForURL(`${server.url}/`);
  await open(viewer, 'viewing');
  assert.equal(await viewer.locator('[data-test=edit], [data-test=slot-controls], [data-test=restore]').count(), 0);
  const stored = await (await viewer.request.get(`${server.url}/api/v1/dashboards/viewing`)).json();
  stored.dashboard.metadata.title = 'hijacked';
  const put = await viewer.request.put(`${server.url}/api/v1/dashboards/viewing`, { data: { dashboard: stored.dashboard, base_version: stored.version } });
  assert.equal(put.status(), 403);
  const draft = { kind: 'timeseries', spec: { title: 'x', datasource: 'Prom', queries: [{ expr: 'up' }] } };
  const run = await viewer.request.post(`${server.url}/api/v1/dashboards/viewing/panels/cpu/query`, {
    data: { range: { from_ms: Date.now() - 60_000, to_ms: Date.now() }, draft },
  });
  assert.equal(run.status(), 403, 'a viewer cannot run query text of their own');
  await viewer.goto(`${server.url}/dashboards/viewing/history`);
  await hydrated(viewer);
  await viewer.waitForSelector('[data-test=version]');
  assert.equal(await viewer.locator('[data-test=restore]').count(), 0);
  const restore = await viewer.request.post(`${server.url}/api/v1/dashboards/viewing/restore`, { data: { version: 1, base_version: 1 } });
  assert.equal(restore.status(), 403);
  const after = await (await viewer.request.get(`${server.url}/api/v1/dashboards/viewing`)).json();
  assert.equal(after.version, 1);
});

test('picking a variable value re-runs every panel; hostile values stay text', async () => {
  const page = await admin();
  // Tall enough for all 9 panels: only panels near the screen follow a change.
  await page.setViewportSize({ width: 1280, height: 2400 });
  await importHost(page, 'picking');
  await open(page, 'picking');
  await page.click('[data-test=var-instance-picker] summary');
  const options = page.locator('[data-test=var-instance-picker] input[type=checkbox]');
  await page.waitForFunction(() => document.querySelectorAll('[data-test=var-instance-picker] input[type=checkbox]').length >= 2);
  const values = await options.evaluateAll((els) => els.map((e) => e.dataset.option));
  assert.equal(values[0], '$__all');
  const instance = values[1];
  assert.match(instance, /:\d+$/, 'a node-exporter instance from label_values');
  const runs = [];
  page.on('request', (r) => { if (r.url().includes('/api/fn/run_panel')) runs.push(r.url()); });
  await page.check(`[data-test=var-instance-picker] input[data-option="${instance}"]`);
  await page.waitForURL(new RegExp(`var-instance=${encodeURIComponent(instance).replace(/[.]/g, '\\.')}`));
  await page.waitForFunction(() => document.querySelectorAll('[data-test=panel-loading], [aria-busy=true]').length === 0, null, { timeout: 20_000 });
  assert.equal(runs.length, 9, 'each of the 9 panels asked again');
  assert.equal(await page.locator('[data-test=panel-error]').count(), 0);
  assert.equal(await page.textContent('[data-test=var-instance-picker] summary'), instance);

  // Drag on a chart zooms the dashboard: the range goes into the URL. (The
  // load panel reads a gauge, so it has points from node-exporter's first
  // scrape; the most recent part of the range is picked for the same reason.)
  const box = await page.locator('[data-panel=load] [data-test=chart-overlay]').boundingBox();
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.97, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await page.waitForURL(/from=\d{4}-\d\d-\d\dT/);
  const zoomed = page.url();
  assert.match(zoomed, /to=\d{4}-/);
  await page.waitForFunction(() => document.querySelectorAll('[data-test=panel-loading], [aria-busy=true]').length === 0, null, { timeout: 20_000 });
  // The same link in a second browser context shows the same view.
  const other = await loggedIn(browser, server.url, 'admin', ADMIN_PASSWORD);
  await other.goto(zoomed);
  await hydrated(other);
  await other.waitForFunction(() => document.querySelectorAll('[data-test=panel-loading], [aria-busy=true]').length === 0, null, { timeout: 20_000 });
  for (const sel of ['input[aria-label=From]', 'input[aria-label=To]']) {
    assert.equal(await other.inputValue(`[data-test=time-range] ${sel}`), await page.inputValue(`[data-test=time-range] ${sel}`));
  }
  assert.equal(await other.textContent('[data-test=var-instance-picker] summary'), instance);
  const drawn = (p) => p.locator('[data-panel=load] [data-test=chart]').getAttribute('data-series-count');
  assert.equal(await drawn(other), await drawn(page), 'the same series drawn');
  assert.deepEqual(other.errors, []);

  const evil = '"} or vector(1) # <img src=x onerror=alert(1)>';
  await page.goto(`${server.url}/d/picking?from=now-15m&var-instance=${encodeURIComponent(evil)}`);
  await hydrated(page);
  await page.waitForFunction(() => document.querySelectorAll('[data-test=panel-loading], [aria-busy=true]').length === 0, null, { timeout: 20_000 });
  assert.equal(await page.textContent('[data-test=var-instance-picker] summary'), evil);
  assert.equal(await page.locator('img[src=x]').count(), 0);
  assert.ok(await page.locator('[data-kind=timeseries] [data-test=no-data]').count() >= 1, 'the hostile value matches no series');
  assert.deepEqual(page.dialogs, []);
  assert.deepEqual(page.errors, []);
});

test('a new dashboard opens in edit mode; starred ones list first; recently viewed sorts by last open', async () => {
  const page = await admin();
  await importHost(page, 'starring');
  await page.goto(`${server.url}/`);
  await hydrated(page);
  await page.click('[data-test=new-dashboard]');
  await page.waitForURL(/\/d\/dash-\d+/);
  await hydrated(page);
  await page.waitForSelector('[data-test=add-panel]');
  await page.click('[data-test=add-panel]');
  await page.waitForSelector('[data-test=panel-editor]');
  await page.fill('[data-test=panel-title]', 'Up on $__range');
  await page.click('[data-test=apply-panel]');
  await page.click('[data-test=save]');
  await page.click('[data-test=save-confirm]');
  await page.waitForSelector('[data-test=edit]');
  await page.waitForSelector('[data-panel=panel-1] .series-chart canvas');

  const titles = () => page.locator('[data-test=dashboard-item] a').allTextContents();
  await page.goto(`${server.url}/d/starring`);
  await hydrated(page);
  await page.goto(`${server.url}/`);
  await hydrated(page);
  await page.selectOption('[data-test=dashboard-sort]', 'recent');
  await page.waitForFunction(() => document.querySelector('[data-test=dashboard-item] a')?.getAttribute('href') === '/d/starring');
  await page.selectOption('[data-test=dashboard-sort]', 'name');
  const byName = await titles();
  assert.deepEqual(byName, [...byName].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  const last = page.locator('[data-test=dashboard-item]').last();
  const lastTitle = await last.locator('a').textContent();
  await last.locator('[data-test=star]').click();
  await page.waitForFunction((t) => document.querySelector('[data-test=dashboard-item] a')?.textContent === t, lastTitle);
  assert.equal(await page.getAttribute('[data-test=dashboard-item] >> nth=0', 'data-starred'), 'true');
  await page.reload();
  await hydrated(page);
  assert.equal((await titles())[0], lastTitle, 'the star is stored');
  await page.click('[data-test=dashboard-item] >> nth=0 >> [data-test=star]');
  await page.waitForFunction((t) => document.querySelector('[data-test=dashboard-item] a')?.textContent !== t, lastTitle);
  assert.deepEqual(page.errors, []);
});

test('opened from the list, panels below the fold query only when scrolled into view', async () => {
  const page = await admin();
  await importHost(page, 'lazy');
  await page.setViewportSize({ width: 1280, height: 700 });
  await page.goto(`${server.url}/`);
  await hydrated(page);
  const runs = [];
  page.on('request', (r) => { if (r.url().includes('/api/fn/run_panel')) runs.push(JSON.parse(r.postData()).panel); });
  await page.click('[data-test=dashboard-item] a[href="/d/lazy"]');
  await page.waitForSelector('[data-panel=uptime] [data-test=stat]');
  await page.waitForSelector('[data-panel=network] [data-test=panel-waiting]');
  assert.ok(!runs.includes('network'), `network not asked yet: ${runs}`);
  await page.locator('[data-panel=network]').scrollIntoViewIfNeeded();
  await page.waitForSelector('[data-panel=network] .series-chart canvas');
  assert.ok(runs.includes('network'));
  assert.deepEqual(page.errors, []);
});

test('settings: the default range, refresh and zone, and a variable added with a preview of its options, kept after save', async () => {
  const page = await admin();
  await importHost(page, 'defaults');
  await page.goto(`${server.url}/d/defaults`);
  await hydrated(page);
  await page.click('[data-test=edit]');
  await page.click('[data-test=settings]');
  await page.fill('[data-test=settings-from]', 'now-3h');
  await page.press('[data-test=settings-from]', 'Tab');
  await page.selectOption('[data-test=settings-refresh]', '10s');
  await page.selectOption('[data-test=settings-zone]', 'utc');
  await page.fill('[data-test=settings-to]', 'yesterday-ish');
  await page.press('[data-test=settings-to]', 'Tab');
  await page.waitForSelector('[data-test=settings-range-error]');
  await page.fill('[data-test=settings-to]', 'now');
  await page.press('[data-test=settings-to]', 'Tab');
  await page.waitForSelector('[data-test=settings-range-error]', { state: 'detached' });

  // The stored query variable previews its options from the real Prometheus
  // (asked again until node-exporter's first scrape is in, on fresh peers).
  const options = page.locator('[data-var=instance] [data-test=variable-options]');
  for (let i = 0; i < 20; i++) {
    await page.click('[data-var=instance] [data-test=variable-preview]');
    await options.waitFor();
    if (!(await options.textContent()).startsWith('0 ')) break;
    await page.waitForTimeout(1000);
  }
  assert.match(await options.textContent(), /^[1-9]\d* options: \S/);

  await page.click('[data-test=variable-add]');
  const row = page.locator('[data-test=variable-row]').last();
  await row.locator('[data-test=variable-name]').fill('env');
  await row.locator('[data-test=variable-name]').press('Tab');
  await page.waitForSelector('[data-var=env]');
  await page.fill('[data-var=env] [data-test=variable-query]', 'prod, staging, "<b>qa</b>"');
  await page.press('[data-var=env] [data-test=variable-query]', 'Tab');
  await page.click('[data-var=env] [data-test=variable-preview]');
  await page.waitForSelector('[data-var=env] [data-test=variable-options]');
  assert.equal(await page.textContent('[data-var=env] [data-test=variable-options]'), '3 options: prod, staging, "<b>qa</b>"');
  // The bar above the grid already offers the unsaved variable.
  await page.waitForSelector('[data-test=var-env-select] option[value=staging]', { state: 'attached' });

  await page.click('[data-test=save]');
  await page.click('[data-test=save-confirm]');
  await page.waitForSelector('[data-test=edit]');
  await page.goto(`${server.url}/d/defaults`);
  await hydrated(page);
  assert.equal(await page.inputValue('input[aria-label=From]'), 'now-3h');
  assert.equal(await page.inputValue('[data-test=refresh]'), '10s');
  assert.equal(await page.inputValue('[data-test=zone]'), 'utc');
  await page.waitForSelector('[data-test=var-env-select] option[value=staging]', { state: 'attached' });
  assert.equal(await page.locator('b').count(), 0, 'option text stays text');
  assert.deepEqual(page.errors, []);
});
