// Headless Debian chromium through playwright-core. Every page records
// console errors and uncaught exceptions (CSP violations included) so a
// test can assert there were none.
import { chromium } from 'playwright-core';

const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Playwright gives each launch a fresh, throw-away profile. */
export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: FLAGS });
}

/** A fresh context (no cookies) with a page whose errors are collected. */
export async function newPage(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.errors = [];
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  page.on('pageerror', (e) => page.errors.push(String(e)));
  return page;
}

/** Waits until the wasm has hydrated the page: clicks before that do nothing. */
export async function hydrated(page) {
  await page.waitForSelector('body[data-hydrated="true"]', { timeout: 20_000 });
}

/** Opens `url` as a first visit (a fresh context, so an empty cache and its
 * own renderer; with `state`'s cookies if given), runs `check` on the
 * hydrated page, and lists what it transferred, compressed as sent:
 * `{ seen, total, table, opened }`. `url` may instead be a function that
 * opens the page itself (the bench times it); what it returns is `opened`.
 * `options` go to the new context (a viewport). Shared by the page-weight
 * test and the bench. */
export async function firstVisit(browser, url, state, check, options = {}) {
  const context = await browser.newContext({ ...options, ...(state ? { storageState: state } : {}) });
  const page = await context.newPage();
  const seen = [];
  page.on('requestfinished', async (req) => {
    const res = await req.response();
    const sizes = await req.sizes();
    seen.push({ url: req.url(), encoding: res?.headers()['content-encoding'] ?? '',
      bytes: sizes.responseBodySize + sizes.responseHeadersSize });
  });
  const opened = typeof url === 'function' ? await url(page) : await page.goto(url);
  await hydrated(page);
  await page.waitForLoadState('networkidle');
  await check?.(page);
  await context.close();
  const total = seen.reduce((n, r) => n + r.bytes, 0);
  const table = seen.map((r) => `${r.bytes}\t${r.encoding}\t${new URL(r.url).pathname}`).join('\n');
  return { seen, total, table, opened };
}

export async function logIn(page, url, username, password) {
  await page.goto(`${url}/login`);
  await hydrated(page);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('[data-test=login-form] button[type=submit]');
}

/**
 * A fresh page logged in as `username` on the hydrated home page. Dialogs
 * (alert, confirm) are recorded in `page.dialogs` and dismissed, unless the
 * test sets `page.acceptDialogs`: a script that ran would show up there.
 */
export async function loggedIn(browser, url, username, password) {
  const page = await newPage(browser);
  page.dialogs = [];
  page.on('dialog', async (d) => { page.dialogs.push(d.message()); await (page.acceptDialogs ? d.accept() : d.dismiss()); });
  await logIn(page, url, username, password);
  await page.waitForURL(`${url}/`);
  await hydrated(page);
  return page;
}
