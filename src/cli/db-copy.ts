// `npm run db:copy -- --to postgres://…` (SPEC Z4): copies a stopped portal's SQLite data into an empty PostgreSQL database,
// for a pilot that outgrows one machine. Every row and id is kept; the SECRET must then be the one the SQLite portal used.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describeDatabase } from '../db/open.js';
import { openSqlite } from '../db/sqlite/index.js';
import { CommandError, loadSettings, runCommand } from './command.js';

const USAGE = 'usage: npm run db:copy -- --to postgres://user:password@host:5432/portal (copies DATABASE_FILE, with the portal stopped)';

export async function main(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  if (argv.length !== 2 || argv[0] !== '--to' || !/^postgres(ql)?:\/\//.test(argv[1])) throw new CommandError(USAGE);
  const to = argv[1];
  // the source is the SQLite file, whatever DATABASE_URL says
  const config = loadSettings({ ...env, DATABASE_URL: undefined });
  if (!existsSync(config.DATABASE_FILE)) throw new CommandError(`no database at ${config.DATABASE_FILE} (set DATABASE_FILE)`);
  const { openCopyTarget } = await import('../db/pg/index.js');
  const shownTo = describeDatabase({ DATABASE_URL: to, DATABASE_FILE: '' });
  let target;
  try {
    target = await openCopyTarget(to);
  } catch (e) {
    throw new CommandError(`cannot open ${shownTo}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const source = openSqlite(config.DATABASE_FILE, config.SQLITE_CACHE_MB);
  try {
    const full = await target.nonEmptyTables();
    if (full.length > 0) throw new CommandError(`refusing: ${shownTo} is not empty (${full.join(', ')} hold rows); copy into a new, empty database. Nothing was changed`);
    const counts = await target.copyInto((table) => source.inspect.rows(table));
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(`copied ${total} rows from ${config.DATABASE_FILE} to ${shownTo}: ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(', ')}`);
    const secret = env.SECRET ? 'the same SECRET' : `SECRET set to the contents of ${join(dirname(config.DATABASE_FILE), 'secret')}`;
    console.log(`start every instance with DATABASE_URL and ${secret}: without it no token, code or card number copied can be checked`);
    return 0;
  } finally {
    await source.close();
    await target.close();
  }
}

await runCommand(import.meta.url, main);
