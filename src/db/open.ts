// The one choice of store implementation (SPEC Z1, Z5): PostgreSQL when DATABASE_URL is set (loaded only then), else the SQLite file.
import type { Config } from '../config.js';
import type { Database } from './contract.js';
import { openSqlite, type SqliteDatabase } from './sqlite/index.js';

export type OpenedDatabase = ({ dialect: 'sqlite' } & SqliteDatabase) | ({ dialect: 'postgres' } & Database);

/** Where the data is, as a line may name it (a PostgreSQL URL with its password as ***). */
export function describeDatabase(config: Pick<Config, 'DATABASE_URL' | 'DATABASE_FILE'>): string {
  return config.DATABASE_URL ? config.DATABASE_URL.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@') : config.DATABASE_FILE;
}

/** Opens and migrates the database the settings name. `onPoolError` hears a PostgreSQL connection dropped while idle. */
export async function openDatabase(config: Pick<Config, 'DATABASE_URL' | 'DATABASE_FILE' | 'SQLITE_CACHE_MB'>, onPoolError?: (err: Error) => void): Promise<OpenedDatabase> {
  if (!config.DATABASE_URL) return openSqlite(config.DATABASE_FILE, config.SQLITE_CACHE_MB) as OpenedDatabase;
  const { openPostgres } = await import('./pg/index.js');
  return (await openPostgres(config.DATABASE_URL, { onError: onPoolError })) as OpenedDatabase;
}
