// The store contract on PostgreSQL (SPEC Z1, Z5): opens a pool, migrates under an advisory lock, and builds every store over it.
// Loaded only when DATABASE_URL is set (a dynamic import in src/main.ts and the commands), so the SQLite demo never loads pg.
import type { Database, Stores } from '../contract.js';
import { addressBudgetStore } from './address-budget.js';
import { accountStore, credentialStore, memberStore } from './accounts.js';
import { auditStore } from './audit.js';
import { migrateLocked, openPool, withAdvisoryLock, type Db, type PoolOptions } from './client.js';
import { codeStore } from './codes.js';
import { demoResetStore } from './demo-reset.js';
import { flowStore } from './flows.js';
import { healthStore } from './health.js';
import { importStore } from './import.js';
import { pgInspection } from './inspection.js';
import { lockoutStore } from './lockout.js';
import { migrationStore } from './migration.js';
import { outboxStore } from './outbox.js';
import { registrationStore } from './registration.js';
import { reportStore } from './report.js';
import { resetStore } from './reset.js';
import { retentionStore } from './retention.js';
import { sessionStore } from './sessions.js';
import { settingsStore } from './settings.js';
import { unlockStore } from './unlock.js';

export function pgStores(db: Db): Stores {
  return {
    accounts: accountStore(db),
    addressBudget: addressBudgetStore(db),
    audit: auditStore(db),
    codes: codeStore(db),
    credentials: credentialStore(db),
    demoReset: demoResetStore(db),
    flows: flowStore(db),
    health: healthStore(db),
    import: importStore(db),
    lockout: lockoutStore(db),
    member: memberStore(db),
    migration: migrationStore(db),
    outbox: outboxStore(db),
    registration: registrationStore(db),
    report: reportStore(db),
    reset: resetStore(db),
    retention: retentionStore(db),
    sessions: sessionStore(db),
    settings: settingsStore(db),
    unlock: unlockStore(db),
  };
}

export type PgOptions = PoolOptions & { migrate?: boolean };

/** Opens the PostgreSQL database at `url` behind the store contract, applying the migrations first (under a lock) unless told not to. */
export async function openPostgres(url: string, options: PgOptions = {}): Promise<Database> {
  const db = openPool(url, options);
  try {
    if (options.migrate !== false) await migrateLocked(db);
  } catch (err) {
    await db.$client.end();
    throw err;
  }
  return {
    dialect: 'postgres',
    stores: pgStores(db),
    inspect: pgInspection(db),
    exclusive: (name, work) => withAdvisoryLock(db.$client, name, () => work()),
    close: () => db.$client.end(),
  };
}

/** SPEC Z4: the PostgreSQL side of `npm run db:copy`: migrated, asked whether it is empty, then filled in one transaction. */
export async function openCopyTarget(url: string) {
  const db = openPool(url, { max: 2 });
  try {
    await migrateLocked(db);
  } catch (err) {
    await db.$client.end();
    throw err;
  }
  const { copyInto, nonEmptyTables } = await import('./copy.js');
  return {
    nonEmptyTables: () => nonEmptyTables(db),
    copyInto: (read: Parameters<typeof copyInto>[1]) => copyInto(db, read),
    close: () => db.$client.end(),
  };
}
