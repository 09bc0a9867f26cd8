// SPEC S2 on PostgreSQL: one row per address submitted in M3, G2 or T2, counted per flow and per holder/account in 24 hours.
// The count and the insert share one SERIALIZABLE transaction (client.ts), so two instances cannot both take the last one.
import { and, count, eq, gt } from 'drizzle-orm';
import type { AddressBudgetStore, CountAddressResult } from '../contract.js';
import { first, inTransaction, type Db } from './client.js';
import { addressSubmissionTable } from './schema.js';
import { writeAudit } from './audit.js';
import { endFlow } from './flows.js';

const DAY_MS = 86_400_000;

export function addressBudgetStore(db: Db): AddressBudgetStore {
  return {
    async countSubmission(input) {
      const { flowId, subject, now } = input;
      return inTransaction(db, async (tx): Promise<CountAddressResult> => {
        const inFlow = (await first(tx.select({ n: count() }).from(addressSubmissionTable).where(eq(addressSubmissionTable.flowId, flowId))))?.n ?? 0;
        const inDay =
          (await first(tx.select({ n: count() }).from(addressSubmissionTable).where(and(eq(addressSubmissionTable.subject, subject), gt(addressSubmissionTable.at, now - DAY_MS)))))?.n ?? 0;
        const spent = inDay >= input.maxPerDay ? 'day' : inFlow >= input.maxPerFlow ? 'flow' : undefined;
        if (spent === undefined) {
          await tx.insert(addressSubmissionTable).values({ subject, flowId, at: now });
          return { ok: true };
        }
        await endFlow(tx, flowId, now);
        await writeAudit(tx, { at: now, event: 'email_budget_spent', accountId: input.accountId ?? null, subject, address: input.address, detail: { flowId, budget: spent, inFlow, inDay } });
        return { ended: spent };
      });
    },
  };
}
