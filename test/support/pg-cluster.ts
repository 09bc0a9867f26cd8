// A throwaway PostgreSQL cluster for the tests (SPEC Z5): initdb + pg_ctl from PATH or /usr/lib/postgresql/*/bin, run as the
// postgres user when the tests run as root (PostgreSQL refuses root), in a temp folder, on a free port. About 2–3 s to start.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export type Cluster = { dir: string; port: number; bin: string; url: (database?: string) => string; stop(): void; restart(): Promise<void> };

/** The folder holding both initdb and pg_ctl: on PATH first, then Debian's /usr/lib/postgresql/<version>/bin, newest first. */
export function findPgBin(path = process.env.PATH ?? '', debianRoot = '/usr/lib/postgresql'): string | undefined {
  const onPath = path.split(delimiter).filter(Boolean);
  const debian = existsSync(debianRoot)
    ? readdirSync(debianRoot)
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => join(debianRoot, v, 'bin'))
    : [];
  return [...onPath, ...debian].find((dir) => existsSync(join(dir, 'pg_ctl')) && existsSync(join(dir, 'initdb')));
}

const isRoot = () => process.getuid?.() === 0;
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Runs a PostgreSQL program, as the postgres user when we are root. */
function runPg(bin: string, program: string, args: string[]): void {
  const command = [join(bin, program), ...args].map(quote).join(' ');
  const result = isRoot() ? spawnSync('su', ['postgres', '-s', '/bin/sh', '-c', command], { encoding: 'utf8' }) : spawnSync('/bin/sh', ['-c', command], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${program} failed: ${(result.stderr || result.stdout || '').trim().split('\n').slice(-3).join(' | ')}`);
}

/** The same, without blocking the event loop (the tests keep sending requests meanwhile). */
function runPgAsync(bin: string, program: string, args: string[]): Promise<void> {
  const command = [join(bin, program), ...args].map(quote).join(' ');
  const [file, argv] = isRoot() ? ['su', ['postgres', '-s', '/bin/sh', '-c', command]] : ['/bin/sh', ['-c', command]];
  return new Promise((done, fail) => execFile(file, argv as string[], (err, _out, stderr) => (err ? fail(new Error(`${program} failed: ${stderr.trim()}`)) : done())));
}

/** Starts a new cluster on `port` (trust authentication, loopback only, durability relaxed for speed: nothing here outlives the run). */
export function startCluster(port: number, bin = findPgBin()): Cluster {
  if (!bin) throw new Error('no PostgreSQL found');
  const dir = mkdtempSync(join(tmpdir(), 'portal-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  runPg(bin, 'initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=500 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  const start = () => runPg(bin, 'pg_ctl', ['-D', data, '-w', '-t', '30', '-o', options, '-l', join(dir, 'log'), 'start']);
  start();
  return {
    dir,
    port,
    bin,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    // a fast stop ends every connection (SPEC Z3: the portal answers 503 meanwhile) and writes everything committed
    async restart() {
      await runPgAsync(bin, 'pg_ctl', ['-D', data, '-w', '-m', 'fast', 'stop']);
      await runPgAsync(bin, 'pg_ctl', ['-D', data, '-w', '-t', '30', '-o', options, '-l', join(dir, 'log'), 'start']);
    },
    stop() {
      try {
        runPg(bin, 'pg_ctl', ['-D', data, '-w', '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Only for the one-line refusal: whether `su` can run as postgres here. */
export function canRunAsPostgres(): boolean {
  if (!isRoot()) return true;
  try {
    execFileSync('id', ['postgres'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
