// SPEC L7, S5, S6: at most IP_MAX_FAILURES failed sign-ins (and R1/G1 requests) per client address in each IP_WINDOW_SECONDS window.
import type { Deps } from '../deps.js';
import type { AttemptWho, SignInGate } from '../db/contract.js';
import { clientNetwork } from './address.js';

export type Slot = { ok: true } | { ok: false; retryAt: number };

function throttleInput(deps: Deps, clientAddress: string, identifierHash: string) {
  const { config, clock } = deps;
  // SPEC O8: an IPv6 client is counted per /64, which one subscriber usually holds whole
  return { address: clientNetwork(clientAddress), now: clock.now(), windowMs: config.IP_WINDOW_SECONDS * 1000, maxFailures: config.IP_MAX_FAILURES, identifierHash };
}

/** SPEC L5/L7: the sign-in's one read before any hash — throttled, or whether the identifier is locked; counts nothing (S6). */
export async function checkSignIn(deps: Deps, clientAddress: string, identifierHash: string): Promise<SignInGate> {
  return deps.stores.lockout.checkSignIn(throttleInput(deps, clientAddress, identifierHash));
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
  return deps.stores.lockout.takeAddressSlot(throttleInput(deps, clientAddress, identifierHash));
}
