// SPEC §2 import: `npm run import` — exit codes, one-line errors, the secret file beside the database.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { keyedHash } from '../../src/auth/secrets.js';
import { openTestDatabase } from '../helpers/stores.js';
import { EMPTY, FIXTURES, rowCounts } from '../helpers/import.js';

describe('npm run import (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'import-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = async (args: string[], dbFile: string) => {
    const env: Record<string, string | undefined> = { ...process.env, DATABASE_FILE: dbFile };
    delete env.SECRET;
    try {
      const r = await promisify(execFile)(join('node_modules', '.bin', 'tsx'), ['src/cli/import.ts', ...args], { env });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  };

  it('imports a good file, exits 0 and keeps a secret file beside the database', async () => {
    const dbFile = join(dir, 'good', 'app.db');
    const r = await run([join(FIXTURES, 'good.csv')], dbFile);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout.trim()).toBe('imported 5 holders, 7 cards, 6 phones, 5 legacy IDs, 1 initial IDs, 1 accounts');
    expect(statSync(join(dir, 'good', 'secret')).mode & 0o777).toBe(0o600);
    // the card hash uses that secret, as the server will
    const secret = readFileSync(join(dir, 'good', 'secret'), 'utf8').trim();
    const fileDb = openTestDatabase(dbFile);
    expect((await fileDb.inspect.rows('card')).find((rec) => rec.numberHash === keyedHash(secret, 'card', '4980123400000010'))).toBeDefined();
    await fileDb.close();
  });

  it('prints every error line, exits 1 and writes nothing', async () => {
    const dbFile = join(dir, 'bad', 'app.db');
    const r = await run([join(FIXTURES, 'bad-duplicates.csv')], dbFile);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toContain('line 3: card_number: duplicates line 2');
    expect(lines).toContain('line 14: legacy_id: duplicates initial_id on line 12');
    expect(lines.filter((l) => l.startsWith('line '))).toHaveLength(11);
    expect(lines.at(-1)).toBe('11 problem(s) found; nothing was imported');
    const fileDb = openTestDatabase(dbFile);
    expect(await rowCounts(fileDb)).toEqual(EMPTY);
    await fileDb.close();
  });

  it('says in one line when the file is missing or not UTF-8, and when no file is given', async () => {
    const dbFile = join(dir, 'missing', 'app.db');
    expect(await run([join(dir, 'nope.csv')], dbFile)).toEqual({ code: 1, stdout: '', stderr: `cannot read ${join(dir, 'nope.csv')}: no such file\n` });
    const sjis = join(dir, 'sjis.csv');
    writeFileSync(sjis, Buffer.from([0x83, 0x65, 0x83, 0x58, 0x83, 0x67, 0x0a]));
    expect((await run([sjis], dbFile)).stderr).toBe(`cannot read ${sjis}: it is not UTF-8 text (convert it first, e.g. from Shift_JIS)\n`);
    expect(await run([], dbFile)).toEqual({ code: 1, stdout: '', stderr: 'usage: npm run import -- FILE.csv\n' });
  });
});
