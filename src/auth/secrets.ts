// The one source of randomness and keyed hashing (SPEC §1: tokens, codes and card numbers are stored as keyed hashes).
import { createHmac, randomFillSync, randomInt, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 of a value under the portal secret, separated by purpose so hashes never collide across uses. */
export function keyedHash(secret: string, purpose: string, value: string): string {
  return createHmac('sha256', secret).update(`${purpose}\u0000${value}`).digest('base64url');
}

const TOKEN_BYTES = 32;
// issue 20: the CSPRNG filled 128 tokens at a time, each byte handed out once (randomUUID keeps such a cache too): one
// randomBytes(32) per sign-in page cost 2-10 µs, most of it the call itself
const pool = Buffer.alloc(TOKEN_BYTES * 128);
let taken = pool.length;

/** A 256-bit URL-safe token for cookies. */
export function newToken(): string {
  if (taken === pool.length) {
    randomFillSync(pool);
    taken = 0;
  }
  const token = pool.toString('base64url', taken, taken + TOKEN_BYTES);
  pool.fill(0, taken, taken + TOKEN_BYTES);
  taken += TOKEN_BYTES;
  return token;
}

/** SPEC M6a: four digits from a CSPRNG. */
export function newCode(): string {
  return String(randomInt(0, 10_000)).padStart(4, '0');
}

/** Compares two strings in constant time. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
