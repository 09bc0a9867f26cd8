// Store contract: Rows as the stores hand them out (the columns of SPEC §1; times are integer milliseconds since the epoch).

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
  deliveryFailedAt: number | null;
};
export type CodeFailureRecord = { subject: string; purpose: string; failures: number; lockedUntil: number | null; updatedAt: number };
/** SPEC S1: the total of wrong codes per holder/account, purpose and flow kind, and its closure. */
export type CodeBudgetRecord = { subject: string; purpose: string; kind: string; total: number; closedAt: number | null; updatedAt: number };
/** SPEC S1: one wrong code of the rolling day. */
export type CodeFailureTimeRecord = { id: number; subject: string; purpose: string; kind: string; at: number };
/** SPEC S2: one valid address submitted in M3, G2 or T2. */
export type AddressSubmissionRecord = { id: number; subject: string; flowId: number; at: number };
export type SignInAttemptRecord = { identifierHash: string; failures: number; lockedAt: number | null; updatedAt: number };
export type AddressThrottleRecord = { address: string; windowStartedAt: number; failures: number; refusedAt: number | null };
/** An audit event as stored: `detail` is its JSON text. */
export type AuditRecord = { id: number; at: number; event: string; accountId: number | null; subject: string | null; address: string | null; detail: string | null };
export type NoticeRecord = { id: number; titleJa: string; titleEn: string; bodyJa: string; bodyEn: string; publishedAt: number };
/** SPEC O4/O7: one line per pruned flow; `day` is YYYY-MM-DD (Japan time) of the day it started. */
export type FlowSummaryRecord = { id: number; kind: string; step: string; outcome: 'completed' | 'cancelled' | 'expired'; day: string };
/** SPEC §2/D1/D5: a stored message and its delivery; `messageId` is its UUID (and its Idempotency-Key). */
export type OutboxRecord = {
  id: number;
  messageId: string;
  createdAt: number;
  channel: 'email' | 'sms' | 'voice';
  recipient: string;
  subject: string;
  text: string;
  code: string | null;
  state: 'pending' | 'sending' | 'delivered' | 'failed' | 'dropped';
  attempts: number;
  leaseUntil: number | null;
  nextAttemptAt: number;
  lastError: string | null;
  finishedAt: number | null;
  challengeId: number | null;
  expiresAt: number | null;
};
