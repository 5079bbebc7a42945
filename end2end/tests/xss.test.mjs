// Untrusted text never runs, with JavaScript on or off: one payload in a
// dashboard's title, a panel's title, a legend label, a variable's values,
// Markdown, an annotation and a log line, seen on the dashboard, through a
// share link, and in the server-drawn images.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { hydrated, launch, loggedIn } from '../lib/browser.mjs';
import { peers, startWithPeers } from '../lib/peers.mjs';
import { ADMIN_PASSWORD, startLookout } from '../lib/server.mjs';

let server, browser;
before(async () => {
  server = await startWithPeers(startLookout);
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.stop(); });

const PAYLOAD = '<img src=x onerror="window.__xss=1;alert(1)"><script>window.__xss=2</script>';

function dashboard() {
  return {
    kind: 'Dashboard', schemaVersion: 1,
    metadata: { uid: 'xss', title: `Title ${PAYLOAD}` },
    spec: {
      time: { from: 'now-1h', to: 'now' },
      variables: [{ name: 'pick', kind: 'custom', spec: { options: [PAYLOAD, 'plain'], default: PAYLOAD } }],
      panels: {
        cpu: { kind: 'timeseries', spec: { title: `Panel ${PAYLOAD} $pick`, datasource: 'Prom',
          queries: [{ expr: 'max by (job) (up)', legend: `{{job}} ${PAYLOAD}` }] } },
        logs: { kind: 'logs', spec: { title: 'Logs', datasource: 'Logs', queries: [{ query: 'service:xss-e2e' }] } },
        note: { kind: 'text', spec: { title: 'Note', options: { markdown: `**x** ${PAYLOAD} [bad](javascript:alert(3))` } } },
      },
      layout: [{ items: [
        { panel: 'cpu', x: 0, y: 0, w: 12, h: 8 },
        { panel: 'logs', x: 12, y: 0, w: 12, h: 8 },
        { panel: 'note', x: 0, y: 8, w: 24, h: 4 },
      ] }],
    },
  };
}

/** Nothing on the page came from the payload as markup. */
async function noMarkup(page) {
  const found = await page.evaluate(() => ({
    handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
    // The payload's own script as an element (hydration data carries the
    // text escaped, \u003c, inside Lookout's scripts: that is not it).
    scripts: [...document.querySelectorAll('script')].filter((s) => s.textContent.trim().startsWith('window.__xss')).length,
    js: [...document.querySelectorAll('a[href]')].filter((a) => a.getAttribute('href').toLowerCase().startsWith('javascript')).length,
  }));
  assert.deepEqual(found, { handlers: 0, scripts: 0, js: 0 });
}

test('a payload everywhere shows as text, with JavaScript on and off', async () => {
  const admin = await loggedIn(browser, server.url, 'admin', ADMIN_PASSWORD);
  const { es } = peers();
  const now = Date.now();
  const logged = await fetch(`${es}/logs-xss-e2e/_doc/1?refresh=true`, { method: 'PUT', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ '@timestamp': now - 60_000, level: 'error', service: 'xss-e2e', message: PAYLOAD }) });
  assert.ok(logged.ok, await logged.text());
  const made = await admin.request.post(`${server.url}/api/v1/dashboards`, { data: { dashboard: dashboard() } });
  assert.equal(made.status(), 201, await made.text());
  const note = await admin.request.post(`${server.url}/api/v1/annotations`, { data: { text: PAYLOAD, time_ms: now - 30 * 60_000, dashboard: 'xss' } });
  assert.equal(note.status(), 201);
  const share = await admin.request.post(`${server.url}/api/v1/shares`, { data: {
    kind: 'dashboard', target: 'xss', options: { anonymous: true, allow_vars: true } } });
  const link = `${server.url}${(await share.json()).path}`;

  // JavaScript on: the dashboard, every panel drawn, the annotation loaded.
  admin.dialogs = [];
  await admin.goto(`${server.url}/d/xss`);
  await hydrated(admin);
  await admin.waitForSelector('[data-kind=logs] table.logs tr.hit', { timeout: 20_000 });
  await admin.waitForSelector('[data-panel=cpu] [data-test=chart][data-annotations="1"]', { timeout: 20_000 });
  assert.equal(await admin.textContent('[data-test=dashboard-title]'), `Title ${PAYLOAD}`);
  assert.match(await admin.textContent('[data-panel=cpu] .panel-title'), /Panel <img src=x onerror=/);
  assert.match(await admin.textContent('[data-panel=cpu] [data-test=chart-legend]'), /\S+ <img src=x onerror=/);
  assert.match(await admin.textContent('[data-kind=logs] table.logs'), /<script>window.__xss=2<\/script>/);
  await admin.waitForSelector(`[data-test=var-pick-select] option[value="${PAYLOAD.replaceAll('"', '\\"')}"]`, { state: 'attached' });
  await noMarkup(admin);
  assert.equal(await admin.evaluate(() => window.__xss), undefined);
  assert.deepEqual(admin.dialogs, []);
  assert.deepEqual(admin.errors, []);

  // The share link, JavaScript on.
  const holder = await loggedIn(browser, server.url, 'admin', ADMIN_PASSWORD);
  holder.dialogs = [];
  await holder.goto(link);
  await hydrated(holder);
  await holder.waitForSelector('[data-kind=logs] table.logs tr.hit', { timeout: 20_000 });
  await holder.waitForSelector('[data-panel=cpu] [data-test=chart-legend] li');
  await noMarkup(holder);
  assert.equal(await holder.evaluate(() => window.__xss), undefined);
  assert.deepEqual(holder.dialogs, []);

  // JavaScript off: the same pages, as the server sends them.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const login = await context.request.post(`${server.url}/api/v1/auth/login`, { data: { username: 'admin', password: ADMIN_PASSWORD } });
  assert.equal(login.status(), 200);
  const page = await context.newPage();
  for (const url of [`${server.url}/d/xss`, link]) {
    await page.goto(url);
    await page.waitForSelector('[data-kind=logs] table.logs tr.hit');
    assert.equal(await page.textContent('[data-test=dashboard-title]'), `Title ${PAYLOAD}`);
    await noMarkup(page);
    const img = await page.evaluate(() => document.querySelector('[data-panel=cpu] img.chart-img')?.getAttribute('src'));
    const svg = await (await context.request.get(`${server.url}${img}`)).text();
    assert.ok(svg.startsWith('<svg') && !svg.includes('<img') && !svg.includes('<script'), svg.slice(0, 200));
    assert.ok(svg.includes('&lt;img src=x onerror='), 'the legend label, escaped');
  }
  await context.close();
});
