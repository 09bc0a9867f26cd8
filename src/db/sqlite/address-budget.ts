// SPEC S2 on SQLite: one row per address submitted in M3, G2 or T2, counted per flow and per holder/account in 24 hours.
import { and, count, eq, gt } from 'drizzle-orm';
import type { AddressBudgetStore, CountAddressResult } from '../contract.js';
import { inTransaction, type Db } from './client.js';
import { addressSubmissionTable } from './schema.js';
import { writeAudit } from './audit.js';
import { endFlow } from './flows.js';

const DAY_MS = 86_400_000;

export function addressBudgetStore(db: Db): AddressBudgetStore {
  return {
    async countSubmission(input) {
      const { flowId, subject, now } = input;
      return inTransaction(db, (tx): CountAddressResult => {
        const inFlow = tx.select({ n: count() }).from(addressSubmissionTable).where(eq(addressSubmissionTable.flowId, flowId)).get()?.n ?? 0;
        const inDay = tx
          .select({ n: count() })
          .from(addressSubmissionTable)
          .where(and(eq(addressSubmissionTable.subject, subject), gt(addressSubmissionTable.at, now - DAY_MS)))
          .get()?.n ?? 0;
        const spent = inDay >= input.maxPerDay ? 'day' : inFlow >= input.maxPerFlow ? 'flow' : undefined;
        if (spent === undefined) {
          tx.insert(addressSubmissionTable).values({ subject, flowId, at: now }).run();
          return { ok: true };
        }
        endFlow(tx, flowId, now);
        writeAudit(tx, { at: now, event: 'email_budget_spent', accountId: input.accountId ?? null, subject, address: input.address, detail: { flowId, budget: spent, inFlow, inDay } });
        return { ended: spent };
      });
    },
  };
}
