// SPEC Z5: npm test finds initdb and pg_ctl the same way on a developer's machine and on CI: on PATH first, then in
// Debian's /usr/lib/postgresql/<version>/bin (newest first); none at all is what makes the global setup stop with one line.
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPgBin } from '../support/pg-cluster.js';

function binDir(root: string, ...parts: string[]): string {
  const dir = join(root, ...parts);
  mkdirSync(dir, { recursive: true });
  for (const tool of ['initdb', 'pg_ctl']) {
    writeFileSync(join(dir, tool), '#!/bin/sh\n');
    chmodSync(join(dir, tool), 0o755);
  }
  return dir;
}

describe('finding the PostgreSQL binaries for the tests', () => {
  const root = mkdtempSync(join(tmpdir(), 'pg-bin-'));
  const debian = join(root, 'usr-lib-postgresql');
  const v13 = binDir(debian, '13', 'bin');
  const v15 = binDir(debian, '15', 'bin');
  const onPath = binDir(root, 'local', 'bin');
  const onlyPgCtl = join(root, 'half');
  mkdirSync(onlyPgCtl);
  writeFileSync(join(onlyPgCtl, 'pg_ctl'), '');

  it('prefers a folder on PATH that has both initdb and pg_ctl', () => {
    expect(findPgBin(`${onlyPgCtl}:${onPath}:/usr/bin`, debian)).toBe(onPath);
  });
  it("falls back to Debian's newest version", () => {
    expect(findPgBin('/nowhere', debian)).toBe(v15);
    expect(v13).not.toBe(v15);
  });
  it('finds none when neither has them', () => {
    expect(findPgBin(onlyPgCtl, join(root, 'missing'))).toBeUndefined();
  });
});
