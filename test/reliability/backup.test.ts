// SPEC O5: a backup taken while a real portal serves traffic is consistent and restores to a working portal;
// SPEC O2/O4 on the real server: /readyz answers and the pruning timer runs.
import { afterEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { dataDir, freePort, portalEnv, ROOT, startPortal, stopPortal, type Portal } from '../support/portal-process.js';
import { serverClient } from './support/journeys.js';
import { fileIntegrity, openTestDatabase } from '../helpers/stores.js';

const run = promisify(execFile);
const SECRET = 'backup-test-secret-backup-test-secret-00';
const portals: Portal[] = [];
afterEach(async () => {
  for (const p of portals.splice(0)) await stopPortal(p);
});

async function command(name: string, args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', `src/cli/${name}.ts`, ...args], { cwd: ROOT, env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('O5 npm run backup', () => {
  it('copies the database during traffic; the copy passes integrity_check and restores to a portal one can sign in to', async () => {
    const dir = dataDir('portal-backup-');
    const port = await freePort();
    const portal = await startPortal(dir, port, { SECRET, PRUNE_INTERVAL_SECONDS: '1', IP_MAX_FAILURES: '1000000' });
    portals.push(portal);
    expect((await fetch(`${portal.url}/readyz`)).status).toBe(200);

    // traffic: wrong passwords (counters, audit rows) and right ones (sessions) from several clients until the backup is done
    let done = false;
    let requests = 0;
    const traffic = Array.from({ length: 4 }, async (_, n) => {
      const client = serverClient(portal.url);
      for (let i = 0; !done; i++) {
        const right = i % 3 === 0;
        const res = await client.post('/login', right ? { id: 'member@example.jp', password: 'Demo#2025pass' } : { id: `nobody-${n}-${i}`, password: 'wrong' });
        expect([303, 422, 429]).toContain(res.status);
        requests++;
      }
    });
    await new Promise((r) => setTimeout(r, 300));
    const file = join(dir, 'copy.db');
    const env = portalEnv(dir, port, { SECRET });
    const backup = await command('backup', [file], env);
    done = true;
    await Promise.all(traffic);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/^wrote .*copy\.db: \d+ bytes, \d+ pages copied from .*app\.db, integrity ok\nkeep the SECRET setting with it/);
    expect(requests).toBeGreaterThan(4);

    expect(await fileIntegrity(file)).toBe('ok');
    const copy = openTestDatabase(file);
    expect(await copy.inspect.count('holder')).toBeGreaterThan(0);
    await copy.close();

    // never over an existing file
    const again = await command('backup', [file], env);
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe(`refusing to overwrite ${file}: it exists (choose a new file name)`);

    // the pruning timer ran in the server and logged it as a JSON line
    expect(portal.output()).toMatch(/"msg":"pruned"/);

    // restore: the copy as another portal's DATABASE_FILE, with the same SECRET
    const restored = dataDir('portal-restored-');
    copyFileSync(file, join(restored, 'app.db'));
    const second = await startPortal(restored, await freePort(), { SECRET, IP_MAX_FAILURES: '1000000' });
    portals.push(second);
    const member = serverClient(second.url);
    expect(await member.post('/login', { id: 'member@example.jp', password: 'Demo#2025pass' })).toMatchObject({ status: 303, location: '/top' });
    expect((await member.get('/top')).status).toBe(200);
  }, 120_000);

  it('bad input is one line and exit 1', async () => {
    const dir = dataDir('portal-backup-bad-');
    const env = portalEnv(dir, 0, { SECRET });
    const none = await command('backup', [], env);
    expect(none).toMatchObject({ code: 1, stderr: 'usage: npm run backup -- FILE\n' });
    const noDb = await command('backup', [join(dir, 'x.db')], env);
    expect(noDb).toMatchObject({ code: 1, stderr: `no database at ${join(dir, 'app.db')} (set DATABASE_FILE, or DATABASE_URL for PostgreSQL)\n` });
    const noFolder = await command('backup', [join(dir, 'missing', 'x.db')], env);
    expect(noFolder.code).toBe(1);
    expect(noFolder.stderr).toMatch(/^cannot write .*: no folder .*missing\n$/);
  });
});
