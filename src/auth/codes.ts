// SPEC M6a: sending and checking the 4-digit verification codes of every flow (email, SMS, voice).
import type { Deps } from '../deps.js';
import type { Lang } from '../i18n/define.js';
import { codeMessage, type CodeProcedure } from '../notify/texts.js';
import type { CodeLimits, CodeState, CodeSubject, OutboxMessage } from '../db/contract.js';
import { clientNetwork } from './address.js';
import { maskEmail, maskPhone, normaliseDigits, normaliseIdentifier } from './normalise.js';
import { keyedHash, newToken, safeEqual } from './secrets.js';

export type { CodeState, CodeSubject } from '../db/contract.js';

export type CodePurpose = 'email' | 'phone';
export type CodeChannel = 'email' | 'sms' | 'voice';

export type SendCodeInput = {
  flowId: number;
  /** SPEC S1: the flow kind whose budgets the code counts under. */
  kind: string;
  purpose: CodePurpose;
  channel: CodeChannel;
  /** The normalised email address or phone digits. */
  destination: string;
  subject: CodeSubject;
  lang: Lang;
  /** The flow kind, named in the message so an unrequested code is recognisable (issue 19). */
  procedure?: CodeProcedure;
  /** The client address, for the audit log. */
  address?: string;
  /**
   * SPEC R1/L6: for an address with no account, record the same challenge (so expiry, send caps
   * and failure locks behave exactly as for a real one) but send nothing and store a hash no code can match.
   */
  silent?: boolean;
};

export type SendCodeResult =
  | { ok: true; expiresAt: number; nextResendAt: number }
  | { error: 'tooSoon' | 'hourlyCap'; nextResendAt: number }
  | { error: 'locked'; lockedUntil: number }
  | { error: 'closed' };

export type VerifyCodeInput = {
  flowId: number;
  kind: string;
  purpose: CodePurpose;
  subject: CodeSubject;
  /** The code as typed or pasted. */
  code: string;
  /** When given, only a code sent to this destination can match (the flow's address may have changed since). */
  destination?: string;
  address?: string;
  /** SPEC S11/D1: the notice of a closure to the holder's address, stored with the closure. */
  closureNotice?: (to: string) => OutboxMessage[];
};

export type VerifyCodeResult =
  | { ok: true }
  | { error: 'invalid' | 'expired' | 'none' }
  | { error: 'mismatch'; remaining: number }
  | { error: 'locked'; lockedUntil: number }
  | { error: 'closed'; closedNow: boolean; noticeTo: string | null };

export type CodeStateQuery = { flowId: number; kind: string; purpose: CodePurpose; subject: CodeSubject; destination?: string; address?: string };

function limitsOf(deps: Deps): CodeLimits {
  const c = deps.config;
  return {
    ttlMs: c.CODE_TTL_SECONDS * 1000,
    resendMs: c.CODE_RESEND_SECONDS * 1000,
    maxSendsPerHour: c.CODE_MAX_SENDS_PER_HOUR,
    maxSendsPerDestinationPerHour: c.CODE_MAX_SENDS_PER_DESTINATION_PER_HOUR,
    maxFailures: c.CODE_MAX_FAILURES,
    lockMs: c.CODE_LOCK_SECONDS * 1000,
    maxFailuresPerDay: c.CODE_MAX_FAILURES_PER_DAY,
    maxFailuresTotal: c.CODE_MAX_FAILURES_TOTAL,
  };
}

/** SPEC M6a: sends are capped per destination, so a phone reached by SMS and by voice is one destination. */
function destinationHash(deps: Deps, destination: string): string {
  const canonical = destination.includes('@') ? normaliseIdentifier(destination) : normaliseDigits(destination);
  return keyedHash(deps.config.SECRET, 'code-destination', canonical);
}

/** SPEC M6a: only a keyed hash of the code is stored, bound to one flow, one purpose and one destination. */
function codeHash(deps: Deps, flowId: number, purpose: string, destinationHashValue: string, code: string): string {
  return keyedHash(deps.config.SECRET, 'code', `${flowId}:${purpose}:${destinationHashValue}:${code}`);
}

/** Sends a new code for the flow and purpose, replacing any earlier one, unless locked or capped. */
export async function sendCode(deps: Deps, input: SendCodeInput): Promise<SendCodeResult> {
  if ((input.purpose === 'email') !== (input.channel === 'email')) {
    throw new Error(`A ${input.purpose} code cannot be sent by ${input.channel}`);
  }
  const now = deps.clock.now();
  const code = deps.newCode();
  const dest = destinationHash(deps, input.destination);
  const limits = limitsOf(deps);
  // SPEC D1: the message is stored with the challenge, in its transaction; the delivery worker sends it (D3: nobody waits)
  const message = input.silent
    ? undefined
    : codeMessage({ channel: input.channel, procedure: input.procedure, to: input.destination, code, expiresAt: now + limits.ttlMs, lang: input.lang, brand: deps.config.BRAND_NAME });
  const recorded = await deps.stores.codes.recordSend(
    {
      flowId: input.flowId,
      kind: input.kind,
      purpose: input.purpose,
      channel: input.channel,
      destinationHash: dest,
      subject: input.subject,
      address: input.address,
      requester: clientNetwork(input.address ?? ''),
      maskedDestination: input.channel === 'email' ? maskEmail(normaliseIdentifier(input.destination)) : maskPhone(normaliseDigits(input.destination)),
      now,
      codeHash: input.silent ? keyedHash(deps.config.SECRET, 'code-unmatchable', newToken()) : codeHash(deps, input.flowId, input.purpose, dest, code),
      message,
    },
    limits,
  );
  if (!('ok' in recorded)) return recorded;
  return { ok: true, expiresAt: recorded.expiresAt, nextResendAt: recorded.nextResendAt };
}

/** Checks a typed code (full-width digits, spaces and hyphens allowed) against the flow's active code. */
export async function verifyCode(deps: Deps, input: VerifyCodeInput): Promise<VerifyCodeResult> {
  const code = normaliseDigits(input.code);
  // not a possible code: a form error, not counted as a wrong entry
  if (!/^\d{4}$/.test(code)) return { error: 'invalid' };
  return deps.stores.codes.recordAttempt(
    {
      flowId: input.flowId,
      kind: input.kind,
      purpose: input.purpose,
      subject: input.subject,
      destinationHash: input.destination === undefined ? undefined : destinationHash(deps, input.destination),
      address: input.address,
      now: deps.clock.now(),
      outbox: input.closureNotice && (({ noticeTo }) => input.closureNotice!(noticeTo)),
      matches: (challenge) => safeEqual(codeHash(deps, input.flowId, input.purpose, challenge.destinationHash, code), challenge.codeHash),
    },
    limitsOf(deps),
  );
}

/** What a code page shows: when the active code expires, when a resend is possible, and any lock. */
export async function codeState(deps: Deps, input: CodeStateQuery): Promise<CodeState> {
  return deps.stores.codes.readState(
    {
      flowId: input.flowId,
      kind: input.kind,
      purpose: input.purpose,
      subject: input.subject,
      destinationHash: input.destination === undefined ? undefined : destinationHash(deps, input.destination),
      requester: clientNetwork(input.address ?? ''),
      now: deps.clock.now(),
    },
    limitsOf(deps),
  );
}
