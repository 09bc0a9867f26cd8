// The one place the tests choose the store implementation: TEST_DB=pg (the vitest project "pg") gives each harness a fresh
// PostgreSQL database made from the migrated template of the run's throwaway cluster (test/support/pg-global-setup.ts); otherwise SQLite.
import pg from 'pg';
import type { Database } from '../../src/db/contract.js';
import { openPostgres } from '../../src/db/pg/index.js';
import { checkFileIntegrity } from '../../src/db/sqlite/backup.js';
import { openSqlite } from '../../src/db/sqlite/index.js';

export const testDialect: 'sqlite' | 'postgres' = process.env.TEST_DB === 'pg' ? 'postgres' : 'sqlite';

/** A migrated SQLite database behind the store contract: in memory, or at `file` when several processes must share it. */
export function openTestDatabase(file = ':memory:'): Database {
  return openSqlite(file);
}

let admin: Promise<pg.Client> | undefined;
let made = 0;
const opened = new Set<{ name: string; db: Database }>();

/** The run's cluster, as the global setup left it in the environment. */
export function testPgUrl(database = 'postgres'): string {
  const base = process.env.TEST_PG_URL;
  if (!base) throw new Error('TEST_PG_URL is not set: the PostgreSQL tests run in the vitest project "pg" (npm test), whose global setup starts the cluster');
  return base.replace(/\/[^/]*$/, `/${database}`);
}

/** A new, empty, migrated PostgreSQL database (a copy of the template); its name. */
export async function createTestPgDatabase(): Promise<string> {
  admin ??= (async () => {
    const client = new pg.Client({ connectionString: testPgUrl() });
    await client.connect();
    return client;
  })();
  const client = await admin;
  const name = `t_${process.pid}_${++made}`;
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query(`CREATE DATABASE ${name} TEMPLATE portal_template`);
      return name;
    } catch (err) {
      // another worker copying the template at the same moment
      if (attempt >= 20 || !/being accessed by other users/.test(String(err))) throw err;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}

/** The database the tests of this run use: a fresh PostgreSQL database under TEST_DB=pg, else SQLite in memory. */
export async function openDialectDatabase(): Promise<Database> {
  if (testDialect === 'sqlite') return openTestDatabase();
  const name = await createTestPgDatabase();
  const db = await openPostgres(testPgUrl(name), { max: 4, idleTimeoutMillis: 1000 });
  const entry = { name, db };
  opened.add(entry);
  let closed: Promise<void> | undefined;
  return {
    ...db,
    close: () => (closed ??= (async () => {
      opened.delete(entry);
      await db.close();
      await (await admin!).query(`DROP DATABASE IF EXISTS ${name}`);
    })()),
  };
}

// each test file's databases go when the file is done, closed or not (only under TEST_DB=pg: a worker process this module
// is loaded into outside vitest, e.g. test/unit/fixtures/verify-worker.ts, must not touch vitest's hooks)
if (testDialect === 'postgres') {
  const { afterAll } = await import('vitest');
  afterAll(async () => {
    for (const { name, db } of [...opened]) {
      await db.close().catch(() => undefined);
      await (await admin!).query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
    opened.clear();
  });
}

/** SPEC O5: the database's own consistency check on a database file (a backup copy), opened read-only: 'ok' or what it found. */
export function fileIntegrity(file: string): Promise<string> {
  return checkFileIntegrity(file);
}
