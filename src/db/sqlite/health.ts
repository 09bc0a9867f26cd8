// SPEC O2 on SQLite: whether the database answers, and whether it has applied every migration this build ships.
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { HealthStore } from '../contract.js';
import { migrationsFolder, type Db } from './client.js';

let shipped: string[] | undefined;
/** The hashes of the migrations this build ships, read once. */
const shippedMigrations = () => (shipped ??= readMigrationFiles({ migrationsFolder }).map((m) => m.hash));

type DatabaseHealth = { ok: true; appliedHashes: string[] } | { ok: false; problem: string };

/** Runs a trivial query and reads drizzle's migration journal table; never throws. */
function readDatabaseHealth(db: Db): DatabaseHealth {
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

export function healthStore(db: Db): HealthStore {
  return {
    async readiness() {
      const health = readDatabaseHealth(db);
      if (!health.ok) return { ready: false, problem: `database: ${health.problem}` };
      const applied = new Set(health.appliedHashes);
      const missing = shippedMigrations().filter((h) => !applied.has(h)).length;
      return missing === 0 ? { ready: true } : { ready: false, problem: `${missing} migration(s) not applied` };
    },
  };
}
