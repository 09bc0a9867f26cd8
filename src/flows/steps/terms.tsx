// The step factory of SPEC M1 (and G2's terms): the member terms with 同意して進む / キャンセル; accepting records the version (T4).
import type { Context, Hono } from 'hono';
import { TermsStepPage, type TermsStepText } from '../../../views/pages/steps/TermsStepPage.js';
import type { T } from '../../i18n/index.js';
import type { AppEnv } from '../../web/env.js';
import { viewOf } from '../../web/view.js';
import type { Flow } from '../data.js';
import type { FlowDef } from '../flow.js';
import { currentFlow } from '../guard.js';

export type TermsSpec<S extends string, E extends string> = {
  flow: FlowDef<S, E>;
  step: S;
  text: (t: T) => TermsStepText;
  /** The table's event for accepting here (it may depend on the flow, e.g. whether the card has an email). */
  accepted: (c: Context<AppEnv>, flow: Flow) => Promise<E> | E;
};

export function termsStep<S extends string, E extends string>(app: Hono<AppEnv>, spec: TermsSpec<S, E>): void {
  const { flow: def, step } = spec;
  app.get(`/${step}`, ...def.at(step), (c) => {
    const flow = currentFlow(c);
    const page = <TermsStepPage v={viewOf(c)} text={spec.text(c.get('t'))} version={c.get('deps').config.TERMS_VERSION} action={def.url(step)} cancelAction={def.cancelAction} step={def.stepOf(flow)} deadline={flow.expiresAt} />;
    return c.html(page);
  });
  app.post(`/${step}`, ...def.at(step), async (c) => {
    const flow = currentFlow(c);
    // the version accepted is the one the account records (SPEC T4)
    const to = await def.move(c, flow, step, await spec.accepted(c, flow), { data: { termsVersion: c.get('deps').config.TERMS_VERSION } });
    return c.redirect(to ?? def.url(step), 303);
  });
}
