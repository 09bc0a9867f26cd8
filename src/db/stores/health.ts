// SPEC O2: whether the database answers, and which migrations it has applied.
import { sql } from 'drizzle-orm';
import type { Db } from '../client.js';

export type DatabaseHealth = { ok: true; appliedHashes: string[] } | { ok: false; problem: string };

/** Runs a trivial query and reads drizzle's migration journal table; never throws. */
export async function readDatabaseHealth(db: Db): Promise<DatabaseHealth> {
  try {
    db.get(sql`SELECT 1`);
    const table = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'`);
    if (!table || table.n === 0) return { ok: true, appliedHashes: [] };
    const rows = db.all<{ hash: string }>(sql`SELECT hash FROM __drizzle_migrations ORDER BY created_at`);
    return { ok: true, appliedHashes: rows.map((r) => r.hash) };
  } catch (err) {
    return { ok: false, problem: err instanceof Error ? err.message : String(err) };
  }
}
