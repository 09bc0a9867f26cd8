// The step factory of SPEC M3 (and G2's address): the address that becomes the My ID — checked by the M3 rules, counted
// by S2 before it is looked up, refused when it is already a My ID, else the flow moves on and the code is sent on arrival.
import type { Child } from 'hono/jsx';
import type { Context, Hono } from 'hono';
import * as v from 'valibot';
import { EmailStepPage, type EmailStepText } from '../../../views/pages/steps/EmailStepPage.js';
import type { FieldError } from '../../../views/view.js';
import type { CodeSubject } from '../../db/contract.js';
import type { MessageKey, T } from '../../i18n/index.js';
import type { AppEnv } from '../../web/env.js';
import { viewOf } from '../../web/view.js';
import type { Flow } from '../data.js';
import type { FlowDef } from '../flow.js';
import { currentFlow } from '../guard.js';
import { auditEmailTaken, checkEmailAddress, countAddress, emailProblemError } from './address.js';

/** The posted `email` field as typed; an absent or oversized one reads as empty. */
export const EmailForm = v.object({ email: v.pipe(v.optional(v.string(), ''), v.maxLength(1024)) });
export const typedEmail = (form: Record<string, string>): string => {
  const parsed = v.safeParse(EmailForm, form);
  return parsed.success ? parsed.output.email : '';
};

export type EmailEntrySpec<S extends string, E extends string> = {
  flow: FlowDef<S, E>;
  step: S;
  /** The table's event for an accepted address. */
  entered: E;
  text: (t: T) => EmailStepText;
  /** The message for an address that is already a My ID. */
  taken: MessageKey;
  /** Whose address budget counts (SPEC S2). */
  subject: (flow: Flow) => CodeSubject;
  /** Shown above the form, e.g. why the card's own address could not be used. */
  notice?: (t: T, flow: Flow) => Child;
};

export function emailEntryStep<S extends string, E extends string>(app: Hono<AppEnv>, spec: EmailEntrySpec<S, E>) {
  const { flow: def, step } = spec;

  function show(c: Context<AppEnv>, status: 200 | 400 | 409, email?: string, errors: FieldError[] = []) {
    const t = c.get('t');
    const flow = currentFlow(c);
    const props = { text: spec.text(t), email, errors, notice: spec.notice?.(t, flow), action: def.url(step), cancelAction: def.cancelAction, step: def.stepOf(flow), deadline: flow.expiresAt };
    return c.html(<EmailStepPage v={viewOf(c)} {...props} />, status);
  }

  /** The answer when the address turned out to be taken (here, or at the end of the flow by SPEC M9's race). */
  const showTaken = (c: Context<AppEnv>, typed: string) => show(c, 409, typed, [{ field: 'email', message: c.get('t')(spec.taken) }]);

  // back from the code step to correct the address: the one typed before is in the field
  app.get(`/${step}`, ...def.at(step), (c) => show(c, 200, currentFlow(c).email ?? undefined));
  app.post(`/${step}`, ...def.at(step), async (c) => {
    const deps = c.get('deps');
    const flow = currentFlow(c);
    const raw = typedEmail(c.get('form'));
    const checked = checkEmailAddress(raw);
    if ('problem' in checked) return show(c, 400, raw, [emailProblemError(c.get('t'), checked.problem)]);
    // SPEC S2: counted, taken or not, before it is looked up
    const ended = await countAddress(c, flow, spec.subject(flow));
    if (ended) return c.redirect(ended, 303);
    // SPEC M3: an address that is already a My ID cannot be used
    if (await deps.stores.settings.isMyIdTaken(checked.email)) {
      await auditEmailTaken(c, checked.email, { flow: def.kind, step, flowId: flow.id });
      return showTaken(c, raw);
    }
    return c.redirect((await def.move(c, flow, step, spec.entered, { email: checked.email })) ?? def.url(step), 303);
  });
  return { showTaken };
}
