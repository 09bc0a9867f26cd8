// Flow rows on PostgreSQL: one per multi-step journey, keyed by the hash of its cookie token; steps move only forward from the step they were at.
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { FlowData, FlowPatch, FlowRow, FlowStore, NewFlow } from '../contract.js';
import { first, type Db, type Executor } from './client.js';
import { flowTable } from './schema.js';

const parse = (row: typeof flowTable.$inferSelect): FlowRow => ({ ...row, data: JSON.parse(row.data) as FlowData });

/** The guarded move, for the stores whose transactions move a flow with their writes. False when another request moved it first. */
export async function advanceFlow(ex: Executor, id: number, from: string, to: string, patch: FlowPatch = {}): Promise<boolean> {
  const set = { ...patch, step: to, data: patch.data === undefined ? undefined : JSON.stringify(patch.data) };
  const result = await ex
    .update(flowTable)
    .set(set)
    .where(and(eq(flowTable.id, id), eq(flowTable.step, from), isNull(flowTable.endedAt)));
  return result.rowCount === 1;
}

/** Ends a flow, optionally moving it to a last step, inside the caller's transaction. */
export async function endFlow(ex: Executor, id: number, now: number, finalStep?: string): Promise<boolean> {
  const result = await ex
    .update(flowTable)
    .set({ endedAt: now, ...(finalStep === undefined ? {} : { step: finalStep }) })
    .where(and(eq(flowTable.id, id), isNull(flowTable.endedAt)));
  return result.rowCount === 1;
}

/** Starts a flow inside the caller's transaction; returns its id. */
export async function insertFlow(ex: Executor, tokenHash: string, flow: NewFlow, now: number, ttlMs: number): Promise<number> {
  const [row] = await ex
    .insert(flowTable)
    .values({ ...flow, data: JSON.stringify(flow.data ?? {}), tokenHash, createdAt: now, expiresAt: now + ttlMs })
    .returning({ id: flowTable.id });
  return row.id;
}

export function flowStore(db: Db): FlowStore {
  return {
    insert: (tokenHash, flow, now, ttlMs) => insertFlow(db, tokenHash, flow, now, ttlMs),
    async find(tokenHash) {
      const row = await first(db.select().from(flowTable).where(eq(flowTable.tokenHash, tokenHash)));
      return row && parse(row);
    },
    async findById(id) {
      const row = await first(db.select().from(flowTable).where(eq(flowTable.id, id)));
      return row && parse(row);
    },
    advance: (id, from, to, patch) => advanceFlow(db, id, from, to, patch),
    async updateData(id, step, data) {
      const result = await db
        .update(flowTable)
        .set({ data: JSON.stringify(data) })
        .where(and(eq(flowTable.id, id), eq(flowTable.step, step), isNull(flowTable.endedAt)));
      return result.rowCount === 1;
    },
    async extend(id, now, ttlMs) {
      const result = await db
        .update(flowTable)
        .set({ expiresAt: now + ttlMs })
        .where(and(eq(flowTable.id, id), isNull(flowTable.endedAt), gt(flowTable.expiresAt, now)));
      return result.rowCount === 1;
    },
    end: (id, now, finalStep) => endFlow(db, id, now, finalStep),
  };
}
