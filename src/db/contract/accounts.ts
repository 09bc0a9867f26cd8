// Store contract: Accounts, legacy/initial IDs and the member top page, as sign-in and the top page need them.
import type { AccountRecord, CredentialRecord } from './records.js';

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
export type Notice = { titleJa: string; titleEn: string; bodyJa: string; bodyEn: string; publishedAt: number };

export type MemberHome = {
  email: string;
  /** The holder's name as the card record has it, and in roman letters ('' when the record has none). */
  name: string;
  nameRoman: string;
  previousSignInAt: number | null;
  cards: MemberCard[];
  notices: Notice[];
};

export interface MemberStore {
  /** What the member top page shows (SPEC T1). */
  loadHome(accountId: number): Promise<MemberHome | undefined>;
}
