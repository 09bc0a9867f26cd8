// Store contract: SPEC S2, the ration of addresses submitted in M3, G2 and T2 (taken or not), per flow and per holder/account.
import type { CodeSubject } from './codes.js';

export type CountAddressInput = {
  flowId: number;
  /** Whose rolling 24 hours it counts in: the holder (M, G) or the account (T2). */
  subject: CodeSubject;
  now: number;
  /** EMAIL_TAKEN_MAX_PER_FLOW */
  maxPerFlow: number;
  /** EMAIL_TAKEN_MAX_PER_DAY, per subject in any rolling 24 hours. */
  maxPerDay: number;
  /** For the audit row of an ended flow. */
  accountId?: number | null;
  address?: string;
};

/** Counted (go on and answer it), or the flow was ended because the flow's or the day's budget is spent. */
export type CountAddressResult = { ok: true } | { ended: 'flow' | 'day' };

export interface AddressBudgetStore {
  /**
   * SPEC S2, one unit of work: counts a syntactically valid address against the flow's and the subject's budgets; when
   * either is spent it counts nothing, ends the flow and audits `email_budget_spent` — decided before the address is
   * looked at, so a taken and a free address meet it alike.
   */
  countSubmission(input: CountAddressInput): Promise<CountAddressResult>;
}
