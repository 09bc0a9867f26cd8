// The one source of randomness and keyed hashing (SPEC §1: tokens, codes and card numbers are stored as keyed hashes).
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 of a value under the portal secret, separated by purpose so hashes never collide across uses. */
export function keyedHash(secret: string, purpose: string, value: string): string {
  return createHmac('sha256', secret).update(`${purpose}\u0000${value}`).digest('base64url');
}

/** A 256-bit URL-safe token for cookies. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
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
