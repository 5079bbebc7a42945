// API tokens as an editor makes one for a CI job: created on the tokens
// page and shown once, used as a Bearer token, listed without its secret,
// revoked (dead at once); a viewer gets no tokens page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { hydrated, launch, loggedIn } from '../lib/browser.mjs';
import { ADMIN_PASSWORD, startLookout } from '../lib/server.mjs';

let server, browser;
before(async () => { server = await startLookout(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

const api = (token, path) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

test('make a token, use it, see it listed without its secret, revoke it', async () => {
  const page = await loggedIn(browser, server.url, 'admin', ADMIN_PASSWORD);
  await page.click('nav >> text=API tokens');
  await page.waitForURL(/\/tokens$/);
  await hydrated(page);
  await page.fill('[data-test=token-name]', 'ci-deploys <b>x</b>');
  await page.selectOption('[data-test=token-role]', 'editor');
  await page.fill('[data-test=token-days]', '30');
  await page.click('[data-test=create-token] button[type=submit]');
  const token = (await page.textContent('[data-test=new-token]')).trim();
  assert.match(token, /^lk_[0-9a-f]{64}$/);
  await page.waitForSelector('[data-test=tokens] tr[data-status=active]');
  assert.equal(await page.locator('[data-test=tokens] b').count(), 0, 'the name is text');

  assert.equal((await api(token, '/api/v1/dashboards')).status, 200);
  const me = await (await api(token, '/api/v1/auth/me')).json();
  assert.deepEqual([me.username, me.role], ['admin', 'editor'], 'the token acts with its own role');

  await page.reload();
  await hydrated(page);
  const html = await page.content();
  assert.ok(!html.includes(token.slice(3)), 'the list never shows the secret');
  assert.match(await page.textContent('[data-test=tokens]'), new RegExp(token.slice(0, 9)));
  await page.click('[data-test=revoke]');
  await page.click('[data-test=revoke-confirm]');
  await page.waitForSelector('[data-test=tokens] tr[data-status=revoked]');
  const dead = await api(token, '/api/v1/dashboards');
  assert.equal(dead.status, 401);
  assert.match((await dead.json()).error.message, /unknown, expired or revoked/);
  assert.deepEqual(page.errors, []);
});

test('a viewer has no tokens page and cannot make one', async () => {
  const admin = await loggedIn(browser, server.url, 'admin', ADMIN_PASSWORD);
  const made = await admin.request.post(`${server.url}/api/v1/users`, { data: { username: 'vic', password: 'viewer-password', role: 'viewer' } });
  assert.equal(made.status(), 201);
  const page = await loggedIn(browser, server.url, 'vic', 'viewer-password');
  assert.equal(await page.isVisible('nav >> text=API tokens'), false);
  await page.goto(`${server.url}/tokens`);
  await hydrated(page);
  await page.waitForSelector('[role=alert]:has-text("editor role")');
  const res = await page.request.post(`${server.url}/api/v1/tokens`, { data: { name: 'x', role: 'viewer', expires_days: 1 } });
  assert.equal(res.status(), 403);
});
