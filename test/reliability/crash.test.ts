// SPEC M8, X4: the real server killed with SIGKILL at random moments while members migrate, create new My IDs and sign in;
// after every kill the database is intact, every completion a client saw is whole, and no half-done one is visible.
import { describe, expect, it, onTestFinished } from 'vitest';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashPassword } from '../../src/auth/password.js';
import { dataDir, freePort, ROOT, sleep, startPortal, TSX, type Portal } from '../support/portal-process.js';
import { checkDatabase } from './support/crash-check.js';
import { csv, HOLDERS, holders, PASSWORD, PATHS, type Holder } from './support/crash-holders.js';
import { crashJourneys, networkError, signIn } from './support/crash-journeys.js';

const KILLS = Number(process.env.CRASH_KILLS ?? 12);
const WORKERS = 4;

/** Called just before a completing POST; on targeted rounds it schedules the kill a few milliseconds later, inside the completion. */
let completing: () => void = () => {};
const { register, migrate } = crashJourneys(() => completing);

describe('SIGKILL at random moments', () => {
  it(`survives ${KILLS} kills mid-traffic: integrity ok, every completion whole, nothing half-done`, async () => {
    const dir = dataDir('portal-crash-');
    let running: Portal | undefined;
    onTestFinished(() => {
      if (running && running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL'); // a failed or timed-out run leaves no server behind
      rmSync(dir, { recursive: true, force: true });
    });
    const dbFile = join(dir, 'app.db');
    const outbox = dbFile;
    const env = { IP_MAX_FAILURES: '1000000', CODE_RESEND_SECONDS: '0' };
    writeFileSync(join(dir, 'holders.csv'), csv(await hashPassword('legacy-pass-1')));
    const imported = spawnSync(process.execPath, [TSX, 'src/cli/import.ts', join(dir, 'holders.csv')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: dir, DATABASE_FILE: dbFile },
      encoding: 'utf8',
    });
    expect(imported.status, imported.stderr).toBe(0);

    const completed = new Set<string>();
    const done: Holder[] = [];
    let next = 0;
    let interrupted = 0;
    let signIns = 0;
    const journeyFailures: string[] = [];
    const log: string[] = [];
    let lastWhole = 0;

    for (let round = 0; round < KILLS; round++) {
      const port = await freePort();
      const portal = await startPortal(dir, port, env);
      running = portal;
      let dead = false;
      const worker = async () => {
        while (!dead) {
          const h = holders[next++];
          if (!h) throw new Error(`all ${HOLDERS} holders used up: raise HOLDERS`);
          try {
            if (await (h.path === 'register' ? register(portal, outbox, h) : migrate(portal, outbox, h))) {
              completed.add(h.key);
              done.push(h);
            }
          } catch (e) {
            if (networkError(e)) interrupted++;
            else if (!dead) journeyFailures.push(`${h.key}: ${(e as Error).message}`);
          }
          try {
            const member = done[Math.floor(Math.random() * done.length)];
            if (member && (await signIn(portal, member.myId, PASSWORD)) === 303) signIns++;
            await signIn(portal, `nobody-${round}@example.jp`, 'wrong-password');
          } catch {
            /* the kill */
          }
        }
      };
      // even rounds: a random moment; odd rounds: 0–60 ms after a completing POST was sent (Argon2 + the transaction)
      const targeted = round % 2 === 1;
      let fire: () => void = () => {};
      const killed = new Promise<void>((r) => (fire = r));
      completing = targeted ? () => void setTimeout(fire, Math.random() * 60) : () => {};
      const workers = Array.from({ length: WORKERS }, worker);
      await Promise.race([killed, sleep(targeted ? 10_000 : 300 + Math.random() * 2_700)]);
      completing = () => {};
      dead = true;
      portal.child.kill('SIGKILL');
      const exit = await portal.exited;
      expect(exit.signal).toBe('SIGKILL');
      await Promise.all(workers);
      const check = await checkDatabase(dbFile, completed);
      log.push(`kill ${round + 1} (${targeted ? 'during a completion' : 'random moment'}): ${check.whole} whole, ${check.untouched} untouched, ${completed.size} seen done`);
      lastWhole = check.whole;
      expect(check.integrity).toBe('ok');
      expect(check.problems).toEqual([]);
      expect(check.whole).toBeGreaterThanOrEqual(completed.size); // some may have committed with the answer lost
    }

    // after the last kill: a clean start, and the members whose completion was answered can sign in
    const portal = await startPortal(dir, await freePort(), env);
    running = portal;
    try {
      for (const h of done.slice(-6)) expect(await signIn(portal, h.myId, PASSWORD)).toBe(303);
    } finally {
      portal.child.kill('SIGTERM');
      await portal.exited;
    }
    const byPath = PATHS.map((path) => `${path} ${done.filter((h) => h.path === path).length}`).join(', ');
    console.log(`crash test: ${KILLS} kills survived; ${completed.size} completions answered (${byPath}), ${interrupted} journeys cut by a kill, ${signIns} right sign-ins\n  ${log.join('\n  ')}`);
    expect(journeyFailures).toEqual([]);
    expect(lastWhole).toBeGreaterThan(0); // completions did happen between the kills
  }, 240_000);
});
