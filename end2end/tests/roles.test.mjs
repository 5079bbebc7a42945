// An admin creates a viewer on the admin page; the viewer cannot see or
// open admin pages.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { hydrated, launch, logIn, newPage } from '../lib/browser.mjs';
import { ADMIN_PASSWORD, startLookout } from '../lib/server.mjs';

let server, browser;
before(async () => { server = await startLookout(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

test('admin creates a viewer in the admin page; the viewer sees no admin pages', async () => {
  const admin = await newPage(browser);
  await logIn(admin, server.url, 'admin', ADMIN_PASSWORD);
  await admin.waitForURL(`${server.url}/`);
  await admin.click('nav >> text=Users');
  await admin.waitForSelector('[data-test=users] tr[data-user=admin]');
  await hydrated(admin);
  const form = admin.locator('[data-test=create-user]');
  await form.locator('input[name=username]').fill('vera');
  await form.locator('input[name=password]').fill('viewer-password');
  await form.locator('select[name=role]').selectOption('viewer');
  await form.locator('button[type=submit]').click();
  await admin.waitForSelector('[data-test=users] tr[data-user=vera]');
  assert.equal(await admin.locator('tr[data-user=vera] select').inputValue(), 'viewer');
  assert.deepEqual(admin.errors, []);

  const viewer = await newPage(browser);
  await logIn(viewer, server.url, 'vera', 'viewer-password');
  await viewer.waitForSelector('[data-test=welcome]:has-text("Welcome, vera.")');
  await hydrated(viewer);
  assert.equal(await viewer.isVisible('nav >> text=Users'), false, 'no Users link for a viewer');
  const res = await viewer.goto(`${server.url}/admin/users`);
  assert.equal(res.status(), 403);
  assert.match(await viewer.textContent('body'), /needs the admin role/);
  assert.equal(await viewer.locator('[data-test=users]').count(), 0);
});

test('the last admin cannot demote themselves from the admin page', async () => {
  const admin = await newPage(browser);
  await logIn(admin, server.url, 'admin', ADMIN_PASSWORD);
  await admin.waitForURL(`${server.url}/`);
  await admin.goto(`${server.url}/admin/users`);
  await hydrated(admin);
  await admin.locator('tr[data-user=admin] select').selectOption('viewer');
  const alert = await admin.waitForSelector('[role=alert]:has-text("no active admin")');
  assert.ok(alert);
  await admin.reload();
  await hydrated(admin);
  assert.equal(await admin.locator('tr[data-user=admin] select').inputValue(), 'admin');
});

test('a failed login shows in the audit log with its address; only admins see the log', async () => {
  const guest = await newPage(browser);
  await logIn(guest, server.url, 'no-such-user', 'wrong-password');
  await guest.waitForSelector('[role=alert]');
  const admin = await newPage(browser);
  await logIn(admin, server.url, 'admin', ADMIN_PASSWORD);
  await admin.waitForURL(`${server.url}/`);
  await hydrated(admin);
  await admin.click('nav >> text=Audit log');
  await admin.waitForSelector('[data-test=audit] tr[data-action=login]');
  await hydrated(admin);
  await admin.selectOption('[data-test=audit-action]', 'login_failed');
  await admin.waitForFunction(() => {
    const rows = [...document.querySelectorAll('[data-test=audit] tbody tr')];
    return rows.length > 0 && rows.every((r) => r.dataset.action === 'login_failed');
  });
  const row = admin.locator('[data-test=audit] tbody tr').first();
  assert.match(await row.textContent(), /no-such-user.*wrong username or password.*127\.0\.0\.1/);
  assert.deepEqual(admin.errors, []);

  const res = await guest.request.get(`${server.url}/api/v1/audit`);
  assert.equal(res.status(), 401);
});
