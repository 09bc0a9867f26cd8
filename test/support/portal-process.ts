// The real portal as a child process (node --import tsx src/main.ts, so a kill reaches the server itself) over a database
// folder that survives restarts and kills: the reliability tests, the browser tests and the screenshots start it this way.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function freePort(): Promise<number> {
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

export function dataDir(prefix = 'portal-reliability-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The environment main.ts reads, for a database in `dir`; nothing inherited but PATH and HOME. An `extra` of undefined leaves that setting out. */
export function portalEnv(dir: string, port: number, extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? dir,
    NODE_ENV: 'development',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_FILE: join(dir, 'app.db'),
    OUTBOX_FILE: join(dir, 'outbox.jsonl'),
    SEED_DEMO: 'true',
    DEV_OUTBOX: 'true',
    ...extra,
  };
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

export type Portal = {
  url: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/** Starts the portal and waits until GET /login answers 200 (or throws with its output). */
export async function startPortal(dir: string, port: number, extra: Record<string, string | undefined> = {}, opts: { bundle?: boolean } = {}): Promise<Portal> {
  // node itself runs the server (tsx as a loader, not tsx's CLI, which would put a wrapper process in between that SIGKILL cannot see past)
  // `bundle`: the precompiled dist/main.mjs that npm start runs (built once by the caller)
  const args = opts.bundle ? ['dist/main.mjs'] : ['--import', 'tsx', 'src/main.ts'];
  const child = spawn(process.execPath, args, { cwd: ROOT, env: portalEnv(dir, port, extra), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  let gone = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.once('exit', (code, signal) => {
      gone = true;
      r({ code, signal });
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (gone) throw new Error(`the portal did not start:\n${output.slice(-3000)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the portal did not answer on ${url} within 60 s:\n${output.slice(-3000)}`);
    }
    try {
      const res = await fetch(`${url}/login`);
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    await sleep(50);
  }
  return { url, port, child, output: () => output, exited };
}

/** Stops a portal this test started (by its own child handle), SIGKILL if it ignores SIGTERM. */
export async function stopPortal(p: Portal): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGTERM');
  const done = await Promise.race([p.exited.then(() => true), sleep(15_000).then(() => false)]);
  if (!done) {
    p.child.kill('SIGKILL');
    await p.exited;
  }
}
