// What a person does with accounts: log in through the form, see the
// hydrated home page, log out, get sent to login when anonymous.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { hydrated, launch, logIn, newPage } from '../lib/browser.mjs';
import { ADMIN_PASSWORD, startLookout } from '../lib/server.mjs';

let server, browser;
before(async () => { server = await startLookout(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

test('an anonymous visitor is sent to the login page', async () => {
  const page = await newPage(browser);
  const res = await page.goto(`${server.url}/account`);
  assert.equal(new URL(page.url()).pathname, '/login');
  assert.equal(new URL(page.url()).searchParams.get('next'), '/account');
  assert.equal(res.status(), 200);
  await hydrated(page);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'username', 'username is focused');
  assert.deepEqual(page.errors, []);
});

test('admin logs in through the form, sees the hydrated home page, and logs out', async () => {
  const page = await newPage(browser);
  await logIn(page, server.url, 'admin', ADMIN_PASSWORD);
  await page.waitForURL(`${server.url}/`);
  await page.waitForSelector('[data-test=welcome]:has-text("Welcome, admin.")');
  await hydrated(page);
  assert.match(await page.textContent('.whoami'), /admin \(admin\)/);
  assert.ok(await page.isVisible('nav >> text=Users'), 'admins see the Users link');
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === 'lookout_session');
  assert.ok(session?.httpOnly, 'session cookie is HttpOnly');
  assert.equal(await page.evaluate(() => document.cookie.includes('lookout_session')), false, 'scripts cannot read it');

  await page.click('[data-test=logout]');
  await page.waitForURL(/\/login$/);
  await page.goto(`${server.url}/`);
  assert.equal(new URL(page.url()).pathname, '/login', 'after logout the home page needs a login again');
  assert.deepEqual(page.errors, []);
});

test('a wrong password shows a clear message and no session', async () => {
  const page = await newPage(browser);
  await logIn(page, server.url, 'admin', 'not-the-password');
  const alert = await page.waitForSelector('[role=alert]');
  assert.equal(await alert.textContent(), 'Wrong username or password.');
  assert.equal(new URL(page.url()).pathname, '/login');
  assert.equal((await page.context().cookies()).some((c) => c.name === 'lookout_session' && c.value), false);
});

test('after login the user lands on the page they asked for', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}/account`);
  await hydrated(page);
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', ADMIN_PASSWORD);
  await page.click('[data-test=login-form] button[type=submit]');
  await page.waitForURL(`${server.url}/account`);
  await page.waitForSelector('h1:has-text("Your account")');
});
