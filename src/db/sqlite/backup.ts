// SPEC O5 on SQLite: a consistent copy of the database taken with SQLite's online backup while the portal serves.
// SQLite-specific, so not part of the store contract: the SQLite handle (openSqlite) offers it to the backup command.
import Database from 'better-sqlite3';
import type { Db } from './client.js';

/** Copies the whole database into `file` (which must not exist) page by page; writers keep going meanwhile. */
export async function backupDatabase(db: Db, file: string): Promise<{ pages: number }> {
  const result = await db.$client.backup(file);
  return { pages: result.totalPages };
}

/** PRAGMA integrity_check on a database file, opened read-only: 'ok' or the problems SQLite reports. */
export async function checkFileIntegrity(file: string): Promise<string> {
  const copy = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = copy.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join('; ');
  } finally {
    copy.close();
  }
}
