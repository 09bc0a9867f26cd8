// The settings tests' member: a holder with a My ID and one card, and a browser signed in as them (SPEC T2).
import { expect } from 'vitest';
import { browser, makeHarness, type Harness } from './app.js';
import { addHolder } from './fixtures.js';

export const EMAIL = 'hanako@example.jp';
export const PASSWORD = 'Sakura#2025x';
export const NEW_PASSWORD = 'Kawa!Nagare77';

/** A fresh harness holding the member; `accountId` is their account. */
export async function settingsMember(): Promise<{ h: Harness; accountId: number }> {
  const h = await makeHarness();
  const made = await addHolder(h, {
    birthdate: '1985-04-12',
    nameRoman: 'HANAKO SATO',
    phones: ['09011112222'],
    cards: [{ number: '4111111111119876', email: EMAIL }],
    account: { email: EMAIL, password: PASSWORD },
  });
  return { h, accountId: made.account!.id };
}

/** A browser signed in with the My ID and password. */
export async function signedIn(h: Harness, email = EMAIL, password = PASSWORD) {
  const b = browser(h);
  const res = await b.post('/login', { id: email, password });
  expect(res.status).toBe(303);
  return b;
}

/** The session cookie an answer sets, if any. */
export const sidOf = (res: { res: Response }) => res.res.headers.getSetCookie().find((c) => c.startsWith('sid='));
