// SPEC L7: at most IP_MAX_FAILURES failed sign-ins per client address in each IP_WINDOW_SECONDS window.
import type { Deps } from '../deps.js';
import { clientNetwork } from './address.js';

export type Slot = { ok: true; release(): Promise<void> } | { ok: false; retryAt: number };

/**
 * Takes a failure slot before any password is hashed; a throttled request hashes nothing. The caller releases the
 * slot when the sign-in succeeds, so only failures use up the window.
 */
export async function takeSignInSlot(deps: Deps, clientAddress: string, identifierHash: string): Promise<Slot> {
  const { config, stores, clock } = deps;
  // SPEC O8: an IPv6 client is counted per /64, which one subscriber usually holds whole
  const address = clientNetwork(clientAddress);
  const slot = await stores.lockout.takeAddressSlot({
    address,
    now: clock.now(),
    windowMs: config.IP_WINDOW_SECONDS * 1000,
    maxFailures: config.IP_MAX_FAILURES,
    identifierHash,
  });
  if (!slot.ok) return slot;
  return { ok: true, release: () => stores.lockout.releaseAddressSlot(address, slot.windowStartedAt) };
}
