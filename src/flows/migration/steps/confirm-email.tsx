// ⑥ M5: register this email as the My ID (the card's email changes too)? いいえ ends the flow, はい goes on to the phone,
// 「メールアドレスを修正する」 goes back to M3 with the address in the field.
import type { Hono } from 'hono';
import { ConfirmEmailPage } from '../../../../views/pages/migration/ConfirmEmailPage.js';
import type { AppEnv } from '../../../web/env.js';
import { viewOf } from '../../../web/view.js';
import { currentFlow } from '../../guard.js';
import { migration } from '../machine.js';

export function confirmEmailStep(app: Hono<AppEnv>): void {
  app.get('/confirm-email', ...migration.at('confirm-email'), (c) => {
    const flow = currentFlow(c);
    const props = { email: flow.email ?? '', action: migration.url('confirm-email'), changeAction: `${migration.url('confirm-email')}/change`, cancelAction: migration.cancelAction, step: migration.stepOf(flow), deadline: flow.expiresAt };
    return c.html(<ConfirmEmailPage v={viewOf(c)} {...props} />);
  });
  app.post('/confirm-email', ...migration.at('confirm-email'), async (c) =>
    c.redirect((await migration.move(c, currentFlow(c), 'confirm-email', 'EMAIL_CONFIRMED')) ?? migration.url('confirm-email'), 303),
  );
  app.post('/confirm-email/change', ...migration.at('confirm-email'), async (c) =>
    c.redirect((await migration.move(c, currentFlow(c), 'confirm-email', 'EMAIL_CHANGE_REQUESTED')) ?? migration.url('confirm-email'), 303),
  );
}
