// ⑦ M6: the SMS code sent on arrival to the mobile, or a voice call to a chosen registered number.
import type { Hono } from 'hono';
import type { AppEnv } from '../../../web/env.js';
import { phoneStep } from '../../steps/phone.js';
import { holderOf, migration } from '../machine.js';

export function migrationPhoneStep(app: Hono<AppEnv>): void {
  phoneStep(app, {
    flow: migration,
    step: 'phone',
    subject: holderOf,
    text: (t) => ({ title: t('migration.phoneTitle'), heading: t('verify.phoneHeading'), intro: [t('migration.phoneIntro'), t('migration.cancelRestart')] }),
    verified: 'PHONE_CODE_VERIFIED',
  });
}
