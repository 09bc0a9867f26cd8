// Store contract: The legacy import (SPEC §2) and the demo extras.

import type { Notice } from './accounts.js';
export type ImportKeys = { holderKeys: string[]; cardHashes: string[]; loginIds: string[]; myIds: string[] };
export type TakenImportKeys = { holderKeys: Set<string>; cardHashes: Set<string>; loginIds: Set<string>; myIds: Set<string> };

export type PlannedCard = {
  numberHash: string;
  last4: string;
  cardName: string;
  email: string | null;
  paymentDate: string | null;
  confirmedAmount: number | null;
  points: number | null;
  credentials: { kind: 'legacy' | 'initial'; loginId: string; passwordHash: string }[];
  /** Linked to the holder's already-migrated account: its credentials are stored retired (SPEC M8). */
  linked: boolean;
};

export type PlannedHolder = {
  holderKey: string;
  name: string;
  nameKana: string;
  nameRoman: string;
  birthdate: string;
  phones: { number: string; kind: 'mobile' | 'landline' }[];
  cards: PlannedCard[];
  account: { email: string; passwordHash: string } | null;
};

export type ImportPlan = { now: number; initialExpiresAt: number; termsVersion: string; holders: PlannedHolder[] };
export type ImportCounts = { holders: number; cards: number; phones: number; legacyIds: number; initialIds: number; accounts: number };
export type WriteImportResult = { ok: true; counts: ImportCounts } | { ok: false; taken: TakenImportKeys };

export type DemoExtras = {
  notices: Notice[];
  /** Keyed hashes of identifiers to leave locked, as SPEC L5 would after this many failures. */
  locked: { identifierHash: string; failures: number; at: number }[];
};

export interface ImportStore {
  /** The holder keys, card hashes, login IDs and open My IDs among these that the database already holds. */
  findTakenKeys(keys: ImportKeys): Promise<TakenImportKeys>;
  /**
   * One unit of work: checks `keys` again inside it, so a key taken since validation writes nothing and answers
   * which keys are taken; otherwise writes the whole plan.
   */
  write(plan: ImportPlan, keys: ImportKeys): Promise<WriteImportResult>;
  /** How many holders the database has (the demo is only loaded into an empty one). */
  countHolders(): Promise<number>;
  /** SPEC O1: how many of these holder keys (the demo set's) the database holds. */
  countHoldersWithKeys(holderKeys: string[]): Promise<number>;
  /** Demo notices for the top page and locked sign-ins, in one unit of work. */
  writeDemoExtras(extras: DemoExtras): Promise<void>;
}
