// Child processes of the bench: servers started as `node [--import tsx] <script>` (one node process each, so its pid is the server's),
// time from spawn to the first 200, peak RSS from /proc/<pid>/status, and the raw Argon2id child.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..', '..');

export type Server = {
  name: string;
  base: string;
  pid: number;
  /** spawn → first 200 from the ready path, in ms */
  startupMs: number;
  /** VmHWM (peak resident set) in MB, as the kernel counts it */
  peakRssMb(): number;
  /** VmRSS now, in MB */
  rssMb(): number;
  /** user + system CPU seconds the process has used so far */
  cpuSeconds(): number;
  output(): string;
  stop(): Promise<void>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function readStatusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : NaN;
  } catch {
    return NaN;
  }
}

/** utime + stime from /proc/<pid>/stat (clock ticks of 1/100 s on Linux). */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Spawns `node [nodeArgs] <entry> [args]` and polls `readyPath` until it answers 200. */
export async function startServer(opts: {
  name: string;
  entry: string;
  args?: string[];
  env?: Record<string, string>;
  port: number;
  readyPath: string;
  nodeArgs?: string[];
  timeoutMs?: number;
}): Promise<Server> {
  const base = `http://127.0.0.1:${opts.port}`;
  let out = '';
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [...(opts.nodeArgs ?? ['--import', 'tsx']), opts.entry, ...(opts.args ?? [])], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) => child.once('exit', (code) => ((exited = code), resolve())));
  const deadline = started + (opts.timeoutMs ?? 30_000);
  let startupMs = NaN;
  while (performance.now() < deadline && exited === undefined) {
    try {
      const res = await fetch(base + opts.readyPath, { redirect: 'manual' });
      await res.arrayBuffer();
      if (res.status === 200) {
        startupMs = performance.now() - started;
        break;
      }
    } catch {
      // not listening yet
    }
    await sleep(5);
  }
  if (Number.isNaN(startupMs)) {
    child.kill('SIGKILL');
    throw new Error(`${opts.name} did not answer 200 on ${opts.readyPath} (exit ${exited}):\n${out}`);
  }
  const pid = child.pid!;
  return {
    name: opts.name,
    base,
    pid,
    startupMs,
    peakRssMb: () => readStatusKb(pid, 'VmHWM') / 1024,
    rssMb: () => readStatusKb(pid, 'VmRSS') / 1024,
    cpuSeconds: () => cpuSecondsOf(pid),
    output: () => out,
    stop: async () => {
      if (exited !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** Raw Argon2id verifications/s in a child process (same process tree, same parameters, `concurrency` in flight). */
export async function rawArgon2(opts: { hash: string; password: string; concurrency: number; seconds: number }): Promise<{ perSecond: number; verifications: number; seconds: number; cpuSeconds: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(root, 'bench', 'argon2-raw.ts'), String(opts.concurrency), String(opts.seconds), JSON.stringify({ hash: opts.hash, password: opts.password })],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`argon2-raw exited ${code}: ${err}`));
      resolve(JSON.parse(out.trim().split('\n').pop()!));
    });
  });
}

/** Load average and CPU count, to report how busy the shared machine was. */
export function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'n/a';
  }
}
