// Starts the real `lookout` binary on a free port with a fresh SQLite file,
// as the README's run command would, and stops it with SIGTERM.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = resolve(import.meta.dirname, '../..');
export const ADMIN_PASSWORD = 'e2e-admin-password';

/** `datasources`: provisioned at start (the same file format as --provision-datasources). */
export async function startLookout({ datasources } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-e2e-'));
  const bin = process.env.LOOKOUT_BIN ?? join(ROOT, 'target/debug/lookout');
  const args = ['--listen', '127.0.0.1:0', '--database', join(dir, 'lookout.db'), '--log-format', 'json'];
  if (datasources) {
    writeFileSync(join(dir, 'datasources.json'), JSON.stringify(datasources));
    args.push('--provision-datasources', join(dir, 'datasources.json'));
  }
  const child = spawn(bin, args, {
    cwd: ROOT,
    env: { ...process.env, LOOKOUT_ADMIN_PASSWORD: ADMIN_PASSWORD, LEPTOS_SITE_ROOT: join(ROOT, 'target/site') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const log = [];
  const url = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`lookout did not start:\n${log.join('\n')}`)), 30_000);
    child.on('exit', (code) => fail(new Error(`lookout exited ${code}:\n${log.join('\n')}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      log.push(line);
      try {
        const event = JSON.parse(line);
        if (event.url) { clearTimeout(timer); ok(event.url); }
      } catch { /* not JSON: keep it for the failure message */ }
    });
  });
  return {
    url,
    log,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((done) => (child.exitCode !== null ? done() : child.on('exit', done)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
