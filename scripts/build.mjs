// Precompiles the server into dist/ so `npm start` runs plain node: no TypeScript compile at start-up (SPEC P6 start-up and memory).
// Native and third-party packages stay in node_modules; the migrations and the demo data file go next to the bundle.
// SPEC Z3: several `npm start` in one checkout at once take turns under a lock, skip the build when dist/ already matches the
// sources, and swap a finished build in with a rename, so no instance ever starts from a half-written dist/.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const OUT = 'dist';
const LOCK = 'dist.lock';
const STAMP = join(OUT, '.sources');
const INPUTS = ['src', 'views', 'scripts/build.mjs', 'package-lock.json'];

/** A hash of every input file's path and contents: dist/ is current when it was built from exactly these. */
function fingerprint() {
  const hash = createHash('sha256');
  const walk = (path) => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) for (const name of readdirSync(path).sort()) walk(join(path, name));
    else hash.update(path).update('\0').update(readFileSync(path)).update('\0');
  };
  INPUTS.forEach(walk);
  return hash.digest('hex');
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** mkdir is atomic: whoever creates the lock folder builds; a lock left by a process that died is taken over. */
async function withLock(work) {
  for (let waited = 0; ; waited += 100) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      const owner = Number(existsSync(join(LOCK, 'pid')) ? readFileSync(join(LOCK, 'pid'), 'utf8') : 0);
      if ((owner && !alive(owner)) || waited > 120_000) rmSync(LOCK, { recursive: true, force: true });
      await sleep(100);
    }
  }
  writeFileSync(join(LOCK, 'pid'), String(process.pid));
  try {
    return await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

// BUILD_LOG=1: say which it was (the build test counts them); npm start stays quiet
const say = (line) => process.env.BUILD_LOG === '1' && console.log(line);

await withLock(async () => {
  const sources = fingerprint();
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === sources) return say('dist/ is current');
  const tmp = `${OUT}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  await build({
    entryPoints: { main: 'src/main.ts' },
    outdir: tmp,
    outExtension: { '.js': '.mjs' },
    // the PostgreSQL store (and pg) is its own chunk, loaded only when DATABASE_URL is set
    splitting: true,
    chunkNames: '[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx',
    logLevel: 'warning',
  });
  cpSync('src/db/sqlite/migrations', join(tmp, 'migrations'), { recursive: true });
  cpSync('src/db/pg/migrations', join(tmp, 'pg-migrations'), { recursive: true });
  cpSync('src/cli/demo.csv', join(tmp, 'demo.csv'));
  // SPEC M7: read by src/auth/common-passwords.ts from next to the bundle
  cpSync('src/auth/common-passwords.txt', join(tmp, 'common-passwords.txt'));
  writeFileSync(join(tmp, '.sources'), sources);
  const old = `${OUT}.old-${process.pid}`;
  if (existsSync(OUT)) renameSync(OUT, old);
  renameSync(tmp, OUT);
  rmSync(old, { recursive: true, force: true });
  say('built dist/');
});
