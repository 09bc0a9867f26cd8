// Argon2id hashing (SPEC §1: m=19 MiB, t=2, p=1); runs off the main thread.
import { hash, verify } from '@node-rs/argon2';

// GOTCHAS: Algorithm.Argon2id is a const enum, undefined at run time; Argon2id is the default.
export const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/** Verifies a password; a malformed stored hash counts as a mismatch. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/** SPEC L6: verify against a dummy hash so an unknown ID costs the same as a known one. */
export async function verifyDummy(password: string): Promise<false> {
  dummy ??= hashPassword('dummy-password-for-timing');
  await verifyPassword(await dummy, password);
  return false;
}
