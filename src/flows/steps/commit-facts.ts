// Issue 19 item 8: the facts a check-your-answers shows before the commit of a migration (M8) or a new My ID (G3), built
// from the stores' read of what the completion will do; addresses from the record are masked, the typed My ID is not.
// The read is async and comes first; what the commit did is settled from it without a read, so the completion email can
// be built inside the completion's own transaction (SPEC D1).
import { emailMaskParts, maskEmail } from '../../auth/normalise.js';
import type { CardLabel, MigrationLinkPreview } from '../../db/contract.js';
import type { Deps } from '../../deps.js';
import type { CommitFacts, Flow } from '../data.js';

const masked = (email: string) => ({ masked: maskEmail(email), parts: emailMaskParts(email) });
const labels = (cards: CardLabel[]) => cards.map(({ cardName, last4 }) => ({ cardName, last4 }));

/** SPEC M8: what the completion would do, read before it (undefined when the flow cannot complete). */
export async function previewMigration(deps: Deps, flow: Flow): Promise<MigrationLinkPreview | undefined> {
  if (flow.holderId === null || flow.cardId === null || !flow.email) return undefined;
  return deps.stores.migration.previewLinks({ holderId: flow.holderId, cardId: flow.cardId });
}

/**
 * SPEC M8: this card and the holder's cards with its email are linked; a new email replaces the card's registered one.
 * `after`: once committed, the cards it did link and the card address it replaced (read before the change; null when none).
 */
export function migrationFacts(flow: Flow, preview: MigrationLinkPreview, after?: { cardIds: number[]; replaced: string | null }): CommitFacts {
  const all = [...preview.linked, ...preview.separate];
  // after the commit, the cards it actually linked (a card linked elsewhere meanwhile is then among the separate ones)
  const linked = after ? all.filter((c) => after.cardIds.includes(c.id)) : preview.linked;
  const separate = all.filter((c) => !linked.includes(c)).sort((a, b) => a.id - b.id);
  const from = after ? after.replaced : preview.cardEmail;
  const kept = flow.data.keptCardEmail === true || from === flow.email;
  return { myId: flow.email ?? '', linked: labels(linked), separate: labels(separate), cardEmail: kept ? 'kept' : { from: from ? masked(from) : null }, closing: [] };
}

/** The password page's check-your-answers for a migration. */
export async function migrationCommitFacts(deps: Deps, flow: Flow): Promise<CommitFacts | undefined> {
  const preview = await previewMigration(deps, flow);
  return preview && migrationFacts(flow, preview);
}

export type RegistrationPreview = { cards: CardLabel[]; openMyIds: string[] };

/** SPEC G3: what the completion would do, read before it (undefined when the flow cannot complete). */
export async function previewRegistration(deps: Deps, flow: Flow): Promise<RegistrationPreview | undefined> {
  if (flow.holderId === null || !flow.email) return undefined;
  return deps.stores.registration.previewCompletion(flow.holderId);
}

/** SPEC G3: every card of the holder moves to the new My ID, takes it as its email, and the holder's open My IDs close. */
export function registrationFacts(flow: Flow, preview: RegistrationPreview, closedEmails?: string[]): CommitFacts {
  const closing = closedEmails ?? preview.openMyIds;
  return { myId: flow.email ?? '', linked: labels(preview.cards), separate: [], cardEmail: { from: null }, closing: closing.map(masked) };
}

/** The password page's check-your-answers for a new My ID. */
export async function registrationCommitFacts(deps: Deps, flow: Flow): Promise<CommitFacts | undefined> {
  const preview = await previewRegistration(deps, flow);
  return preview && registrationFacts(flow, preview);
}

/** Keeps what the commit did in the flow (now at its done step) for the done page. */
export async function keepCommitted(deps: Deps, flow: Flow, doneStep: string, committed: CommitFacts | undefined): Promise<void> {
  if (committed) await deps.stores.flows.updateData(flow.id, doneStep, { ...flow.data, committed });
}
