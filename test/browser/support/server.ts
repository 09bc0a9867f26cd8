// The real portal as a child process (node --import tsx src/main.ts, so a kill reaches the server itself) on a free port with a fresh database, demo data and its own outbox.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readOutbox, type OutboxEntry } from '../../../src/notify/notifier.js';

export const ROOT = resolve(import.meta.dirname, '../../..');

export type PortalServer = {
  url: string;
  dir: string;
  outbox: () => OutboxEntry[];
  /** The code of the newest message matching `to` (an address, or a test of the whole entry). */
  latestCode: (to: string | ((m: OutboxEntry) => boolean)) => string;
  /** Stops the server; its folder (database, secret, outbox) is removed unless `keepFiles`. */
  stop: (keepFiles?: boolean) => Promise<void>;
};

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => ok(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts `tsx src/main.ts` with a clean environment and waits until /login answers (or the process dies). */
export async function startPortal(settings: Record<string, string> = {}, reuseDir?: string): Promise<PortalServer> {
  const dir = reuseDir ?? mkdtempSync(join(tmpdir(), 'portal-browser-'));
  const port = await freePort();
  const outboxFile = join(dir, 'outbox.jsonl');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? dir,
    NODE_ENV: 'development',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_FILE: join(dir, 'app.db'),
    OUTBOX_FILE: outboxFile,
    SEED_DEMO: 'true',
    DEV_OUTBOX: 'true',
    ...settings,
  };
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  let exited = false;
  child.once('exit', () => (exited = true));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`the portal did not start:\n${output.slice(-2000)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the portal did not answer on ${url} within 60 s:\n${output.slice(-2000)}`);
    }
    try {
      const res = await fetch(`${url}/login`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    await sleep(100);
  }

  const outbox = () => readOutbox(outboxFile);
  return {
    url,
    dir,
    outbox,
    latestCode(to) {
      const hit = outbox().find((m) => m.code && (typeof to === 'string' ? m.to === to : to(m)));
      if (!hit?.code) throw new Error(`no code in the outbox for ${String(to)}; outbox has: ${outbox().map((m) => `${m.channel}→${m.to}`).join(', ')}`);
      return hit.code;
    },
    async stop(keepFiles = false) {
      if (!exited) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([gone, sleep(3000)]);
        if (!exited) child.kill('SIGKILL');
      }
      if (!keepFiles) rmSync(dir, { recursive: true, force: true });
    },
  };
}
