// Share links as the people use them: an editor shares *Service
// errors* with variables allowed; a new viewer in another browser opens the
// link, changes the range and the `service` variable, and finds no way to
// anything else; revoking the link kills the open view on its next refresh.
// An admin shares a saved search that opens without an account. With
// JavaScript off, the shared view and the dashboard itself still show
// every panel: charts as server-drawn images, logs and text as HTML.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { hydrated, launch, loggedIn, newPage } from '../lib/browser.mjs';
import { startWithPeers } from '../lib/peers.mjs';
import { ADMIN_PASSWORD, startLookout } from '../lib/server.mjs';

let server, browser;
before(async () => {
  server = await startWithPeers(startLookout);
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.stop(); });

const panelsDrawn = (page) => page.waitForFunction(
  () => document.querySelectorAll('[data-test=panel-loading], [aria-busy=true]').length === 0, null, { timeout: 20_000 });

async function user(admin, username, role) {
  const made = await admin.request.post(`${server.url}/api/v1/users`, { data: { username, password: `${username}-password-1`, role } });
  assert.equal(made.status(), 201);
  return loggedIn(browser, server.url, username, `${username}-password-1`);
}

test('an editor shares a dashboard; a viewer picks range and values through it and reaches nothing else; revoke kills it', async () => {
  const admin = await loggedIn(browser, server.url, 'admin', ADMIN_PASSWORD);
  await admin.click('[data-test=import-service-errors]');
  await admin.waitForSelector('[data-test=dashboard-item] >> text=Service errors');
  const editor = await user(admin, 'ed', 'editor');
  const viewer = await user(admin, 'vic', 'viewer');

  await editor.goto(`${server.url}/d/service-errors`);
  await hydrated(editor);
  await editor.click('[data-test=share] summary');
  assert.equal(await editor.locator('[data-test=share-anonymous]').count(), 0, 'editors cannot make account-free links');
  assert.ok(await editor.isChecked('[data-test=share-vars]'));
  await editor.fill('[data-test=share-span]', '7');
  await editor.click('[data-test=share-create]');
  const link = await editor.inputValue('[data-test=share-url]');
  assert.match(link, new RegExp(`^${server.url}/s/lks_[0-9a-f]{64}$`));

  // The viewer opens it: the shared view, with no way out of it.
  await viewer.goto(`${link}?refresh=5s`);
  await hydrated(viewer);
  await viewer.waitForSelector('[data-test=dashboard-title]:has-text("Service errors")');
  await viewer.waitForSelector('[data-test=shared-badge]');
  await panelsDrawn(viewer);
  assert.equal(await viewer.locator('[data-test=panel-error]').count(), 0,
    String(await viewer.locator('[data-test=panel-error]').allTextContents()));
  const outward = await viewer.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'))
    .filter((h) => !h.startsWith('/s/') && !h.startsWith('/render/s/') && !h.startsWith('http')));
  assert.deepEqual(outward, [], 'no link leads out of the shared view');
  for (const gone of ['nav', '[data-test=panel-explore]', '[data-test=history-link]', '[data-test=share]', '[data-test=edit]']) {
    assert.equal(await viewer.locator(gone).count(), 0, `${gone} in a shared view`);
  }
  await viewer.waitForSelector('[data-kind=text] [data-test=text-panel]');

  // The range and the service variable, from the link's pickers.
  await viewer.selectOption('[data-test=time-range] select[aria-label="Quick range"]', 'now-24h');
  await viewer.waitForURL(/\/s\/lks_[0-9a-f]+\?.*from=now-24h/);
  await viewer.waitForSelector('[data-kind=logs] table.logs tr.hit', { timeout: 20_000 });
  const picker = '[data-test=var-service-picker]';
  await viewer.waitForSelector(`${picker} input[data-option="checkout"]`, { state: 'attached' });
  await viewer.click(`${picker} summary`);
  await viewer.click(`${picker} input[data-option="$__all"]`);
  await viewer.click(`${picker} input[data-option="checkout"]`);
  await viewer.waitForURL(/var-service=checkout/);
  await panelsDrawn(viewer);
  assert.equal(await viewer.locator('[data-test=panel-error]').count(), 0);
  const services = await viewer.locator('[data-kind=logs] table.logs tr.hit').allTextContents();
  assert.ok(services.length > 0 && services.every((t) => t.includes('checkout')), `only checkout: ${services.slice(0, 3)}`);

  // A value outside the list, typed into the URL, is refused, not swapped.
  await viewer.goto(`${link}?var-service=${encodeURIComponent('x") OR (*')}`);
  await hydrated(viewer);
  await viewer.waitForSelector('[data-test=panel-error]:has-text("not one of its options")');
  // A range wider than the link allows is refused too.
  await viewer.goto(`${link}?from=now-30d`);
  await hydrated(viewer);
  await viewer.waitForSelector('[data-test=panel-error]:has-text("up to 7 days")');

  // The editor revokes it from the list; the open view dies on its next refresh.
  await viewer.goto(`${link}?refresh=5s`);
  await hydrated(viewer);
  await panelsDrawn(viewer);
  await editor.click('nav >> text=Share links');
  await editor.waitForURL(/\/shares$/);
  await hydrated(editor);
  const row = editor.locator('[data-test=shares] tr[data-share="Service errors"][data-status=active]');
  assert.match(await row.textContent(), /variable values/);
  assert.ok(!(await editor.content()).includes(link.split('/s/')[1]), 'the list never shows the token');
  await row.locator('[data-test=revoke]').click();
  await row.locator('[data-test=revoke-confirm]').click();
  await editor.waitForSelector('[data-test=shares] tr[data-share="Service errors"][data-status=revoked]');
  await viewer.waitForSelector('[data-test=link-dead]', { timeout: 15_000 });
  const res = await viewer.goto(link);
  assert.equal(res.status(), 401);
  await viewer.waitForSelector('[data-test=dead-link]');
  assert.deepEqual(editor.errors, []);
});

test('an admin shares a saved search that opens without an account, masked and read-only', async () => {
  const admin = await loggedIn(browser, server.url, 'admin', ADMIN_PASSWORD);
  const sources = await (await admin.request.get(`${server.url}/api/v1/datasources`)).json();
  const logs = sources.find((d) => d.name === 'Logs');
  const saved = await admin.request.post(`${server.url}/api/v1/saved-queries`, { data: {
    name: 'Checkout <b>errors</b>', mode: 'logs', datasource: logs.id, query: 'service:checkout AND level:error', from: 'now-24h', to: 'now',
  } });
  assert.equal(saved.status(), 201);
  await admin.goto(`${server.url}/explore`);
  await hydrated(admin);
  await admin.click('[data-test=saved-manage] summary');
  const item = admin.locator('[data-saved="Checkout <b>errors</b>"]');
  await item.locator('[data-test=share] summary').click();
  assert.equal(await item.locator('[data-test=share-vars]').count(), 0, 'a search has no variables');
  await item.locator('[data-test=share-anonymous]').check();
  await item.locator('[data-test=share-create]').click();
  const link = await item.locator('[data-test=share-url]').inputValue();

  const stranger = await newPage(browser);
  stranger.dialogs = [];
  stranger.on('dialog', async (d) => { stranger.dialogs.push(d.message()); await d.dismiss(); });
  await stranger.goto(link);
  await hydrated(stranger);
  await stranger.waitForSelector('[data-test=dashboard-title]:has-text("Checkout <b>errors</b>")');
  await stranger.waitForSelector('[data-kind=logs] table.logs tr.hit', { timeout: 20_000 });
  await stranger.waitForSelector('[data-kind=logvolume] [data-test=chart] canvas', { timeout: 20_000 });
  assert.equal(await stranger.locator('h1 b').count(), 0, 'the title is text');
  const levels = await stranger.locator('[data-kind=logs] table.logs tr.hit td:nth-child(2)').allTextContents();
  assert.ok(levels.length > 0 && levels.every((l) => l === 'error'), `${levels}`);
  assert.equal(await stranger.locator('[data-test=fixed-range]').count(), 0, 'the range may be picked');
  // The stranger's browser holds no session: nothing else answers.
  for (const path of ['/api/v1/dashboards', '/api/v1/datasources']) {
    assert.equal((await stranger.request.get(`${server.url}${path}`)).status(), 401, path);
  }
  const explore = await stranger.goto(`${server.url}/explore`);
  assert.match(explore.url(), /\/login\?next=/);
  assert.deepEqual(stranger.dialogs, []);
  assert.deepEqual(stranger.errors, []);
});

/** Every chart of the page as its server-drawn image, loaded. */
async function imagesLoaded(page) {
  await page.waitForFunction(() => {
    const imgs = [...document.querySelectorAll('img.chart-img')];
    return imgs.length > 0 && imgs.every((i) => i.complete && i.naturalWidth > 0);
  }, null, { timeout: 20_000 });
  return page.evaluate(() => [...document.querySelectorAll('img.chart-img')].map((i) => i.getAttribute('src')));
}

test('with JavaScript off, a shared dashboard and the dashboard itself show every panel', async () => {
  const admin = await loggedIn(browser, server.url, 'admin', ADMIN_PASSWORD);
  const spec = JSON.parse(readFileSync(new URL('../../server/dashboards/service-errors.json', import.meta.url), 'utf8'));
  const made = await admin.request.post(`${server.url}/api/v1/dashboards`, { data: { dashboard: spec } });
  assert.ok([201, 409].includes(made.status()), `import: ${made.status()}`);
  const share = await admin.request.post(`${server.url}/api/v1/shares`, { data: {
    kind: 'dashboard', target: 'service-errors', options: { anonymous: true, allow_time: true, allow_vars: true } } });
  assert.equal(share.status(), 201);
  const link = `${server.url}${(await share.json()).path}`;

  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${link}?from=now-24h&to=now`);
  await page.waitForSelector('[data-test=dashboard-title]:has-text("Service errors")');
  const charts = await page.locator('[data-kind=timeseries], [data-kind=logvolume]').count();
  const srcs = await imagesLoaded(page);
  assert.equal(srcs.length, charts, `one image per chart panel: ${srcs}`);
  assert.ok(srcs.every((s) => s.startsWith('/render/s/lks_') && s.includes('from=')), String(srcs));
  assert.ok(await page.locator('[data-kind=logs] table.logs tr.hit').count() > 0, 'log rows as HTML');
  await page.waitForSelector('[data-kind=text] [data-test=text-panel] strong');
  assert.equal(await page.locator('[data-test=panel-loading], [aria-busy=true]').count(), 0, 'nothing left loading');
  // Each image is a valid SVG of the size it says.
  for (const src of srcs) {
    const res = await context.request.get(`${server.url}${src.replaceAll('&amp;', '&')}`);
    assert.equal(res.status(), 200, src);
    assert.equal(res.headers()['content-type'], 'image/svg+xml');
    const svg = await res.text();
    assert.match(svg, /^<svg width="960" height="(160|220)"/, svg.slice(0, 80));
  }

  // The dashboard itself, for a logged-in viewer without scripts.
  const login = await context.request.post(`${server.url}/api/v1/auth/login`, { data: { username: 'admin', password: ADMIN_PASSWORD } });
  assert.equal(login.status(), 200);
  await page.goto(`${server.url}/d/service-errors?from=now-24h`);
  await page.waitForSelector('[data-test=dashboard-title]:has-text("Service errors")');
  const own = await imagesLoaded(page);
  assert.equal(own.length, charts);
  assert.ok(own.every((s) => s.startsWith('/render/d/service-errors/panel/')), String(own));
  assert.ok(await page.locator('[data-kind=logs] table.logs tr.hit').count() > 0);
  await context.close();
});
