// SPEC L7, S5, S6: at most IP_MAX_FAILURES failed sign-ins (and R1/G1 requests) per client address in each IP_WINDOW_SECONDS window.
import type { Deps } from '../deps.js';
import type { AttemptWho, SignInGate } from '../db/contract.js';
import { clientNetwork } from './address.js';
import { memoFor } from './throttle-memo.js';

export type Slot = { ok: true } | { ok: false; retryAt: number };

function throttleInput(deps: Deps, clientAddress: string, identifierHash: string) {
  const { config, clock } = deps;
  // SPEC O8: an IPv6 client is counted per /64, which one subscriber usually holds whole
  return { address: clientNetwork(clientAddress), now: clock.now(), windowMs: config.IP_WINDOW_SECONDS * 1000, maxFailures: config.IP_MAX_FAILURES, identifierHash };
}

/**
 * SPEC L5/L7: the sign-in's one read before any hash — throttled, or whether the identifier is locked; counts nothing (S6).
 * An address found throttled a moment ago is refused without the read (issue 20: a flood's 429s cost no database work).
 */
export async function checkSignIn(deps: Deps, clientAddress: string, identifierHash: string): Promise<SignInGate> {
  const input = throttleInput(deps, clientAddress, identifierHash);
  return remembered(deps, input, () => deps.stores.lockout.checkSignIn(input));
}

type Input = ReturnType<typeof throttleInput>;

/** The memo's refusal of a throttled address, or the store's answer, a refusal of which the memo keeps (issue 20). */
async function remembered<A extends { ok: true } | { ok: false; retryAt: number }>(deps: Deps, input: Input, ask: () => Promise<A>): Promise<A | { ok: false; retryAt: number }> {
  const memo = memoFor(deps.stores.lockout);
  const retryAt = memo.get(input.address, input.now);
  if (retryAt !== undefined) return { ok: false, retryAt };
  const answer = await ask();
  if (!answer.ok) memo.set(input.address, answer.retryAt, input.now);
  return answer;
}

/** SPEC X5: repeated refusals of one kind for one identifier and address within a minute share one audit row. */
export const REFUSAL_COALESCE_MS = 60_000;

/** SPEC L5/L7/X5: an attempt on a locked identifier, in one write: counted for its address, audited (coalesced). */
export async function refuseLockedSignIn(deps: Deps, who: AttemptWho): Promise<void> {
  const { address, now, windowMs } = throttleInput(deps, who.address, who.identifierHash);
  await deps.stores.lockout.refuseLocked(who, { now, network: address, windowMs, coalesceMs: REFUSAL_COALESCE_MS });
}

/** Issue 20: a sign-in failure's address count (SPEC L7), for the store to write in the failure's own transaction. */
export function addressFailureOf(deps: Deps, clientAddress: string): { network: string; windowMs: number } {
  const { address, windowMs } = throttleInput(deps, clientAddress, '');
  return { network: address, windowMs };
}

/** SPEC S5: a request to R1 or G1 counts like a failed sign-in, taken before any other work; refused when the address is throttled. */
export async function takeRequestSlot(deps: Deps, clientAddress: string, identifierHash: string): Promise<Slot> {
  const input = throttleInput(deps, clientAddress, identifierHash);
  return remembered(deps, input, () => deps.stores.lockout.takeAddressSlot(input));
}
