// SQLITE_CACHE_MB (P6): the page cache the SQLite file is opened with, validated like every setting.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, testConfig } from '../../src/config.js';
import { openDb } from '../../src/db/sqlite/client.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The cache_size pragma of the file opened with these settings' cache (negative: KiB, as SQLite reports it). */
function cacheOf(settings: Record<string, string>): number {
  const dir = mkdtempSync(join(tmpdir(), 'portal-cache-'));
  dirs.push(dir);
  const db = openDb(join(dir, 'app.db'), testConfig(settings).SQLITE_CACHE_MB);
  try {
    return db.$client.pragma('cache_size', { simple: true }) as number;
  } finally {
    db.$client.close();
  }
}

describe('SQLITE_CACHE_MB', () => {
  it('defaults to 2 MiB and opens the file with the cache it names', () => {
    expect(testConfig().SQLITE_CACHE_MB).toBe(2);
    expect(cacheOf({})).toBe(-2048);
    expect(cacheOf({ SQLITE_CACHE_MB: '32' })).toBe(-32 * 1024);
  });

  it('refuses a value that is not a whole number of MiB from 1 to 1024, naming the variable', () => {
    expect(() => testConfig({ SQLITE_CACHE_MB: '0' })).toThrow(ConfigError);
    expect(() => testConfig({ SQLITE_CACHE_MB: '2.5' })).toThrow(/^Invalid setting SQLITE_CACHE_MB: must be a whole number/);
    expect(() => testConfig({ SQLITE_CACHE_MB: '4096' })).toThrow(/^Invalid setting SQLITE_CACHE_MB/);
  });
});
