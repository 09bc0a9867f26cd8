// Store contract: All of it, as the app's Deps carry it.
import type { AddressBudgetStore } from './address-budget.js';
import type { AccountStore, CredentialStore, MemberStore } from './accounts.js';
import type { AuditStore } from './audit.js';
import type { CodeStore } from './codes.js';
import type { ImportStore } from './import.js';
import type { LockoutStore } from './lockout.js';
import type { OutboxStore } from './outbox.js';
import type { DemoResetStore, HealthStore, ReportStore, RetentionStore, UnlockStore } from './operations.js';
import type { MigrationStore, RegistrationStore, ResetStore, SettingsStore } from './procedures.js';
import type { AccountCardRecord, AccountRecord, AddressSubmissionRecord, AddressThrottleRecord, AuditRecord, CardRecord, ChallengeRecord, CodeBudgetRecord, CodeFailureRecord, CodeFailureTimeRecord, CredentialRecord, FlowRecord, FlowSummaryRecord, HolderRecord, NoticeRecord, OutboxRecord, PhoneRecord, SessionRecord, SignInAttemptRecord } from './records.js';
import type { FlowStore, SessionStore } from './flows-sessions.js';

export type Stores = {
  accounts: AccountStore;
  addressBudget: AddressBudgetStore;
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
  outbox: OutboxStore;
  registration: RegistrationStore;
  report: ReportStore;
  reset: ResetStore;
  retention: RetentionStore;
  sessions: SessionStore;
  unlock: UnlockStore;
  settings: SettingsStore;
};

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
  code_budget: CodeBudgetRecord;
  code_failure_time: CodeFailureTimeRecord;
  address_submission: AddressSubmissionRecord;
  sign_in_attempt: SignInAttemptRecord;
  address_throttle: AddressThrottleRecord;
  audit_log: AuditRecord;
  notice: NoticeRecord;
  flow_summary: FlowSummaryRecord;
  outbox: OutboxRecord;
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
export type Database = {
  dialect: 'sqlite' | 'postgres';
  stores: Stores;
  inspect: Inspection;
  /**
   * SPEC Z1/Z3: runs `work` while holding the lock `name`, which every process on the same database respects (on PostgreSQL
   * an advisory lock), so that instances starting together do a start-up task (the demo seed) once.
   */
  exclusive<T>(name: string, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
};
