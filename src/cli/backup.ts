// `npm run backup -- FILE` (SPEC O5): writes a consistent copy of the database while the portal runs, then checks the copy.
// On SQLite its online backup; on PostgreSQL (SPEC Z4) the standard tool, pg_dump, in its custom format (restore with pg_restore).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Config } from '../config.js';
import { checkFileIntegrity } from '../db/sqlite/backup.js';
import { CommandError, loadSettings, openExistingDb, runCommand } from './command.js';

/** SPEC Z4: pg_dump -Fc of DATABASE_URL into `file` (a consistent snapshot while the portal serves), checked by listing it with pg_restore. */
function dumpPostgres(config: Config & { DATABASE_URL: string }, file: string): string {
  const dump = spawnSync('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, `--dbname=${config.DATABASE_URL}`], { encoding: 'utf8' });
  if (dump.error) throw new CommandError('pg_dump not found: install the PostgreSQL client tools (Debian: postgresql-client) or run pg_dump -Fc yourself');
  if (dump.status !== 0) throw new CommandError(`pg_dump failed: ${dump.stderr.trim().split('\n')[0]}`);
  const list = spawnSync('pg_restore', ['--list', file], { encoding: 'utf8' });
  if (list.status !== 0) throw new CommandError(`the dump at ${file} could not be read back by pg_restore --list`);
  const tables = list.stdout.split('\n').filter((l) => / TABLE DATA /.test(l)).length;
  return `wrote ${file}: ${statSync(file).size} bytes, pg_dump custom format with ${tables} tables' data, readable by pg_restore`;
}

export async function main(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  if (argv.length !== 1 || argv[0].startsWith('-')) throw new CommandError('usage: npm run backup -- FILE');
  const file = resolve(argv[0]);
  if (existsSync(file)) throw new CommandError(`refusing to overwrite ${file}: it exists (choose a new file name)`);
  if (!existsSync(dirname(file)) || !statSync(dirname(file)).isDirectory()) throw new CommandError(`cannot write ${file}: no folder ${dirname(file)}`);
  const config = loadSettings(env);
  if (config.DATABASE_URL) {
    console.log(dumpPostgres({ ...config, DATABASE_URL: config.DATABASE_URL }, file));
    console.log('keep the SECRET setting with it: without it no token, code or card number in it can be checked');
    return 0;
  }
  const db = await openExistingDb(config);
  try {
    if (db.dialect !== 'sqlite') throw new CommandError('backup: not a SQLite database');
    const { pages } = await db.backup(file);
    const integrity = await checkFileIntegrity(file);
    if (integrity !== 'ok') throw new CommandError(`the copy at ${file} failed its integrity check: ${integrity}`);
    console.log(`wrote ${file}: ${statSync(file).size} bytes, ${pages} pages copied from ${config.DATABASE_FILE}, integrity ok`);
    const secret = env.SECRET ? 'the SECRET setting' : `the secret file ${join(dirname(config.DATABASE_FILE), 'secret')}`;
    console.log(`keep ${secret} with it: without it no token, code or card number in it can be checked`);
    return 0;
  } finally {
    await db.close();
  }
}

await runCommand(import.meta.url, main);
