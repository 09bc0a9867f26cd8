// Store contract: Migration from a legacy or initial ID (SPEC M2, M8, M9).
import type { CardLockKey } from './lockout.js';
import type { NewFlow } from './flows-sessions.js';
import type { Enqueue } from './outbox.js';

/** The flow's last move, as its step table names it: the unit of work moves the flow `from` → `to` only if it is still at `from`. */
export type FlowMove = { from: string; to: string };

export type CompleteMigrationInput = {
  flowId: number;
  move: FlowMove;
  holderId: number;
  cardId: number;
  credentialId: number;
  /** The new My ID, normalised. */
  email: string;
  /** Argon2id hash, made before the unit of work. */
  passwordHash: string;
  termsVersion: string;
  now: number;
  address?: string;
  /** SPEC S4: a completed migration ends the G1 locks of every card of the holder. */
  cardLockKey: CardLockKey;
  /** SPEC D1: the notices of the change, stored in its transaction. */
  outbox?: Enqueue<Extract<CompleteMigrationResult, { ok: true }>>;
};

export type CompleteMigrationResult = { ok: true; accountId: number; cardIds: number[] } | { error: 'taken' | 'moved' };

export type StartMigrationInput = {
  tokenHash: string;
  flow: NewFlow & { credentialId: number };
  now: number;
  ttlMs: number;
  /** SPEC S3: how many migration flows one legacy/initial ID may start in any 24 hours. */
  maxPerDay: number;
  /** For the audit log, when the budget refuses. */
  identifierHash: string;
  address?: string;
};

export type StartMigrationResult = { ok: true; flowId: number } | { error: 'budget'; retryAt: number };

/** A card as a summary names it (issue 19 item 8): its id, name and last 4 digits. */
export type CardLabel = { id: number; cardName: string; last4: string };

/** What a migration's completion would do now: the holder's cards it would link, those it leaves alone, the card's email. */
export type MigrationLinkPreview = { linked: CardLabel[]; separate: CardLabel[]; cardEmail: string | null };

export interface MigrationStore {
  /** The registered email of the card a migration started from (null when it has none). */
  findCardEmail(cardId: number): Promise<string | null>;
  /** SPEC M8 read before the commit: the cards `complete` would link (by the same rule), and the holder's others. */
  previewLinks(input: { holderId: number; cardId: number }): Promise<MigrationLinkPreview>;
  /**
   * SPEC S3, one unit of work: counts the migration flows this credential started in the last 24 hours and starts one
   * more only below `maxPerDay`; otherwise answers when the oldest of them leaves the window.
   */
  start(input: StartMigrationInput): Promise<StartMigrationResult>;
  /** SPEC M8/M9, one unit of work: account, links, card emails, retired IDs, the flow moved to done — all or nothing. */
  complete(input: CompleteMigrationInput): Promise<CompleteMigrationResult>;
}

// New My ID from card details (SPEC G1, G3).

export type CompleteRegistrationInput = {
  flowId: number;
  move: FlowMove;
  holderId: number;
  /** The new My ID, normalised. */
  email: string;
  /** Argon2id hash, made before the unit of work. */
  passwordHash: string;
  termsVersion: string;
  now: number;
  address?: string;
  /** keyedHash of an identifier as the sign-in counter stores it (SPEC L5); a pure function. */
  hashIdentifier: (identifier: string) => string;
  /** SPEC S4: a new My ID ends the G1 locks of every card of the holder. */
  cardLockKey: CardLockKey;
  /** SPEC D1: the notices of the change, stored in its transaction. */
  outbox?: Enqueue<Extract<CompleteRegistrationResult, { ok: true }>>;
};

export type CompleteRegistrationResult = { ok: true; accountId: number; closedEmails: string[] } | { error: 'taken' | 'moved' };

export interface RegistrationStore {
  /** The card with this number hash and its holder's birth date (YYYY-MM-DD), or undefined. */
  findCardHolder(numberHash: string): Promise<{ cardId: number; holderId: number; birthdate: string } | undefined>;
  /** SPEC S11: where a card-number lock notice goes — the holder's open account's My ID, else the card's registered email. */
  findLockNoticeAddress(numberHash: string): Promise<string | null>;
  /** SPEC G3 read before the commit: the holder's cards (all move to the new My ID) and the My IDs that would be closed. */
  previewCompletion(holderId: number): Promise<{ cards: CardLabel[]; openMyIds: string[] }>;
  /** SPEC G3, one unit of work: close old accounts, create the new one, move the cards, retire old IDs, end locks. */
  complete(input: CompleteRegistrationInput): Promise<CompleteRegistrationResult>;
}

// Password reset completion (SPEC R3).

export type CompleteResetInput = {
  flowId: number;
  move: FlowMove;
  accountId: number;
  /** Argon2id hash of the new password, made before the unit of work. */
  passwordHash: string;
  /** keyedHash(secret, 'identifier', email): the sign-in failure counter of the My ID (SPEC L5). */
  identifierHash: string;
  now: number;
  address?: string;
  /** SPEC S4: a completed reset ends the G1 locks of every card of the account's holder. */
  cardLockKey: CardLockKey;
  /** SPEC D1: the notices of the change, stored in its transaction. */
  outbox?: Enqueue<Extract<CompleteResetResult, { ok: true }>>;
};

export type CompleteResetResult = { ok: true; email: string; wasLocked: boolean } | { error: 'moved' | 'gone' };

export interface ResetStore {
  /** One unit of work: new password, every session ended, the lock lifted, the flow moved to done. */
  complete(input: CompleteResetInput): Promise<CompleteResetResult>;
}

// Changes a signed-in member makes (SPEC T2, T4), and the facts the password rules need (M7).

/** What SPEC M7 forbids a new password to contain, for one holder. */
export type HolderFacts = { holderId: number; birthdate: string; nameRoman: string; phones: string[]; cardLast4: string[] };
export type MemberAccount = { id: number; email: string; passwordHash: string; termsVersion: string; facts: HolderFacts };
type Who = { accountId: number; now: number; address?: string };
/** `outbox` (SPEC D1): the notices of the change, stored in its transaction. */
export type ChangePasswordInput = Who & { passwordHash: string; verifiedHash: string; keepSessionId: number; outbox?: Enqueue<'ok'> };
export type ChangeMyIdInput = Who & { flowId: number; move: FlowMove; newEmail: string; keepSessionId: number; newIdentifierHash: string; outbox?: Enqueue<Extract<ChangeMyIdResult, { ok: true }>> };
export type ChangeMyIdResult = { ok: true; oldEmail: string } | { error: 'taken' | 'gone' | 'moved' };

export interface SettingsStore {
  /** The holder's birth date, embossed name, phones and the last 4 digits of every card (SPEC M7). */
  loadHolderFacts(holderId: number): Promise<HolderFacts | undefined>;
  /** An open account with its holder's facts. */
  loadMemberAccount(accountId: number): Promise<MemberAccount | undefined>;
  /** Whether an open account already has this My ID (normalised). */
  isMyIdTaken(email: string): Promise<boolean>;
  /** SPEC T4: records that the member accepted this version of the terms (and audits it). */
  acceptTerms(input: Who & { version: string }): Promise<void>;
  /**
   * SPEC T2, one unit of work: the new hash and every other session ended. 'stale' when another change replaced the
   * password checked (`verifiedHash`) meanwhile; 'gone' when the account is closed or this session was ended.
   */
  changePassword(input: ChangePasswordInput): Promise<'ok' | 'stale' | 'gone'>;
  /** SPEC T2/M9, one unit of work: the new My ID, card emails following, other sessions ended, the flow moved to done and ended. */
  changeMyId(input: ChangeMyIdInput): Promise<ChangeMyIdResult>;
}
