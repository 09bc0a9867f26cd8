// Issue 19 item 8: the facts a check-your-answers shows before the commit of a migration (M8) or a new My ID (G3), built
// from the stores' read of what the completion will do; addresses from the record are masked, the typed My ID is not.
import { emailMaskParts, maskEmail } from '../../auth/normalise.js';
import type { CardLabel } from '../../db/contract.js';
import type { Deps } from '../../deps.js';
import type { CommitFacts, Flow } from '../data.js';

const masked = (email: string) => ({ masked: maskEmail(email), parts: emailMaskParts(email) });
const labels = (cards: CardLabel[]) => cards.map(({ cardName, last4 }) => ({ cardName, last4 }));

/**
 * SPEC M8: this card and the holder's cards with its email are linked; a new email replaces the card's registered one.
 * `after`: once committed, the cards it did link and the card address it replaced (read before the change; null when none).
 */
export async function migrationCommitFacts(deps: Deps, flow: Flow, after?: { cardIds: number[]; replaced: string | null }): Promise<CommitFacts | undefined> {
  if (flow.holderId === null || flow.cardId === null || !flow.email) return undefined;
  const preview = await deps.stores.migration.previewLinks({ holderId: flow.holderId, cardId: flow.cardId });
  const all = [...preview.linked, ...preview.separate];
  // after the commit, the cards it actually linked (a card linked elsewhere meanwhile is then among the separate ones)
  const linked = after ? all.filter((c) => after.cardIds.includes(c.id)) : preview.linked;
  const separate = all.filter((c) => !linked.includes(c)).sort((a, b) => a.id - b.id);
  const from = after ? after.replaced : preview.cardEmail;
  const kept = flow.data.keptCardEmail === true || from === flow.email;
  return { myId: flow.email, linked: labels(linked), separate: labels(separate), cardEmail: kept ? 'kept' : { from: from ? masked(from) : null }, closing: [] };
}

/** SPEC G3: every card of the holder moves to the new My ID, takes it as its email, and the holder's open My IDs close. */
export async function registrationCommitFacts(deps: Deps, flow: Flow, closedEmails?: string[]): Promise<CommitFacts | undefined> {
  if (flow.holderId === null || !flow.email) return undefined;
  const preview = await deps.stores.registration.previewCompletion(flow.holderId);
  const closing = closedEmails ?? preview.openMyIds;
  return { myId: flow.email, linked: labels(preview.cards), separate: [], cardEmail: { from: null }, closing: closing.map(masked) };
}

/** Keeps what the commit did in the flow (now at its done step) for the done page. */
export async function keepCommitted(deps: Deps, flow: Flow, doneStep: string, committed: CommitFacts | undefined): Promise<void> {
  if (committed) await deps.stores.flows.updateData(flow.id, doneStep, { ...flow.data, committed });
}
