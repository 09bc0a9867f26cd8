// The crash test's check of the database a killed server left behind (SPEC M8, X4): integrity, foreign keys, and each holder either
// whole (one open account, every card linked, the legacy ID retired, a new email on the card) or untouched — never half-done.
import { openTestDatabase } from '../../helpers/stores.js';
import { holders } from './crash-holders.js';

export type Check = { integrity: string; problems: string[]; whole: number; untouched: number };

/** Opens the database the dead server left behind and checks it. */
export async function checkDatabase(file: string, completed: Set<string>): Promise<Check> {
  const db = openTestDatabase(file);
  try {
    const integrity = await db.inspect.integrity();
    const problems: string[] = [];
    const fk = await db.inspect.brokenForeignKeys();
    if (fk > 0) problems.push(`${fk} broken foreign keys`);
    let whole = 0;
    let untouched = 0;
    const [holderRows, accountRows, cardRows, linkRows, credentialRows] = await Promise.all([
      db.inspect.rows('holder'),
      db.inspect.rows('account'),
      db.inspect.rows('card'),
      db.inspect.rows('account_card'),
      db.inspect.rows('credential'),
    ]);
    const cardEmail = new Map(cardRows.map((r) => [r.id, r.email]));
    const accountOfCard = new Map(linkRows.map((l) => [l.cardId, l.accountId]));
    const cardsOf = (holderId: number) =>
      cardRows
        .filter((c) => c.holderId === holderId)
        .sort((a, b) => a.id - b.id)
        .map((c) => ({ id: c.id, accountId: accountOfCard.get(c.id) ?? null }));
    for (const h of holders) {
      const holder = holderRows.find((r) => r.holderKey === h.key);
      if (!holder) {
        problems.push(`${h.key}: holder missing`);
        continue;
      }
      const accounts = accountRows.filter((a) => a.holderId === holder.id && a.closedAt === null);
      const cards = cardsOf(holder.id);
      const cardIds = new Set(cardRows.filter((c) => c.holderId === holder.id).map((c) => c.id));
      const credentials = credentialRows.filter((cr) => cardIds.has(cr.cardId));
      if (accounts.length === 0) {
        // nothing of a migration may be visible: no link, no retired ID
        if (cards.some((c) => c.accountId !== null)) problems.push(`${h.key}: a card is linked but there is no account`);
        if (credentials.some((c) => c.retiredAt !== null)) problems.push(`${h.key}: a legacy ID is retired but there is no account`);
        if (completed.has(h.key)) problems.push(`${h.key}: the client saw the done page but the account is gone`);
        untouched++;
        continue;
      }
      if (accounts.length > 1) problems.push(`${h.key}: ${accounts.length} open accounts`);
      const [account] = accounts;
      if (account.email !== h.myId) problems.push(`${h.key}: account email ${account.email}, expected ${h.myId}`);
      // SPEC M8 / G3: every card of the holder (both carry the same registered email) linked, their IDs retired
      if (cards.some((c) => c.accountId !== account.id)) problems.push(`${h.key}: not every card is linked to the account`);
      if (credentials.some((c) => c.retiredAt === null)) problems.push(`${h.key}: a legacy ID is still usable after completion`);
      // SPEC M8: a new email chosen in the migration becomes the card's registered email too
      if (h.path === 'migrateNew' && cards[0] && cardEmail.get(cards[0].id) !== h.newEmail) problems.push(`${h.key}: card email ${cardEmail.get(cards[0].id)} after choosing ${h.newEmail}`);
      whole++;
    }
    return { integrity, problems, whole, untouched };
  } finally {
    await db.close();
  }
}
