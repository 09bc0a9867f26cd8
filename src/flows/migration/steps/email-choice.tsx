// ③ M2: keep the card's registered email (masked) as the My ID? はい on a free one goes to the phone, no email code needed.
import type { Hono } from 'hono';
import * as v from 'valibot';
import { EmailChoicePage } from '../../../../views/pages/migration/EmailChoicePage.js';
import { emailMaskParts, maskEmail } from '../../../auth/normalise.js';
import type { AppEnv } from '../../../web/env.js';
import { viewOf } from '../../../web/view.js';
import { currentFlow } from '../../guard.js';
import { auditEmailTaken } from '../../steps/address.js';
import { migration } from '../machine.js';

const ChoiceForm = v.object({ choice: v.picklist(['yes', 'no']) });

export function emailChoiceStep(app: Hono<AppEnv>): void {
  app.get('/email-choice', ...migration.at('email-choice'), async (c) => {
    const flow = currentFlow(c);
    const cardEmail = (flow.cardId && (await c.get('deps').stores.migration.findCardEmail(flow.cardId))) || '';
    const props = { maskedEmail: maskEmail(cardEmail), emailParts: emailMaskParts(cardEmail), action: migration.url('email-choice'), step: migration.stepOf(flow), deadline: flow.expiresAt };
    return c.html(<EmailChoicePage v={viewOf(c)} {...props} />);
  });

  app.post('/email-choice', ...migration.at('email-choice'), async (c) => {
    const deps = c.get('deps');
    const flow = currentFlow(c);
    const parsed = v.safeParse(ChoiceForm, c.get('form'));
    if (!parsed.success) return c.redirect(migration.url('email-choice'), 303);
    const cardEmail = flow.cardId ? await deps.stores.migration.findCardEmail(flow.cardId) : null;
    let to: string | undefined;
    if (parsed.output.choice === 'no' || !cardEmail) {
      to = await migration.move(c, flow, 'email-choice', 'OTHER_EMAIL_CHOSEN', { data: { keptCardEmail: false } });
    } else if (await deps.stores.settings.isMyIdTaken(cardEmail)) {
      await auditEmailTaken(c, cardEmail, { flow: 'migration', step: 'email-choice', flowId: flow.id });
      to = await migration.move(c, flow, 'email-choice', 'CARD_EMAIL_TAKEN', { data: { cardEmailTaken: true } });
    } else {
      to = await migration.move(c, flow, 'email-choice', 'CARD_EMAIL_KEPT', { email: cardEmail, data: { keptCardEmail: true } });
    }
    return c.redirect(to ?? migration.url('email-choice'), 303);
  });
}
