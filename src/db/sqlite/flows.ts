// Flow rows: one per multi-step journey, keyed by the hash of its cookie token; steps move only forward from the step they were at.
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from './client.js';
import { flowTable } from './schema.js';

export type FlowData = Record<string, unknown>;
export type FlowRow = Omit<typeof flowTable.$inferSelect, 'data'> & { data: FlowData };
export type NewFlow = Pick<FlowRow, 'kind' | 'step'> &
  Partial<Pick<FlowRow, 'holderId' | 'cardId' | 'credentialId' | 'accountId' | 'email' | 'data'>>;
export type FlowPatch = Partial<Pick<FlowRow, 'holderId' | 'cardId' | 'credentialId' | 'accountId' | 'email' | 'data'>>;

const parse = (row: typeof flowTable.$inferSelect): FlowRow => ({ ...row, data: JSON.parse(row.data) as FlowData });

export function insertFlow(db: Db, tokenHash: string, flow: NewFlow, now: number, ttlMs: number): number {
  return db
    .insert(flowTable)
    .values({ ...flow, data: JSON.stringify(flow.data ?? {}), tokenHash, createdAt: now, expiresAt: now + ttlMs })
    .returning({ id: flowTable.id })
    .get().id;
}

export async function findFlow(db: Db, tokenHash: string): Promise<FlowRow | undefined> {
  const row = db.select().from(flowTable).where(eq(flowTable.tokenHash, tokenHash)).get();
  return row && parse(row);
}

export async function findFlowById(db: Db, id: number): Promise<FlowRow | undefined> {
  const row = db.select().from(flowTable).where(eq(flowTable.id, id)).get();
  return row && parse(row);
}

/**
 * Moves a flow from one step to the next, with its new facts, only if it is still at `from` and not ended.
 * Synchronous so it can share a transaction with the step's writes. Returns false when another request moved it first.
 */
export function advanceFlow(db: Db, id: number, from: string, to: string, patch: FlowPatch = {}): boolean {
  const set = { ...patch, step: to, data: patch.data === undefined ? undefined : JSON.stringify(patch.data) };
  const result = db
    .update(flowTable)
    .set(set)
    .where(and(eq(flowTable.id, id), eq(flowTable.step, from), isNull(flowTable.endedAt)))
    .run();
  return result.changes === 1;
}

/** Updates a flow's facts without moving it (e.g. which phone was chosen). */
export function updateFlowData(db: Db, id: number, step: string, data: FlowData): boolean {
  const result = db
    .update(flowTable)
    .set({ data: JSON.stringify(data) })
    .where(and(eq(flowTable.id, id), eq(flowTable.step, step), isNull(flowTable.endedAt)))
    .run();
  return result.changes === 1;
}

/** Ends a flow (completed or cancelled), optionally moving it to a last step; its token stops working. */
export function endFlow(db: Db, id: number, now: number, finalStep?: string): boolean {
  return (
    db
      .update(flowTable)
      .set({ endedAt: now, ...(finalStep === undefined ? {} : { step: finalStep }) })
      .where(and(eq(flowTable.id, id), isNull(flowTable.endedAt)))
      .run().changes === 1
  );
}
