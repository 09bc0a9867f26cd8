// The store contract (SPEC Z5, STYLE "Storage behind one seam"): everything flows, rules and commands may ask of the database.
// Plain values in and out, every method async; each method that writes several rows is one whole unit of work (atomic inside).
// src/db/sqlite implements it on better-sqlite3; a PostgreSQL implementation implements the same interfaces, and no flow changes.

// ---------------------------------------------------------------------------------------------------------------------
// Rows as the stores hand them out (the columns of SPEC §1; times are integer milliseconds since the epoch).

export type HolderRecord = { id: number; holderKey: string; name: string; nameKana: string; nameRoman: string; birthdate: string };
export type PhoneRecord = { id: number; holderId: number; number: string; kind: 'mobile' | 'landline'; position: number };
export type CardRecord = {
  id: number;
  holderId: number;
  numberHash: string;
  last4: string;
  cardName: string;
  email: string | null;
  paymentDate: string | null;
  confirmedAmount: number | null;
  points: number | null;
};
export type CredentialRecord = {
  id: number;
  cardId: number;
  kind: 'legacy' | 'initial';
  loginId: string;
  passwordHash: string;
  createdAt: number;
  expiresAt: number | null;
  retiredAt: number | null;
};
export type AccountRecord = {
  id: number;
  holderId: number;
  email: string;
  passwordHash: string;
  termsVersion: string;
  createdAt: number;
  passwordChangedAt: number;
  lastSignInAt: number | null;
  previousSignInAt: number | null;
  closedAt: number | null;
};
export type AccountCardRecord = { accountId: number; cardId: number; linkedAt: number };
export type SessionRecord = { id: number; tokenHash: string; accountId: number; createdAt: number; lastSeenAt: number };
/** A flow as stored: `data` is its JSON text. */
export type FlowRecord = {
  id: number;
  tokenHash: string;
  kind: string;
  step: string;
  holderId: number | null;
  cardId: number | null;
  credentialId: number | null;
  accountId: number | null;
  email: string | null;
  data: string;
  createdAt: number;
  expiresAt: number;
  endedAt: number | null;
};
export type ChallengeRecord = {
  id: number;
  flowId: number;
  purpose: string;
  channel: 'email' | 'sms' | 'voice';
  destinationHash: string;
  requester: string | null;
  codeHash: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
  replacedAt: number | null;
};
export type CodeFailureRecord = { subject: string; purpose: string; failures: number; lockedUntil: number | null; updatedAt: number };
export type SignInAttemptRecord = { identifierHash: string; failures: number; lockedAt: number | null; updatedAt: number };
export type AddressThrottleRecord = { address: string; windowStartedAt: number; failures: number; refusedAt: number | null };
/** An audit event as stored: `detail` is its JSON text. */
export type AuditRecord = { id: number; at: number; event: string; accountId: number | null; subject: string | null; address: string | null; detail: string | null };
export type NoticeRecord = { id: number; titleJa: string; titleEn: string; publishedAt: number };
/** SPEC O4/O7: one line per pruned flow; `day` is YYYY-MM-DD (Japan time) of the day it started. */
export type FlowSummaryRecord = { id: number; kind: string; step: string; outcome: 'completed' | 'cancelled' | 'expired'; day: string };

// ---------------------------------------------------------------------------------------------------------------------
// Flows: one row per multi-step journey, keyed by the hash of its cookie token; steps move only forward.

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
  /** Ends a flow (completed or cancelled), optionally moving it to a last step; its token stops working. */
  end(id: number, now: number, finalStep?: string): Promise<boolean>;
}

// ---------------------------------------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------------------------------------
// Accounts, legacy/initial IDs and the member top page, as sign-in and the top page need them.

export type CredentialRow = CredentialRecord & { holderId: number; cardEmail: string | null };

export interface AccountStore {
  /** The open account whose My ID is this (already normalised) email. */
  findOpenByEmail(email: string): Promise<AccountRecord | undefined>;
  find(id: number): Promise<AccountRecord | undefined>;
  /** SPEC L2: keeps the previous sign-in time for the top page. */
  recordSignIn(accountId: number, now: number): Promise<void>;
  /** SPEC S7: replaces a weak stored hash, only while it is still the one the password was checked against. */
  replaceHash(accountId: number, checkedHash: string, newHash: string): Promise<boolean>;
}

export interface CredentialStore {
  /** A legacy or initial ID that can still be used: not retired, and (initial IDs) not expired. */
  findUsable(loginId: string, now: number): Promise<CredentialRow | undefined>;
  /** Any credential with this login ID, usable or not (to address a lock notice). */
  findAnyState(loginId: string): Promise<CredentialRow | undefined>;
  /** SPEC S7: replaces a weak stored hash, only while it is still the one the password was checked against. */
  replaceHash(credentialId: number, checkedHash: string, newHash: string): Promise<boolean>;
}

export type MemberCard = { cardName: string; last4: string; paymentDate: string | null; confirmedAmount: number | null; points: number | null };
export type MemberHome = {
  email: string;
  previousSignInAt: number | null;
  cards: MemberCard[];
  notices: { titleJa: string; titleEn: string; publishedAt: number }[];
};

export interface MemberStore {
  /** What the member top page shows (SPEC T1). */
  loadHome(accountId: number): Promise<MemberHome | undefined>;
}

// ---------------------------------------------------------------------------------------------------------------------
// Verification codes (SPEC M6a): challenge rows, per-destination send caps and per-subject failure counts.

/** The holder or account whose wrong entries are counted: `holder:12` or `account:5`. */
export type CodeSubject = `holder:${number}` | `account:${number}`;

/** The limits of SPEC M6a in milliseconds. */
export type CodeLimits = {
  ttlMs: number;
  /** SPEC S5: sends of one flow and purpose are this far apart. */
  resendMs: number;
  /** SPEC S5: sends per destination and requesting network in a rolling hour. */
  maxSendsPerHour: number;
  /** SPEC S5: sends per destination across every requester in a rolling hour (the mail-bomb ceiling). */
  maxSendsPerDestinationPerHour: number;
  maxFailures: number;
  lockMs: number;
};

export type RecordSendInput = {
  flowId: number;
  purpose: string;
  channel: 'email' | 'sms' | 'voice';
  destinationHash: string;
  subject: CodeSubject;
  address?: string;
  /** SPEC S5: the requesting client's network (IPv4 address, IPv6 /64) the per-requester cap counts under. */
  requester: string;
  /** SPEC S10: the destination as the audit log names it, masked. */
  maskedDestination: string;
  now: number;
  /** The keyed hash of the new code, bound to the flow, purpose and destination. */
  codeHash: string;
};

export type RecordSendResult =
  | { ok: true; challengeId: number; expiresAt: number; nextResendAt: number }
  | { error: 'tooSoon' | 'hourlyCap'; nextResendAt: number }
  | { error: 'locked'; lockedUntil: number };

export type RecordAttemptInput = {
  flowId: number;
  purpose: string;
  subject: CodeSubject;
  /** When given, a code sent to another destination is no code at all: not a match, not a wrong entry. */
  destinationHash?: string;
  address?: string;
  now: number;
  /** Whether the typed code is the one of this challenge (a pure function: the caller hashes it with the row's binding). */
  matches: (challenge: { id: number; destinationHash: string; codeHash: string }) => boolean;
};

export type RecordAttemptResult =
  | { ok: true }
  | { error: 'none' | 'expired' }
  | { error: 'mismatch'; remaining: number }
  | { error: 'locked'; lockedUntil: number };

export type CodeStateInput = { flowId: number; purpose: string; subject: CodeSubject; destinationHash?: string; requester: string; now: number };

export type CodeState = {
  /** When the flow's active code for the purpose expires; null when there is none. */
  expiresAt: number | null;
  /** The earliest time a (re)send to the destination is accepted. */
  nextResendAt: number;
  /** Until when verification is locked; null when it is not. */
  lockedUntil: number | null;
};

export interface CodeStore {
  /** One unit of work: checks the lock and the send caps of SPEC S5 (a refusal is audited with the cap), replaces the flow's active code for the purpose, records the new one, audits. */
  recordSend(input: RecordSendInput, limits: CodeLimits): Promise<RecordSendResult>;
  /**
   * One unit of work: checks a typed code against the flow's active code. A right code is used up and clears the
   * subject's count; a wrong one is counted, and the `maxFailures`-th locks the subject+purpose and voids the active code.
   */
  recordAttempt(input: RecordAttemptInput, limits: CodeLimits): Promise<RecordAttemptResult>;
  /** What a code page shows. Without a destination, that of the flow's latest code for the purpose is used. */
  readState(input: CodeStateInput, limits: CodeLimits): Promise<CodeState>;
}

// ---------------------------------------------------------------------------------------------------------------------
// Sign-in failure counters (SPEC L5–L7) and the per-address throttle. Every read-then-write of a counter is atomic.

/** Who an attempt concerns, for the audit log: the account when one is known, always the hashed identifier. */
export type AttemptWho = { identifierHash: string; accountId?: number | null; address: string };
export type FailureCount = { failures: number; locked: boolean; lockedNow: boolean; lockedAt: number | null };
/** SPEC S4: a lock that ends by itself `lockMs` after it was set (card-number locks); without it a lock lasts until lifted. */
export type LockExpiry = { lockMs?: number };
/** SPEC S4: the keyed hash a card number's G1 lock is counted under, from the card's stored number hash (a pure function). */
export type CardLockKey = (numberHash: string) => string;
export type AddressSlot = { ok: true } | { ok: false; retryAt: number };
export type AddressThrottleInput = { address: string; now: number; windowMs: number; maxFailures: number; identifierHash: string };

export interface LockoutStore {
  /** Whether the identifier is locked (SPEC L5); only reset or a new My ID clears it. */
  isLocked(identifierHash: string): Promise<boolean>;
  /** SPEC S4: until when a lock that lasts `lockMs` holds; null when there is none or it has ended. */
  lockedUntil(identifierHash: string, now: number, lockMs: number): Promise<number | null>;
  /**
   * Counts one failed sign-in; the failure that reaches `maxFailures` locks and is the only one answered with `lockedNow`.
   * With `lockMs` (SPEC S4) a lock that has run its time counts as none, and the count starts again.
   */
  recordFailure(who: AttemptWho, input: { now: number; maxFailures: number; reason: string } & LockExpiry): Promise<FailureCount>;
  /** A right password: resets the count, unless a concurrent failure locked the identifier first. */
  recordSuccess(who: AttemptWho, input: { now: number; detail?: Record<string, unknown> } & LockExpiry): Promise<{ ok: true } | { locked: true }>;
  /** Records an attempt refused because the identifier is locked, without touching its count. */
  recordLockedAttempt(who: AttemptWho, now: number): Promise<void>;
  /** Ends the lock and the count of these identifiers (SPEC L5: password reset or a new My ID). */
  clearFailures(identifierHashes: string[]): Promise<void>;
  /**
   * SPEC L7/S6, fixed window: whether the address may try now, counting nothing (the first refusal of a window is
   * audited once). Sign-ins check this before hashing and count a failure only once its outcome is known.
   */
  checkAddress(input: AddressThrottleInput): Promise<AddressSlot>;
  /** SPEC L7: counts one failed sign-in for the address (a new window when the last one has passed). */
  countAddressFailure(input: { address: string; now: number; windowMs: number }): Promise<void>;
  /** SPEC S5: R1 and G1 requests — check and count in one unit of work, before any other work. */
  takeAddressSlot(input: AddressThrottleInput): Promise<AddressSlot>;
}

// ---------------------------------------------------------------------------------------------------------------------
// Migration from a legacy or initial ID (SPEC M2, M8, M9).

export type CompleteMigrationInput = {
  flowId: number;
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

export interface MigrationStore {
  /** The registered email of the card a migration started from (null when it has none). */
  findCardEmail(cardId: number): Promise<string | null>;
  /**
   * SPEC S3, one unit of work: counts the migration flows this credential started in the last 24 hours and starts one
   * more only below `maxPerDay`; otherwise answers when the oldest of them leaves the window.
   */
  start(input: StartMigrationInput): Promise<StartMigrationResult>;
  /** SPEC M8/M9, one unit of work: account, links, card emails, retired IDs, the flow moved to done — all or nothing. */
  complete(input: CompleteMigrationInput): Promise<CompleteMigrationResult>;
}

// ---------------------------------------------------------------------------------------------------------------------
// New My ID from card details (SPEC G1, G3).

export type CompleteRegistrationInput = {
  flowId: number;
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
};

export type CompleteRegistrationResult = { ok: true; accountId: number; closedEmails: string[] } | { error: 'taken' | 'moved' };

export interface RegistrationStore {
  /** The card with this number hash and its holder's birth date (YYYY-MM-DD), or undefined. */
  findCardHolder(numberHash: string): Promise<{ cardId: number; holderId: number; birthdate: string } | undefined>;
  /** SPEC S11: where a card-number lock notice goes — the holder's open account's My ID, else the card's registered email. */
  findLockNoticeAddress(numberHash: string): Promise<string | null>;
  /** SPEC G3, one unit of work: close old accounts, create the new one, move the cards, retire old IDs, end locks. */
  complete(input: CompleteRegistrationInput): Promise<CompleteRegistrationResult>;
}

// ---------------------------------------------------------------------------------------------------------------------
// Password reset completion (SPEC R3).

export type CompleteResetInput = {
  flowId: number;
  accountId: number;
  /** Argon2id hash of the new password, made before the unit of work. */
  passwordHash: string;
  /** keyedHash(secret, 'identifier', email): the sign-in failure counter of the My ID (SPEC L5). */
  identifierHash: string;
  now: number;
  address?: string;
  /** SPEC S4: a completed reset ends the G1 locks of every card of the account's holder. */
  cardLockKey: CardLockKey;
};

export type CompleteResetResult = { ok: true; email: string; wasLocked: boolean } | { error: 'moved' | 'gone' };

export interface ResetStore {
  /** One unit of work: new password, every session ended, the lock lifted, the flow moved to done. */
  complete(input: CompleteResetInput): Promise<CompleteResetResult>;
}

// ---------------------------------------------------------------------------------------------------------------------
// Changes a signed-in member makes (SPEC T2, T4), and the facts the password rules need (M7).

/** What SPEC M7 forbids a new password to contain, for one holder. */
export type HolderFacts = { holderId: number; birthdate: string; nameRoman: string; phones: string[]; cardLast4: string[] };
export type MemberAccount = { id: number; email: string; passwordHash: string; termsVersion: string; facts: HolderFacts };
type Who = { accountId: number; now: number; address?: string };
export type ChangePasswordInput = Who & { passwordHash: string; verifiedHash: string; keepSessionId: number };
export type ChangeMyIdInput = Who & { flowId: number; newEmail: string; keepSessionId: number; newIdentifierHash: string };
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

// ---------------------------------------------------------------------------------------------------------------------
// The legacy import (SPEC §2) and the demo extras.

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
  notices: { titleJa: string; titleEn: string; publishedAt: number }[];
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

// ---------------------------------------------------------------------------------------------------------------------
// The audit log of security events (SPEC X5).

export type AuditEvent = {
  at: number;
  event: string;
  accountId?: number | null;
  /** A hashed identifier where no account is known. */
  subject?: string | null;
  address?: string | null;
  detail?: Record<string, unknown>;
};

export interface AuditStore {
  record(event: AuditEvent): Promise<void>;
  /** Every event at or after `since`, oldest first. */
  list(since: number): Promise<AuditRecord[]>;
  /**
   * SPEC O3: from now on every event written (by any store, inside its unit of work) is also handed to `listener`,
   * synchronously where the row is written; a listener that throws never breaks the write. One listener; a new one replaces it.
   */
  onRecord(listener: (event: AuditEvent) => void): void;
}

// ---------------------------------------------------------------------------------------------------------------------
// Operations (SPEC O2, O4, O6, O7, O10): what the probes and the operator commands ask of the database.

export type Readiness = { ready: true } | { ready: false; problem: string };

export interface HealthStore {
  /** SPEC O2: the database answers and has applied every migration this build ships; never throws. */
  readiness(): Promise<Readiness>;
}

export type PruneCutoffs = {
  now: number;
  /** SPEC T3: a session idle longer than this, or older than the next, has expired. */
  sessionIdleMs: number;
  sessionMaxMs: number;
  /** SPEC S5/M6a: the send caps count the challenges created within this window before now. */
  capWindowMs: number;
  /** SPEC S3: the migration flows a legacy or initial ID started within this window before now are counted. */
  migrationStartWindowMs: number;
  /** SPEC O4: counts below a lock go after this long without a failure. */
  quietMs: number;
  /** SPEC O4: a lock with no attempt on it for this long goes. */
  lockRetentionMs: number;
  /** SPEC L7: an address throttle window lasts this long. */
  addressWindowMs: number;
  auditRetentionMs: number;
};

export type FlowForSummary = { kind: string; step: string; createdAt: number; endedAt: number | null; expiresAt: number };
export type FlowSummary = Omit<FlowSummaryRecord, 'id'>;

export type PruneCounts = {
  sessions: number;
  flows: number;
  challenges: number;
  flowSummaries: number;
  signInFailureCounts: number;
  signInLocks: number;
  codeFailures: number;
  addressThrottles: number;
  auditRows: number;
};

export interface RetentionStore {
  /**
   * SPEC O4: runs every retention rule, each table in its own short unit of work (flows in batches: summarised with
   * `summarise`, a pure function, then deleted with their challenges), so the portal keeps serving meanwhile.
   */
  prune(cutoffs: PruneCutoffs, summarise: (flow: FlowForSummary) => FlowSummary): Promise<PruneCounts>;
}

export type UnlockTarget = {
  holderId: number;
  /** The holder's open accounts (a My ID's own first). */
  accountIds: number[];
  /** Where the notice goes: the account's My ID, else the card's registered email (null when there is neither). */
  noticeTo: string | null;
};

export type UnlockInput = { identifierHash: string; target: UnlockTarget; reason: string; what: 'my_id' | 'login_id' | 'card'; now: number };
export type UnlockResult = { signInLockEnded: boolean; codeLocksEnded: string[] };

export interface UnlockStore {
  /** A My ID (normalised email) of an open account. */
  findMyIdTarget(email: string): Promise<UnlockTarget | undefined>;
  /** A legacy or initial ID (normalised), retired or not: its card's holder; the notice goes to the account that card joined, else the card's email. */
  findLoginIdTarget(loginId: string): Promise<UnlockTarget | undefined>;
  /** A card by the keyed hash of its number. */
  findCardTarget(numberHash: string): Promise<UnlockTarget | undefined>;
  /** SPEC O6, one unit of work: ends the identifier's lock and every running M6a code lock of the holder and their accounts; audits `operator_unlock` with the reason. */
  unlock(input: UnlockInput): Promise<UnlockResult>;
}

export type EraseDemoResult = { ok: true; holders: number } | { refused: { otherHolders: number; otherAccounts: number } };

export interface DemoResetStore {
  /**
   * SPEC O10, one unit of work: refuses when any holder is not one of `demoHolderKeys` or any account belongs to such a
   * holder; otherwise deletes every row of every table and restarts the id counters.
   */
  eraseDemoData(demoHolderKeys: string[]): Promise<EraseDemoResult>;
}

export type ReportData = {
  holders: number;
  cards: number;
  /** Holders with an open account, and cards linked to one. */
  migratedHolders: number;
  migratedCards: number;
  /** Pruned flows of the kind, by the step they stopped at and their outcome. */
  summaries: { step: string; outcome: string; n: number }[];
  /** Flows of the kind still in the flow table, by step and state. */
  live: { step: string; ended: boolean; expired: boolean; n: number }[];
  /** Audit events of the given names per day (Japan time). */
  daily: { day: string; event: string; n: number }[];
  /** Every audit event and, for sign-in failures, the reason: all time. */
  events: { event: string; reason: string | null; n: number }[];
};

export interface ReportStore {
  /** SPEC O7: the counts the migration progress report is made of, from the tables and the audit log. */
  readReportData(input: { flowKind: string; dailyEvents: string[]; now: number }): Promise<ReportData>;
}

// ---------------------------------------------------------------------------------------------------------------------
// All of it, as the app's Deps carry it.

export type Stores = {
  accounts: AccountStore;
  audit: AuditStore;
  codes: CodeStore;
  credentials: CredentialStore;
  demoReset: DemoResetStore;
  flows: FlowStore;
  health: HealthStore;
  import: ImportStore;
  lockout: LockoutStore;
  member: MemberStore;
  migration: MigrationStore;
  registration: RegistrationStore;
  report: ReportStore;
  reset: ResetStore;
  retention: RetentionStore;
  sessions: SessionStore;
  unlock: UnlockStore;
  settings: SettingsStore;
};

// ---------------------------------------------------------------------------------------------------------------------
// Inspection: a small table-level API for tests and checks (never used by flows), so the same tests run on every implementation.

export type TableRows = {
  holder: HolderRecord;
  phone: PhoneRecord;
  card: CardRecord;
  credential: CredentialRecord;
  account: AccountRecord;
  account_card: AccountCardRecord;
  session: SessionRecord;
  flow: FlowRecord;
  challenge: ChallengeRecord;
  code_failure: CodeFailureRecord;
  sign_in_attempt: SignInAttemptRecord;
  address_throttle: AddressThrottleRecord;
  audit_log: AuditRecord;
  notice: NoticeRecord;
  flow_summary: FlowSummaryRecord;
};
export type TableName = keyof TableRows;
/** Tables whose rows have an integer `id`. */
export type TableWithId = { [T in TableName]: TableRows[T] extends { id: number } ? T : never }[TableName];

export interface Inspection {
  /** Every row of a table, in the order they were inserted. */
  rows<T extends TableName>(table: T): Promise<TableRows[T][]>;
  /** How many rows a table has. */
  count(table: TableName): Promise<number>;
  /** Inserts one row (columns with defaults may be left out) and returns it as stored. */
  insert<T extends TableName>(table: T, row: Partial<TableRows[T]>): Promise<TableRows[T]>;
  /** Changes columns of the row with this id. */
  update<T extends TableWithId>(table: T, id: number, patch: Partial<Omit<TableRows[T], 'id'>>): Promise<void>;
  /** Deletes every row of a table (a test starting its counters again). */
  clear(table: TableName): Promise<void>;
  /** 'ok' when the database's own consistency check finds nothing; otherwise what it found. */
  integrity(): Promise<string>;
  /** How many rows point at a row that does not exist. */
  brokenForeignKeys(): Promise<number>;
  /** Records the latest shipped migration as not applied (a readiness test of a database behind the build). */
  forgetLatestMigration(): Promise<void>;
}

/** An opened implementation: its stores, the inspection API, and a way to close it. */
export type Database = { stores: Stores; inspect: Inspection; close(): Promise<void> };
