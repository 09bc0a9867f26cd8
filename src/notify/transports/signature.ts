// SPEC D2: a webhook request is signed with WEBHOOK_SECRET over the exact bytes of its body.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** `sha256=<hex HMAC-SHA256 of body, keyed with secret>`: the value of the X-Signature header. */
export function signBody(body: string | Uint8Array, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** What a receiver does: recompute the signature over the bytes it received and compare in constant time. */
export function verifySignature(body: string | Uint8Array, header: string | null | undefined, secret: string): boolean {
  const expected = Buffer.from(signBody(body, secret));
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
