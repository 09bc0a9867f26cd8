// SPEC O10 on PostgreSQL: emptying a database that holds only the demo data set, so it can be seeded again as new.
import { count, getTableName, inArray, notInArray, sql } from 'drizzle-orm';
import type { DemoResetStore, EraseDemoResult } from '../contract.js';
import { first, inTransaction, type Db } from './client.js';
import { PgTable } from 'drizzle-orm/pg-core';
import * as schema from './schema.js';
import { accountTable, holderTable } from './schema.js';

/** Every table of the schema, quoted for TRUNCATE. */
const allTables = (Object.values(schema) as unknown[])
  .filter((t): t is PgTable => t instanceof PgTable)
  .map((t) => `"${getTableName(t)}"`)
  .join(', ');

/** In one transaction: refuses when any holder is not one of `demoHolderKeys` or any account belongs to such a holder; otherwise empties every table and restarts the id counters. */
function eraseDemoData(db: Db, demoHolderKeys: string[]): Promise<EraseDemoResult> {
  return inTransaction(db, async (tx): Promise<EraseDemoResult> => {
    const others = tx.select({ id: holderTable.id }).from(holderTable).where(notInArray(holderTable.holderKey, demoHolderKeys));
    const otherHolders = (await first(tx.select({ n: count() }).from(holderTable).where(notInArray(holderTable.holderKey, demoHolderKeys))))?.n ?? 0;
    const otherAccounts = (await first(tx.select({ n: count() }).from(accountTable).where(inArray(accountTable.holderId, others))))?.n ?? 0;
    if (otherHolders > 0 || otherAccounts > 0) return { refused: { otherHolders, otherAccounts } };
    const holders = (await first(tx.select({ n: count() }).from(holderTable)))?.n ?? 0;
    await tx.execute(sql.raw(`TRUNCATE ${allTables} RESTART IDENTITY`));
    return { ok: true, holders };
  });
}

export function demoResetStore(db: Db): DemoResetStore {
  return { eraseDemoData: (demoHolderKeys) => eraseDemoData(db, demoHolderKeys) };
}
