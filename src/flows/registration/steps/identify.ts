// SPEC G1: card number + birth date identify the holder; wrong details are counted per card number (L5/L6, S4).
import type { Context } from 'hono';
import { countedCheck } from '../../../auth/counted-check.js';
import { cardLockKey } from '../../../auth/lockout.js';
import { keyedHash } from '../../../auth/secrets.js';
import { cardLockNoticeMessage } from '../../../notify/lock-texts.js';
import type { OutboxMessage } from '../../../db/contract.js';
import type { AppEnv } from '../../../web/env.js';

/** SPEC S11: a card-number lock emails the holder (My ID, else the card's email); an unknown card has nobody to tell. */
async function cardLockNotice(c: Context<AppEnv>, numberHash: string, digits: string): Promise<OutboxMessage | null> {
  const deps = c.get('deps');
  const to = await deps.stores.registration.findLockNoticeAddress(numberHash);
  if (!to) return null;
  const { config } = deps;
  const lockedAt = deps.clock.now();
  return cardLockNoticeMessage({ to, last4: digits.slice(-4), at: lockedAt, until: lockedAt + config.CARD_LOCK_SECONDS * 1000, brand: config.BRAND_NAME, supportPhone: config.SUPPORT_PHONE, supportHours: config.SUPPORT_HOURS });
}

export type Refusal = { refusal: 'details' } | { refusal: 'locked'; lockedUntil: number };

/**
 * SPEC G1: wrong details are counted per card number like sign-in failures (L5/L6), whether or not the card exists;
 * SPEC S4: the lock lasts CARD_LOCK_SECONDS, and a known and an unknown card are locked alike.
 */
export async function identifyHolder(c: Context<AppEnv>, digits: string, birthdate: string): Promise<{ holderId: number; cardId: number } | Refusal> {
  const deps = c.get('deps');
  const lockMs = deps.config.CARD_LOCK_SECONDS * 1000;
  const numberHash = keyedHash(deps.config.SECRET, 'card', digits);
  const who = { identifierHash: cardLockKey(deps.config.SECRET, numberHash), address: c.get('address') };
  const lockedUntil = await deps.stores.lockout.lockedUntil(who.identifierHash, deps.clock.now(), lockMs);
  const counted = await countedCheck<{ holderId: number; cardId: number }>(deps, {
    who,
    reason: 'card_details',
    lockMs,
    locked: lockedUntil === null ? null : { until: lockedUntil },
    check: async () => {
      const found = await deps.stores.registration.findCardHolder(numberHash);
      if (found && found.birthdate === birthdate) return { right: { holderId: found.holderId, cardId: found.cardId }, success: { detail: { flow: 'registration' } } };
      // SPEC D1/D3: the notice is stored with the lock and sent by the worker, so no answer waits for a provider (L6)
      return { wrong: { lockNotice: await cardLockNotice(c, numberHash, digits) } };
    },
  });
  if ('locked' in counted) return { refusal: 'locked', lockedUntil: counted.locked.until ?? deps.clock.now() + lockMs };
  return 'wrong' in counted ? { refusal: 'details' } : counted.right;
}
