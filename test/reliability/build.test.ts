// SPEC Z3 / GOTCHAS: several `npm start` in one checkout at once take turns building dist/ — one builds, the others find it
// current — and an instance never starts from a half-written bundle. Run in a scratch checkout (links to this one's sources).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/portal-process.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'portal-build-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scripts/build.mjs (the prestart bundle)', () => {
  it('three builds started at once in one checkout all succeed, build once, and leave one whole dist/', async () => {
    for (const name of ['src', 'views', 'node_modules', 'package-lock.json']) symlinkSync(join(ROOT, name), join(dir, name));
    mkdirSync(join(dir, 'scripts'));
    writeFileSync(join(dir, 'scripts', 'build.mjs'), readFileSync(join(ROOT, 'scripts', 'build.mjs')));
    const build = () => run(process.execPath, ['scripts/build.mjs'], { cwd: dir, env: { ...process.env, BUILD_LOG: '1' } });
    const results = await Promise.all([build(), build(), build()]);
    expect(results.map((r) => r.stdout.trim()).sort()).toEqual(['built dist/', 'dist/ is current', 'dist/ is current']);
    expect(readdirSync(dir).filter((f) => f.startsWith('dist')).sort()).toEqual(['dist']);
    expect(existsSync(join(dir, 'dist', 'main.mjs'))).toBe(true);
    expect(existsSync(join(dir, 'dist', 'pg-migrations'))).toBe(true);
    // the next start finds it current too
    expect((await build()).stdout.trim()).toBe('dist/ is current');
  });
});
