// The password-reset tests' member (SPEC R1–R3): a holder with a mobile and a My ID, and the address form that starts R.
import { expect } from 'vitest';
import { makeHarness, type browser, type Harness } from './app.js';
import { addHolder } from './fixtures.js';

export const EMAIL = 'taro@example.jp';
export const PASSWORD = 'Sakura#2025x';
export const NEW_PASSWORD = 'Kawa!Nagare77';

type Browser = ReturnType<typeof browser>;

/** A fresh harness holding the member; `accountId` is their account. */
export async function resetMember(): Promise<{ h: Harness; accountId: number }> {
  const h = await makeHarness();
  const made = await addHolder(h, { phones: ['09011112222'], account: { email: EMAIL, password: PASSWORD } });
  return { h, accountId: made.account!.id };
}

/** R1: the address form, sent; the flow is at the email code whatever the address. */
export async function startReset(b: Browser, email: string) {
  await b.get('/reset');
  const res = await b.post('/reset', { email });
  expect(res.status).toBe(303);
  expect(res.location).toBe('/reset/email-code');
  return res;
}
