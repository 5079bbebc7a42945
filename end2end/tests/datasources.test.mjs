// An admin adds a Prometheus and an OpenSearch data source through the form;
// "Save & test" shows each upstream's version, a wrong password says why,
// and the stored secret is never shown again.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { hydrated, launch, logIn, newPage } from '../lib/browser.mjs';
import { peers } from '../lib/peers.mjs';
import { ADMIN_PASSWORD, startLookout } from '../lib/server.mjs';

let server, browser;
before(async () => { server = await startLookout(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

async function openPage() {
  const page = await newPage(browser);
  await logIn(page, server.url, 'admin', ADMIN_PASSWORD);
  await page.waitForURL(`${server.url}/`);
  await page.click('nav >> text=Data sources');
  await page.waitForSelector('[data-test=datasource-form]');
  await hydrated(page);
  return page;
}

test('admin adds both kinds; Save & test shows each version; a wrong password says why', async () => {
  const p = peers();
  const page = await openPage();
  const form = page.locator('[data-test=datasource-form]');

  await form.locator('input[name=name]').fill('Prometheus');
  await form.locator('input[name=url]').fill(p.prom);
  await form.locator('select[name=auth]').selectOption('basic');
  await form.locator('input[name=basic_username]').fill(p.user);
  await form.locator('input[name=secret]').fill(p.password);
  await form.locator('button[type=submit]').click();
  await page.waitForSelector('[data-test=save-result]:has-text("Prometheus API OK, version 2.")');
  await page.waitForSelector('tr[data-datasource=Prometheus]');
  assert.equal(await form.locator('input[name=secret]').inputValue(), '', 'the secret is not shown back');
  assert.match(await form.locator('input[name=secret]').getAttribute('placeholder'), /stored/);
  assert.equal((await page.content()).includes(p.password), false, 'the secret is nowhere in the page');

  await form.locator('button:has-text("New")').click();
  await form.locator('input[name=name]').fill('Logs');
  await form.locator('select[name=kind]').selectOption('elasticsearch');
  await form.locator('input[name=url]').fill(p.es);
  await form.locator('select[name=auth]').selectOption('none');
  await form.locator('input[name=index_pattern]').fill('logs-*');
  await form.locator('button[type=submit]').click();
  await page.waitForSelector('[data-test=save-result]:has-text("OpenSearch")');
  await page.waitForSelector('tr[data-datasource=Logs]');

  await page.locator('tr[data-datasource=Prometheus] >> text=Edit').click();
  await form.locator('input[name=name]').fill('Prometheus wrong');
  await form.locator('input[name=secret]').fill('not-the-password');
  await form.locator('button[type=submit]').click();
  await page.waitForSelector('[data-test=save-result]:has-text("refused the credentials (HTTP 401)")');
  assert.deepEqual(page.errors, []);
});

test('a down server and a malformed URL give clear messages', async () => {
  const page = await openPage();
  const form = page.locator('[data-test=datasource-form]');
  await form.locator('input[name=name]').fill('Down');
  await form.locator('input[name=url]').fill('http://127.0.0.1:9');
  await form.locator('button[type=submit]').click();
  await page.waitForSelector('[data-test=save-result]:has-text("cannot connect")');

  await form.locator('button:has-text("New")').click();
  await form.locator('input[name=name]').fill('Bad URL');
  await form.locator('input[name=url]').fill('ftp://example');
  await form.locator('button[type=submit]').click();
  await page.waitForSelector('[data-test=save-result]:has-text("http:// or https://")');
});
