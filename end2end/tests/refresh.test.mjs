// What a refresh asks, and what the page does while it runs: a dashboard
// refreshes only the panels on or near the screen (one scrolled to runs as
// it comes into view), a tab in the background asks nothing until it is
// shown again, and while answers come the page keeps its panels and its
// scroll position. Counted from the page's own requests to `run_panel`.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { hydrated, launch, loggedIn } from '../lib/browser.mjs';
import { startWithPeers } from '../lib/peers.mjs';
import { ADMIN_PASSWORD, startLookout } from '../lib/server.mjs';

let server, browser;
before(async () => {
  server = await startWithPeers(startLookout);
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.stop(); });

const admin = () => loggedIn(browser, server.url, 'admin', ADMIN_PASSWORD);

/** Ready-made dashboard `id` on the test peers (imported once per server). */
const imported = async (page, id) => {
  const res = await page.request.post(`${server.url}/api/v1/dashboard-library/${id}`, {
    data: { datasources: { Prometheus: 'Prom', Logs: 'Logs' } },
  });
  assert.ok([201, 409].includes(res.status()), `import ${id}: ${res.status()}`);
};

/** Polls `ok` until it holds, or fails with `why()` after `ms`. */
const waitFor = async (ok, ms, why) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) assert.fail(why());
    await new Promise((r) => setTimeout(r, 50));
  }
};

test('auto-refresh asks nothing while the tab is hidden, and catches up once when it is shown', async () => {
  const page = await admin();
  await imported(page, 'host-metrics');
  // Tall enough for all 9 panels: only panels near the screen refresh.
  await page.setViewportSize({ width: 1280, height: 2400 });
  let asked = [];
  page.on('request', (r) => { if (r.url().includes('/api/fn/run_panel')) asked.push(Date.now()); });
  const settled = () => page.waitForFunction(() => document.querySelectorAll('[data-test=panel-loading], [aria-busy=true]').length === 0, null, { timeout: 20_000 });
  await page.goto(`${server.url}/d/host-metrics?from=now-15m&refresh=5s`);
  await hydrated(page);
  // Visible, it refreshes: every panel is asked again within one period.
  await waitFor(() => asked.length >= 9, 8_000, () => `a visible page refreshes every 5 s (asked ${asked.length})`);
  await settled();
  // The browser's own signal for a tab in the background: headless Chromium
  // never hides a page, so the page is told as a browser tells it.
  const visibility = (hidden) => page.evaluate((h) => {
    Object.defineProperty(document, 'hidden', { value: h, configurable: true });
    Object.defineProperty(document, 'visibilityState', { value: h ? 'hidden' : 'visible', configurable: true });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  }, hidden);
  await visibility(true);
  asked = [];
  await page.waitForTimeout(6_500);
  assert.deepEqual(asked, [], 'a hidden tab asks no panel, though a tick came due');
  // Shown again: stale, so every panel is asked at once, and only once; the
  // next tick is a full period after that catch-up.
  await visibility(false);
  await waitFor(() => asked.length >= 9, 2_000, () => `shown again, it catches up at once (asked ${asked.length})`);
  const caughtUp = asked.length;
  await settled();
  await page.waitForTimeout(3_000);
  assert.equal(asked.length, caughtUp, 'no second round right after the catch-up');
  assert.equal(caughtUp, 9, 'each panel asked once');
  assert.deepEqual(page.errors, []);
});

test('a refresh asks only the panels near the screen, and keeps the page and its scroll while it runs; a panel scrolled to runs as it comes into view', async () => {
  const page = await admin();
  await imported(page, 'host-metrics');
  await page.setViewportSize({ width: 1280, height: 500 });
  let asked = [];
  page.on('request', (r) => { if (r.url().includes('/api/fn/run_panel')) asked.push(r.postDataJSON().panel); });
  await page.goto(`${server.url}/d/host-metrics?from=now-15m&refresh=5s`);
  await hydrated(page);
  // The panels within 200 px of the viewport, as the page's observer sees them.
  const near = () => page.evaluate(() => [...document.querySelectorAll('[data-panel]')]
    .filter((p) => { const r = p.querySelector('[data-test=panel]').getBoundingClientRect(); return r.bottom > -200 && r.top < innerHeight + 200; })
    .map((p) => p.dataset.panel).sort());
  const top = await near();
  assert.ok(top.length > 0 && top.length < 9, `the viewport holds some of the 9 panels: ${top}`);
  const tick = async (why) => {
    await waitFor(() => asked.length > 0, 8_000, () => `${why}: no tick`);
    await page.waitForTimeout(1_000);
  };
  await tick('at the top');
  assert.deepEqual([...asked].sort(), top, 'a tick asks each panel near the screen once, and no other');
  // Right after a tick: the panels scrolled to missed it, so they run now,
  // without waiting for the next one; those still near were not stale.
  asked = [];
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForTimeout(1_500);
  const bottom = await near();
  assert.notDeepEqual(bottom, top, 'scrolling brought other panels near');
  assert.deepEqual([...asked].sort(), bottom.filter((p) => !top.includes(p)), 'the panels that came into view, at once');
  // A tick keeps the page as it is while the answers come: no panel (nor
  // the whole view) is swapped for "Loading…", so the reader stays put.
  const y = await page.evaluate(() => {
    window.blanked = [];
    new MutationObserver((changes) => {
      for (const c of changes) {
        for (const n of c.addedNodes) if (n.nodeType === 1 && n.matches('p.muted')) window.blanked.push(n.textContent);
        for (const n of c.removedNodes) if (n.nodeType === 1 && n.matches('.dashboard-head, section.row, article.panel-box')) window.blanked.push(n.className);
      }
    }).observe(document.body, { childList: true, subtree: true });
    return scrollY;
  });
  assert.ok(y > 300, `scrolled down: ${y}`);
  asked = [];
  await tick('at the bottom');
  assert.deepEqual([...asked].sort(), bottom, 'the next tick follows the screen');
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy=true]').length === 0);
  assert.deepEqual(await page.evaluate(() => window.blanked), [], 'nothing blanked while refreshing');
  assert.equal(await page.evaluate(() => scrollY), y, 'a refresh leaves the reader where they were');
  assert.deepEqual(page.errors, []);
});

test('what a reader set in a panel (a series shown alone, a table sorted) outlasts its refreshes', async () => {
  const page = await admin();
  await imported(page, 'host-metrics');
  await page.setViewportSize({ width: 1280, height: 2400 });
  let asked = 0;
  page.on('request', (r) => { if (r.url().includes('/api/fn/run_panel')) asked++; });
  await page.goto(`${server.url}/d/host-metrics?from=now-15m&refresh=5s`);
  await hydrated(page);
  const count = () => page.getAttribute('[data-panel=load] [data-test=chart]', 'data-series-count');
  assert.equal(await count(), '3');
  await page.click('[data-panel=load] [data-test=chart-legend] li[data-series="5m"] button');
  await page.waitForFunction(() => document.querySelector('[data-panel=load] [data-test=chart]').dataset.seriesCount === '1');
  const sort = '[data-panel=hosts] [data-test=sort-1]';
  await page.click(sort);
  await page.click(sort);
  assert.match(await page.textContent(sort), /▼/, 'by value, descending');
  const order = () => page.$$eval('[data-panel=hosts] [data-test=values] tbody tr td:first-child', (tds) => tds.map((td) => td.textContent));
  const sorted = await order();
  asked = 0;
  await waitFor(() => asked >= 9, 8_000, () => `no refresh tick (asked ${asked})`);
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy=true]').length === 0);
  assert.equal(await count(), '1', 'the series shown alone stays alone');
  assert.equal(await page.$eval('[data-panel=load] [data-test=chart-legend] li[data-series="1m"]', (li) => li.classList.contains('dim')), true);
  assert.match(await page.textContent(sort), /▼/, 'the table keeps its sort');
  assert.equal((await order()).length, sorted.length);
  // A second click on the legend shows all again.
  await page.click('[data-panel=load] [data-test=chart-legend] li[data-series="5m"] button');
  await page.waitForFunction(() => document.querySelector('[data-panel=load] [data-test=chart]').dataset.seriesCount === '3');
  assert.deepEqual(page.errors, []);
});

test('an expanded log row and the surrounding logs opened from a logs panel stay open across refreshes', async () => {
  const page = await admin();
  await imported(page, 'service-errors');
  await page.setViewportSize({ width: 1280, height: 2400 });
  let asked = 0, context = 0;
  page.on('request', (r) => {
    if (r.url().includes('/api/fn/run_panel')) asked++;
    // The surrounding logs are the only ad-hoc queries on a dashboard page.
    if (r.url().includes('/api/fn/run_queries')) context++;
  });
  await page.goto(`${server.url}/d/service-errors?from=now-24h&refresh=5s`);
  await hydrated(page);
  const logs = '[data-kind=logs]';
  await page.locator(`${logs} table.logs tr.hit`).first().click();
  await page.click(`${logs} [data-test=show-context]`);
  await page.locator(`${logs} [data-test=context] tr.hit[data-anchor=true]`).waitFor();
  const open = () => page.locator(`${logs} table.logs[data-test=log-table] tr.hit.open`).count();
  const before = await open();
  assert.ok(before >= 1, 'a row expanded');
  assert.ok(context >= 2, `the surrounding logs were asked for (${context})`);
  const asks = context;
  asked = 0;
  await waitFor(() => asked >= 4, 8_000, () => `no refresh tick (asked ${asked})`);
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy=true]').length === 0);
  await page.waitForTimeout(300);
  assert.equal(await page.locator(`${logs} [data-test=context] tr.hit[data-anchor=true]`).count(), 1, 'the surrounding logs are still open');
  assert.equal(context, asks, 'and were not asked for again');
  assert.equal(await open(), before, 'the expanded row is still expanded');
  assert.deepEqual(page.errors, []);
});

test('Explore logs: a refresh keeps the page, the open row, the open field and the surrounding logs, and asks only for the new answer', async () => {
  const page = await admin();
  await page.setViewportSize({ width: 1280, height: 700 });
  let asked = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/fn/run_queries')) asked.push(r.postDataJSON().queries.map((q) => q[1].type).join('+'));
  });
  await page.goto(`${server.url}/explore?q=${encodeURIComponent('service:checkout')}&from=now-30d&to=now&refresh=5s`);
  await hydrated(page);
  await page.waitForSelector('[data-test=hit-count]');
  const settled = () => page.waitForFunction(() => document.querySelectorAll('[aria-busy=true]').length === 0, null, { timeout: 20_000 });
  const row = page.locator('table.logs tr.hit').nth(6);
  const id = await row.getAttribute('data-id');
  await row.click();
  await page.click('table.logs [data-test=show-context]');
  await page.locator('[data-test=context] tr.hit[data-anchor=true]').waitFor();
  await page.locator('[data-field=level] button').click();
  await page.locator('[data-field=level] [data-test=top-values] li').first().waitFor();
  await page.locator('table.logs tr.hit.open').scrollIntoViewIfNeeded();
  await settled();
  const y = await page.evaluate(() => {
    window.blanked = [];
    new MutationObserver((changes) => {
      for (const c of changes) for (const n of c.addedNodes) if (n.nodeType === 1 && n.matches('p.muted')) window.blanked.push(n.textContent);
    }).observe(document.body, { childList: true, subtree: true });
    return scrollY;
  });
  assert.ok(y > 200, `scrolled down to the open row: ${y}`);
  asked = [];
  await waitFor(() => asked.length > 0, 8_000, () => 'no refresh tick');
  await page.waitForTimeout(1_000);
  await settled();
  // The new answer, and the open field's values among its hits; not the
  // field list, and not the surrounding logs again.
  assert.deepEqual([...asked].sort(), ['logs+log_histogram', 'top_values']);
  assert.deepEqual(await page.evaluate(() => window.blanked), [], 'nothing swapped for "Searching…"');
  assert.equal(await page.evaluate(() => scrollY), y, 'the reader stays where they were');
  assert.deepEqual(await page.locator('table.logs tr.hit.open').evaluateAll((rows) => rows.map((r) => r.dataset.id)), [id], 'the row stays open');
  assert.ok(await page.locator('[data-field=level] [data-test=top-values] li').count() > 0, 'the field stays open');
  assert.equal(await page.locator('[data-test=context] tr.hit[data-anchor=true]').count(), 1, 'the surrounding logs stay open');
  // A new search (not a refresh) starts with rows and fields shut.
  await page.fill('input[name=q]', 'service:payments');
  await page.press('input[name=q]', 'Enter');
  await page.waitForURL(/payments/);
  await settled();
  await page.waitForFunction(() => document.querySelectorAll('table.logs tr.hit.open').length === 0);
  assert.equal(await page.locator('[data-field=level] [data-test=top-values]').count(), 0, 'the field is shut');
  assert.deepEqual(page.errors, []);
});
