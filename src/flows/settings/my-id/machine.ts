// SPEC T2 My ID変更 as data: the new address (typed on the settings form, which starts the flow at it) → code → confirm → done.
import type { MiddlewareHandler } from 'hono';
import { paths } from '../../../paths.js';
import type { AppEnv } from '../../../web/env.js';
import { defineFlow } from '../../flow.js';
import { dropFlowCookie } from '../../guard.js';
import type { StepTable } from '../../machine.js';

export type MyIdStep = 'email' | 'email-code' | 'confirm' | 'done';
export type MyIdEvent = 'EMAIL_ENTERED' | 'EMAIL_CODE_VERIFIED' | 'EMAIL_CHANGE_REQUESTED' | 'MY_ID_CHANGED';

export const myIdSteps: StepTable<MyIdStep, MyIdEvent> = {
  email: { EMAIL_ENTERED: 'email-code' },
  // SPEC M4: a mistyped address is corrected at the address step, and the code goes to the new one
  'email-code': { EMAIL_CODE_VERIFIED: 'confirm', EMAIL_CHANGE_REQUESTED: 'email' },
  confirm: { MY_ID_CHANGED: 'done' },
  done: {},
};

/** A My ID change flow belongs to the member who started it: another session's cookie is not enough. */
const ownFlow: MiddlewareHandler<AppEnv> = async (c, next) => {
  const flow = c.get('flow');
  if (!flow || flow.accountId !== c.get('session')?.accountId) {
    dropFlowCookie(c);
    return c.redirect(paths.settings, 303);
  }
  await next();
};

export const myIdChange = defineFlow({
  kind: 'my-id-change',
  base: `${paths.settings}/my-id`,
  first: 'email',
  steps: myIdSteps,
  arrivals: { 'email-code': 'send-email-code' },
  // its pages are settings pages, not a numbered procedure
  numbered: false,
  cancelledTo: `${paths.settings}?done=cancelled`,
  // a double-clicked confirmation: the first submit changed the My ID and ended the flow; the second shows the settings
  endedTo: paths.settings,
  flowGuard: ownFlow,
});

/** Whose wrong codes and addresses are counted: the signed-in account (SPEC M6a, S2). */
export const accountOf = (flow: { accountId: number | null }) => `account:${flow.accountId ?? 0}` as const;
