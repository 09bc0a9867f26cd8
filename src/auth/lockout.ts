// SPEC L5/L6: consecutive sign-in failures counted per normalised identifier, whether or not it exists; N of them lock it.
import type { Deps } from '../deps.js';
import { normaliseIdentifier } from './normalise.js';
import { keyedHash } from './secrets.js';

/** The key failures are counted under: the keyed hash of the normalised identifier (the demo seed writes the same). */
export function identifierHash(secret: string, identifier: string): string {
  return keyedHash(secret, 'identifier', normaliseIdentifier(identifier));
}

/** SPEC S4: the key a card number's G1 failures are counted under, from its keyed number hash (known card or not). */
export function cardLockKey(secret: string, numberHash: string): string {
  return keyedHash(secret, 'card-lock', numberHash);
}

/** An email-shaped ID is a My ID; anything else is a legacy or initial ID. Decided from what was typed, never from existence. */
export function isMyIdShape(identifier: string): boolean {
  return normaliseIdentifier(identifier).includes('@');
}

/** SPEC L5: which of the guide's two lock messages an identifier gets — from its shape only, so pages stay identical (L6). */
export function lockMessageFor(identifier: string): 'myId' | 'legacy' {
  return isMyIdShape(identifier) ? 'myId' : 'legacy';
}

export async function isLocked(deps: Deps, key: string): Promise<boolean> {
  return deps.stores.lockout.isLocked(key);
}
