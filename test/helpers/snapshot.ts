// What a completed or abandoned migration may change (SPEC M8, §3): the accounts, card links, cards and credentials, read at once so a
// test can say "nothing changed" by comparing two of them.
import type { Inspection } from '../../src/db/contract.js';

export async function migrationSnapshot(h: { inspect: Inspection }) {
  return {
    accounts: (await h.inspect.rows('account')),
    links: (await h.inspect.rows('account_card')),
    cards: (await h.inspect.rows('card')),
    credentials: (await h.inspect.rows('credential')),
  };
}
