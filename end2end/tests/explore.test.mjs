// The error-code workflow in Explore's logs mode, with untrusted text: search
// a code, see which services logged it and when, open a hit's fields; URL
// state with back/forward; markup in log data shows literally and never runs;
// a viewer sees planted secrets masked.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { hydrated, launch, logIn, newPage } from '../lib/browser.mjs';
import { errorCodeDocs, peers } from '../lib/peers.mjs';
import { ADMIN_PASSWORD, startLookout } from '../lib/server.mjs';

const SERVICES = ['checkout', 'payments', 'search', 'auth', 'inventory'];
let server, browser;
before(async () => {
  const p = peers();
  server = await startLookout({ datasources: [{ name: 'Logs', kind: 'elasticsearch', url: p.es, index_pattern: 'logs-*' }] });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.stop(); });

async function explore(page, q, from = 'now-30d') {
  await page.goto(`${server.url}/explore?q=${encodeURIComponent(q)}&from=${from}&to=now`);
  await hydrated(page);
  await page.waitForSelector('[data-test=hit-count]');
}

async function admin() {
  const page = await newPage(browser);
  let alerted = false;
  page.on('dialog', async (d) => { alerted = true; await d.dismiss(); });
  page.alerted = () => alerted;
  await logIn(page, server.url, 'admin', ADMIN_PASSWORD);
  await page.waitForURL(`${server.url}/`);
  return page;
}

test('searching an error code shows its hits, services and times, newest first', async () => {
  const page = await admin();
  await page.click('nav >> text=Explore');
  await hydrated(page);
  // The page's code arrives on first visit (a lazy route); once it shows,
  // the query bar has the focus.
  await page.waitForSelector('input[name=q]');
  const focused = await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'q', null, { timeout: 3_000 })
    .then(() => 'q', () => page.evaluate(() => document.activeElement?.getAttribute('name') ?? null));
  assert.equal(focused, 'q', 'the query bar is focused');
  await page.fill('input[name=q]', '1234567');
  await page.locator('[data-test=time-range] select[aria-label="Quick range"]').selectOption('now-30d');
  await page.waitForURL(/from=now-30d/);
  await page.fill('input[name=q]', '1234567');
  await page.press('input[name=q]', 'Enter');
  await page.waitForURL(/q=1234567/);
  const all = errorCodeDocs();
  await page.waitForSelector(`[data-test=hit-count]:has-text("${all.length} hits")`);
  // The first page (Explore shows 100 hits a page; more with more documents).
  const expected = all.slice(0, 100);
  const rows = page.locator('table.logs tr.hit');
  assert.equal(await rows.count(), expected.length);
  const services = await rows.locator('td:nth-child(3)').allTextContents();
  assert.deepEqual(services, expected.map((i) => SERVICES[i % 5]));
  const times = await rows.locator('td.time').allTextContents();
  assert.deepEqual([...times].sort().reverse(), times, 'newest first');
  assert.equal(await rows.first().locator('mark').textContent(), '1234567', 'the match is highlighted');
  await rows.first().click();
  const fields = page.locator('[data-test=hit-fields]');
  assert.match(await fields.textContent(), /service\s*checkout/);
  assert.match(await page.locator('[data-test=hit-raw]').textContent(), /"seq": 0/);
  assert.deepEqual(page.errors, []);
});

test('the URL holds the search: reload keeps it, back and forward move through it', async () => {
  const page = await admin();
  await explore(page, '1234567');
  const first = await page.textContent('[data-test=hit-count]');
  await page.fill('input[name=q]', '7654321');
  await page.press('input[name=q]', 'Enter');
  await page.waitForURL(/q=7654321/);
  await page.waitForFunction((f) => document.querySelector('[data-test=hit-count]')?.textContent !== f, first);
  const second = await page.textContent('[data-test=hit-count]');
  await page.reload();
  await hydrated(page);
  assert.equal(await page.textContent('[data-test=hit-count]'), second);
  assert.equal(await page.inputValue('input[name=q]'), '7654321');
  await page.goBack();
  await page.waitForURL(/q=1234567/);
  await page.waitForSelector(`[data-test=hit-count]:has-text("${first}")`);
  assert.equal(await page.inputValue('input[name=q]'), '1234567');
  await page.goForward();
  await page.waitForSelector(`[data-test=hit-count]:has-text("${second}")`);
});

test('markup in messages, field names and values shows literally and never runs', async () => {
  const page = await admin();
  await explore(page, 'seq:(5 OR 338 OR 671 OR 1004)');
  await page.waitForSelector('[data-test=hit-count]:has-text("4 hits")');
  const messages = await page.locator('table.logs td.message').allTextContents();
  for (const payload of ["<img src=x onerror=alert('xss-img')>", "<script>alert('xss-script')</script>",
    `<a href="javascript:alert('xss-link')">click</a>`, `"><svg onload=alert('xss-svg')>`]) {
    assert.ok(messages.includes(payload), `shown literally: ${payload}`);
  }
  for (const row of await page.locator('table.logs tr.hit').all()) await row.click();
  assert.ok((await page.locator('[data-test=hit-fields]').allTextContents()).some((t) => t.includes('<b>field</b>')));
  assert.equal(await page.locator('table.logs img, table.logs script, table.logs svg, table.logs b, table.logs a[href^="javascript"]').count(), 0);
  await page.waitForTimeout(300);
  assert.equal(page.alerted(), false, 'no payload ran');
  assert.deepEqual(page.errors, []);
});

test('a viewer sees planted secrets masked', async () => {
  const page = await admin();
  await page.goto(`${server.url}/admin/users`);
  await hydrated(page);
  const form = page.locator('[data-test=create-user]');
  await form.locator('input[name=username]').fill('vera');
  await form.locator('input[name=password]').fill('viewer-password');
  await form.locator('button[type=submit]').click();
  await page.waitForSelector('tr[data-user=vera]');
  const viewer = await newPage(browser);
  await logIn(viewer, server.url, 'vera', 'viewer-password');
  await viewer.waitForURL(`${server.url}/`);
  await explore(viewer, 'password OR Bearer');
  const text = await viewer.locator('table.logs').textContent();
  assert.match(text, /password=••••/);
  assert.match(text, /Bearer ••••/);
  assert.equal(text.includes('hunter2-planted'), false);
  assert.equal(text.includes('eyJhbGciOiJIUzI1NiJ9'), false);
});

test('load more continues past the first page without repeats', async () => {
  const page = await admin();
  await explore(page, '*');
  assert.equal(await page.locator('table.logs tr.hit').count(), 100);
  await page.click('[data-test=load-more]');
  await page.waitForFunction(() => document.querySelectorAll('table.logs tr.hit').length === 200);
  const ids = await page.locator('table.logs tr.hit').evaluateAll((rows) => rows.map((r) => r.dataset.id));
  assert.equal(new Set(ids).size, 200);
});

test('the field sidebar shows who logged a code, and + and − narrow the search', async () => {
  const page = await admin();
  await explore(page, '1234567');
  const codes = errorCodeDocs();
  const per = (s) => codes.filter((i) => SERVICES[i % 5] === s).length;
  await page.locator('[data-field=service] button').click();
  const top = page.locator('[data-field=service] [data-test=top-values] li');
  await top.first().waitFor();
  const shown = Object.fromEntries(await top.evaluateAll((lis) => lis.map((li) => [li.dataset.value, Number(li.querySelector('.count').textContent)])));
  assert.deepEqual(shown, Object.fromEntries(SERVICES.map((s) => [s, per(s)])));
  await page.locator('[data-field=service] li[data-value=payments] [data-test=filter-in]').click();
  await page.waitForURL(/service%3A%22payments%22/);
  await page.waitForSelector(`[data-test=hit-count]:has-text("${per('payments')} hits")`);
  assert.equal(await page.inputValue('input[name=q]'), '(1234567) AND service:"payments"');
  await page.locator('[data-field=service] button').click();
  await page.locator('[data-field=service] li[data-value=payments] [data-test=filter-out]').click();
  await page.waitForSelector('[data-test=hit-count]:has-text("0 hits")');
  assert.deepEqual(page.errors, []);
});

test('the server renders the hits itself: the page is complete before any wasm runs', async () => {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const html = await (await fetch(`${server.url}/explore?q=1234567&from=now-30d&to=now`, { headers: { cookie } })).text();
  const codes = errorCodeDocs();
  assert.match(html, new RegExp(`${codes.length} hits`));
  assert.match(html, /__INCOMPLETE_CHUNKS=\[\]/, 'every streamed part finished');
});

test('the index pattern can be chosen per search and lives in the URL', async () => {
  const page = await admin();
  await explore(page, '1234567');
  const index = page.locator('[data-test=index-pattern]');
  assert.equal(await index.getAttribute('placeholder'), 'logs-*', "the data source's default");
  await index.fill('logs-demo');
  await index.press('Tab');
  await page.waitForURL(/index=logs-demo/);
  const codes = errorCodeDocs();
  await page.waitForSelector(`[data-test=hit-count]:has-text("${codes.length} hits")`);
  await index.fill('logs-missing');
  await index.press('Tab');
  await page.waitForSelector('[role=alert]:has-text("no such index")');
  // Outside the data source's pattern, or not a pattern at all: refused by
  // Lookout with a reason, never sent upstream.
  await index.fill('metrics-1');
  await index.press('Tab');
  await page.waitForSelector('[role=alert]:has-text("outside this data source")');
  await index.fill('http:127.0.0.1:9');
  await index.press('Tab');
  await page.waitForSelector('[role=alert]:has-text("is not an index pattern")');
});
