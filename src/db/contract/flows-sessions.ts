// Store contract: Flows: one row per multi-step journey, keyed by the hash of its cookie token; steps move only forward.
import type { FlowRecord } from './records.js';

export type FlowData = Record<string, unknown>;
export type FlowRow = Omit<FlowRecord, 'data'> & { data: FlowData };
type FlowFacts = Pick<FlowRow, 'holderId' | 'cardId' | 'credentialId' | 'accountId' | 'email' | 'data'>;
export type NewFlow = Pick<FlowRow, 'kind' | 'step'> & Partial<FlowFacts>;
export type FlowPatch = Partial<FlowFacts>;

export interface FlowStore {
  /** Starts a flow; returns its id. */
  insert(tokenHash: string, flow: NewFlow, now: number, ttlMs: number): Promise<number>;
  find(tokenHash: string): Promise<FlowRow | undefined>;
  findById(id: number): Promise<FlowRow | undefined>;
  /** Moves a flow from `from` to `to` with its new facts, only if it is still at `from` and not ended; false when another request moved it first. */
  advance(id: number, from: string, to: string, patch?: FlowPatch): Promise<boolean>;
  /** Updates a flow's facts without moving it (e.g. which phone was chosen), only while it is at `step`. */
  updateData(id: number, step: string, data: FlowData): Promise<boolean>;
  /**
   * SPEC X6: gives a live flow its full time again — expires `ttlMs` after `now` — only while it is neither ended nor
   * expired; false otherwise (an ended or expired flow cannot be brought back).
   */
  extend(id: number, now: number, ttlMs: number): Promise<boolean>;
  /** Ends a flow (completed or cancelled), optionally moving it to a last step; its token stops working. */
  end(id: number, now: number, finalStep?: string): Promise<boolean>;
}

// Sessions: rows keyed by the hash of the cookie token.

export type SessionRow = { id: number; accountId: number; email: string; termsVersion: string; createdAt: number; lastSeenAt: number };

export interface SessionStore {
  insert(tokenHash: string, accountId: number, now: number): Promise<number>;
  /** The session and its open account, or undefined. */
  find(tokenHash: string): Promise<SessionRow | undefined>;
  touch(id: number, now: number): Promise<void>;
  delete(id: number): Promise<void>;
  /** SPEC X3, S9, S10, one unit of work: deletes the session and audits `sign_out` with why (signed out, declined terms, replaced by a new sign-in). */
  end(input: { id: number; accountId: number; now: number; address?: string; reason: 'sign_out' | 'terms_declined' | 'new_sign_in' }): Promise<void>;
  /** Ends every session of an account, or every one but `keepId`. */
  deleteForAccount(accountId: number, keepId?: number): Promise<void>;
}
