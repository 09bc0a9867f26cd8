// T2: the code emailed to the new address (M4), where a mistyped address can be corrected.
import type { Hono } from 'hono';
import type { AppEnv } from '../../../../web/env.js';
import { codeStep } from '../../../steps/code.js';
import { accountOf, myIdChange } from '../machine.js';

export function emailCodeStep(app: Hono<AppEnv>): void {
  codeStep(app, {
    flow: myIdChange,
    step: 'email-code',
    subject: accountOf,
    text: (t, flow) => ({ title: t('settings.codeTitle'), heading: t('settings.codeHeading'), intro: [t('settings.codeIntro', { email: flow.email ?? '' })], cancelNote: t('verify.cancelNoteSettings') }),
    verified: 'EMAIL_CODE_VERIFIED',
    changeAddress: 'EMAIL_CHANGE_REQUESTED',
  });
}
