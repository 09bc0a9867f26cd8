// ⑤ M4: the code emailed to the new address; a mistyped address goes back to M3.
import type { Hono } from 'hono';
import type { AppEnv } from '../../../web/env.js';
import { codeStep } from '../../steps/code.js';
import { holderOf, migration } from '../machine.js';

export function emailCodeStep(app: Hono<AppEnv>): void {
  codeStep(app, {
    flow: migration,
    step: 'email-code',
    subject: holderOf,
    text: (t, flow) => ({ title: t('migration.emailCodeTitle'), heading: t('migration.emailCodeHeading'), intro: [t('migration.emailCodeIntro', { email: flow.email ?? '' }), t('migration.cancelRestart')] }),
    verified: 'EMAIL_CODE_VERIFIED',
    changeAddress: 'EMAIL_CHANGE_REQUESTED',
  });
}
