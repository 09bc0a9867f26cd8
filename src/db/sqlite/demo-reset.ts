// SPEC O10 on SQLite: emptying a database that holds only the demo data set, so it can be seeded again as new.
import { count, inArray, notInArray, sql } from 'drizzle-orm';
import type { DemoResetStore, EraseDemoResult } from '../contract.js';
import { inTransaction, type Db } from './client.js';
import {
  accountCardTable,
  accountTable,
  addressSubmissionTable,
  addressThrottleTable,
  auditTable,
  cardTable,
  challengeTable,
  codeBudgetTable,
  codeFailureTable,
  codeFailureTimeTable,
  credentialTable,
  flowSummaryTable,
  flowTable,
  holderTable,
  noticeTable,
  outboxTable,
  phoneTable,
  sessionTable,
  signInAttemptTable,
} from './schema.js';

/**
 * In one transaction: refuses when any holder is not one of `demoHolderKeys` or any account belongs to such a holder;
 * otherwise deletes every row of every table (children first) and restarts the id counters.
 */
function eraseDemoData(db: Db, demoHolderKeys: string[]): EraseDemoResult {
  return inTransaction(db, (tx): EraseDemoResult => {
      const others = tx.select({ id: holderTable.id }).from(holderTable).where(notInArray(holderTable.holderKey, demoHolderKeys));
      const otherHolders = tx.select({ n: count() }).from(holderTable).where(notInArray(holderTable.holderKey, demoHolderKeys)).get()?.n ?? 0;
      const otherAccounts = tx.select({ n: count() }).from(accountTable).where(inArray(accountTable.holderId, others)).get()?.n ?? 0;
      if (otherHolders > 0 || otherAccounts > 0) return { refused: { otherHolders, otherAccounts } };
      const holders = tx.select({ n: count() }).from(holderTable).get()?.n ?? 0;
      for (const table of [challengeTable, flowTable, flowSummaryTable, sessionTable, accountCardTable, credentialTable, accountTable, phoneTable, cardTable, holderTable, codeFailureTable, codeBudgetTable, codeFailureTimeTable, addressSubmissionTable, signInAttemptTable, addressThrottleTable, auditTable, noticeTable, outboxTable]) {
        tx.delete(table).run();
      }
      tx.run(sql`DELETE FROM sqlite_sequence`);
      return { ok: true, holders };
  });
}

export function demoResetStore(db: Db): DemoResetStore {
  return { eraseDemoData: async (demoHolderKeys) => eraseDemoData(db, demoHolderKeys) };
}
