// SPEC M1–M9: the migration sub-app at /migration. Sign-in (L3) starts the flow at the terms; each step is in steps/.
import { Hono } from 'hono';
import { TermsStepPage } from '../../../views/pages/steps/TermsStepPage.js';
import { paths } from '../../paths.js';
import type { AppEnv } from '../../web/env.js';
import { viewOf } from '../../web/view.js';
import { currentFlow, dropFlowCookie, loadFlow } from '../guard.js';
import { mountEmailCodeStep } from '../verify/email-code-step.js';
import { mountPhoneStep } from '../verify/phone-step.js';
import { emailCodeStep, phoneStep } from './steps/codes.js';
import { mountEmailSteps } from './steps/email.js';
import { mountPasswordSteps } from './steps/password.js';
import { at, cancelAction, KIND, next, stepOf, urlOf } from './shared.js';

export const migrationRoutes = new Hono<AppEnv>()
  .get('/terms', ...at('terms'), (c) => {
    const t = c.get('t');
    const text = {
      title: t('migration.termsTitle'),
      heading: t('migration.termsHeading'),
      intro: t('migration.termsIntro'),
      cancelNote: t('migration.cancelNote'),
      accept: t('migration.termsAccept'),
      cancel: t('migration.cancel'),
    };
    return c.html(<TermsStepPage v={viewOf(c)} text={text} version={c.get('deps').config.TERMS_VERSION} action={urlOf('terms')} cancelAction={cancelAction} step={stepOf('terms')} deadline={currentFlow(c).expiresAt} />);
  })
  .post('/terms', ...at('terms'), async (c) => {
    const deps = c.get('deps');
    const flow = currentFlow(c);
    const cardEmail = flow.cardId === null ? null : await deps.stores.migration.findCardEmail(flow.cardId);
    const to = next('terms', cardEmail ? 'TERMS_ACCEPTED' : 'TERMS_ACCEPTED_WITHOUT_CARD_EMAIL');
    // the version accepted is the one the account records (SPEC T4)
    await deps.stores.flows.advance(flow.id, 'terms', to, { data: { ...flow.data, termsVersion: deps.config.TERMS_VERSION } });
    return c.redirect(urlOf(to), 303);
  })
  // SPEC M1: cancel (キャンセル / いいえ / ログインへ戻る) anywhere ends the flow and returns to sign-in
  .post('/cancel', loadFlow(KIND), async (c) => {
    const deps = c.get('deps');
    await deps.stores.flows.end(currentFlow(c).id, deps.clock.now());
    dropFlowCookie(c);
    return c.redirect(`${paths.signIn}?flow=cancelled`, 303);
  });

mountEmailSteps(migrationRoutes);
mountEmailCodeStep(migrationRoutes, emailCodeStep);
mountPhoneStep(migrationRoutes, phoneStep);
mountPasswordSteps(migrationRoutes);
