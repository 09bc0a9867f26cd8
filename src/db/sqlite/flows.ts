// Flow rows: one per multi-step journey, keyed by the hash of its cookie token; steps move only forward from the step they were at.
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { FlowData, FlowPatch, FlowRow, FlowStore, NewFlow } from '../contract.js';
import type { Db, Executor } from './client.js';
import { flowTable } from './schema.js';

const parse = (row: typeof flowTable.$inferSelect): FlowRow => ({ ...row, data: JSON.parse(row.data) as FlowData });

/** The guarded move, for the stores whose transactions move a flow with their writes. False when another request moved it first. */
export function advanceFlow(ex: Executor, id: number, from: string, to: string, patch: FlowPatch = {}): boolean {
  const set = { ...patch, step: to, data: patch.data === undefined ? undefined : JSON.stringify(patch.data) };
  const result = ex
    .update(flowTable)
    .set(set)
    .where(and(eq(flowTable.id, id), eq(flowTable.step, from), isNull(flowTable.endedAt)))
    .run();
  return result.changes === 1;
}

/** Ends a flow, optionally moving it to a last step, inside the caller's transaction. */
export function endFlow(ex: Executor, id: number, now: number, finalStep?: string): boolean {
  return (
    ex
      .update(flowTable)
      .set({ endedAt: now, ...(finalStep === undefined ? {} : { step: finalStep }) })
      .where(and(eq(flowTable.id, id), isNull(flowTable.endedAt)))
      .run().changes === 1
  );
}

/** Starts a flow inside the caller's transaction; returns its id. */
export function insertFlow(ex: Executor, tokenHash: string, flow: NewFlow, now: number, ttlMs: number): number {
  return ex
    .insert(flowTable)
    .values({ ...flow, data: JSON.stringify(flow.data ?? {}), tokenHash, createdAt: now, expiresAt: now + ttlMs })
    .returning({ id: flowTable.id })
    .get().id;
}

export function flowStore(db: Db): FlowStore {
  return {
    async insert(tokenHash, flow, now, ttlMs) {
      return insertFlow(db, tokenHash, flow, now, ttlMs);
    },
    async find(tokenHash) {
      const row = db.select().from(flowTable).where(eq(flowTable.tokenHash, tokenHash)).get();
      return row && parse(row);
    },
    async findById(id) {
      const row = db.select().from(flowTable).where(eq(flowTable.id, id)).get();
      return row && parse(row);
    },
    async advance(id, from, to, patch) {
      return advanceFlow(db, id, from, to, patch);
    },
    async updateData(id, step, data) {
      const result = db
        .update(flowTable)
        .set({ data: JSON.stringify(data) })
        .where(and(eq(flowTable.id, id), eq(flowTable.step, step), isNull(flowTable.endedAt)))
        .run();
      return result.changes === 1;
    },
    async extend(id, now, ttlMs) {
      const result = db
        .update(flowTable)
        .set({ expiresAt: now + ttlMs })
        .where(and(eq(flowTable.id, id), isNull(flowTable.endedAt), gt(flowTable.expiresAt, now)))
        .run();
      return result.changes === 1;
    },
    async end(id, now, finalStep) {
      return endFlow(db, id, now, finalStep);
    },
  };
}
