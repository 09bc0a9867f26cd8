// Argon2id hashing (SPEC §1: m=19 MiB, t=2, p=1); runs off the main thread, a few at a time.
import { hash, verify } from '@node-rs/argon2';
import { availableParallelism } from 'node:os';

// GOTCHAS: Algorithm.Argon2id is a const enum, undefined at run time; Argon2id is the default.
export const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * At most this many hashes run at once; the rest wait their turn. Unbounded, a sign-in flood fills libuv's
 * thread pool (static files queue behind 19 MiB jobs) and the hashing threads starve the event loop, so pages stall.
 */
const MAX_CONCURRENT = Math.max(1, availableParallelism());
let running = 0;
const waiting: (() => void)[] = [];

/** SPEC S6: how many hashes may wait for a thread in this process (HASH_QUEUE_MAX; per process, SPEC Z3). */
let queueMax = 64;

/** A request that would have to wait behind a full hash queue: answered 503, and nothing is counted for or against anyone. */
export class HashQueueFullError extends Error {
  constructor() {
    super('the password hash queue is full');
  }
}

export function setHashQueueMax(max: number): void {
  queueMax = max;
}

/** SPEC S6: whether a new hash would find the queue full (checked before anything is counted). */
export function hashQueueFull(): boolean {
  return running >= MAX_CONCURRENT && waiting.length >= queueMax;
}

async function limited<T>(job: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) {
    if (waiting.length >= queueMax) throw new HashQueueFullError();
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else running++;
  try {
    return await job();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/** The memory (KiB), passes and lanes of an `$argon2id$` PHC string, or undefined for anything else. */
export function argon2Params(stored: string): { m: number; t: number; p: number } | undefined {
  const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored);
  return m ? { m: Number(m[1]), t: Number(m[2]), p: Number(m[3]) } : undefined;
}

/** SPEC S7: a hash made with less memory or fewer passes than today's parameters (or not Argon2id at all). */
export function isWeakerThanCurrent(stored: string): boolean {
  const params = argon2Params(stored);
  return !params || params.m < ARGON2_OPTIONS.memoryCost || params.t < ARGON2_OPTIONS.timeCost;
}

export function hashPassword(password: string): Promise<string> {
  return limited(() => hash(password, ARGON2_OPTIONS));
}

/** Verifies a password; a malformed stored hash counts as a mismatch. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await limited(() => verify(storedHash, password));
  } catch (err) {
    if (err instanceof HashQueueFullError) throw err;
    return false;
  }
}

// A hash of a random password nobody knows, made once at the same parameters, so no start-up or first-request cost.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$PeflWP1mFCw6ObU0iKlE6Q$YXudCNGhgu9p9UuCwsElaBNIM8lAQ5Rj/emejOtr/6M';

/** SPEC L6: verify against a dummy hash so an unknown ID costs the same as a known one. */
export async function verifyDummy(password: string): Promise<false> {
  await verifyPassword(DUMMY_HASH, password);
  return false;
}

/**
 * The password checks a sign-in or a current-password prompt makes, as the app receives them (Deps): L6 is "the same Argon2
 * work for a known and an unknown ID", so tests count the verifications made through this, with the real work underneath.
 */
export type PasswordVerifier = { verify: typeof verifyPassword; verifyDummy: typeof verifyDummy };

export const argon2Verifier: PasswordVerifier = { verify: verifyPassword, verifyDummy };
