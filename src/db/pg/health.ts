// SPEC O2 on PostgreSQL: whether the database answers, and whether it has applied every migration this build ships.
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { HealthStore } from '../contract.js';
import { migrationsFolder, type Db } from './client.js';

let shipped: string[] | undefined;
/** The hashes of the migrations this build ships, read once. */
const shippedMigrations = () => (shipped ??= readMigrationFiles({ migrationsFolder }).map((m) => m.hash));

type DatabaseHealth = { ok: true; appliedHashes: string[] } | { ok: false; problem: string };

/** Runs a trivial query and reads drizzle's migration journal table (schema drizzle); never throws. */
async function readDatabaseHealth(db: Db): Promise<DatabaseHealth> {
  try {
    const exists = await db.execute<{ t: string | null }>(sql`SELECT to_regclass('drizzle.__drizzle_migrations')::text AS t`);
    if (!exists.rows[0]?.t) return { ok: true, appliedHashes: [] };
    const rows = await db.execute<{ hash: string }>(sql`SELECT hash FROM drizzle.__drizzle_migrations ORDER BY created_at`);
    return { ok: true, appliedHashes: rows.rows.map((r) => r.hash) };
  } catch (err) {
    return { ok: false, problem: err instanceof Error ? err.message : String(err) };
  }
}

export function healthStore(db: Db): HealthStore {
  return {
    async readiness() {
      const health = await readDatabaseHealth(db);
      if (!health.ok) return { ready: false, problem: `database: ${health.problem}` };
      const applied = new Set(health.appliedHashes);
      const missing = shippedMigrations().filter((h) => !applied.has(h)).length;
      return missing === 0 ? { ready: true } : { ready: false, problem: `${missing} migration(s) not applied` };
    },
  };
}
