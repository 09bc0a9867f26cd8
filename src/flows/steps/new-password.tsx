// The step factory of SPEC M7 inside a flow (migration, reset, new My ID): the two new-password fields, every broken rule
// shown, then the flow's own completion with the password hashed before its one unit of work (M8, R3, G3).
import type { Context, Hono } from 'hono';
import { NewPasswordStepPage } from '../../../views/pages/steps/NewPasswordStepPage.js';
import type { FieldError } from '../../../views/view.js';
import type { HolderFacts } from '../../db/contract.js';
import type { MessageKey, T } from '../../i18n/index.js';
import { paths } from '../../paths.js';
import type { AppEnv } from '../../web/env.js';
import { viewOf } from '../../web/view.js';
import type { CommitFacts, Flow } from '../data.js';
import type { FlowDef } from '../flow.js';
import { currentFlow } from '../guard.js';
import { hashNewPassword, newPasswordErrors, newPasswordProblems, readNewPassword } from './new-password-rules.js';

export type NewPasswordSpec<S extends string, E extends string, W> = {
  flow: FlowDef<S, E>;
  step: S;
  text: (t: T, flow: Flow) => { title: string; heading: string; intro: string[] };
  submit: MessageKey;
  /** Issue 19 item 8: what the commit will do, shown above the fields of the page whose button commits it. */
  summary?: (c: Context<AppEnv>, flow: Flow) => Promise<CommitFacts | undefined>;
  /** What the M7 rules check against (the holder's facts and the My ID) and what completion needs; undefined: the flow is broken, start again. */
  load: (c: Context<AppEnv>, flow: Flow) => Promise<(W & { facts: HolderFacts; email: string }) | undefined>;
  /** The flow's one unit of work with the hashed password; answers the response (the done page, or the flow moved back). */
  complete: (c: Context<AppEnv>, flow: Flow, facts: W & { facts: HolderFacts; email: string }, passwordHash: string) => Promise<Response>;
};

export function newPasswordStep<S extends string, E extends string, W>(app: Hono<AppEnv>, spec: NewPasswordSpec<S, E, W>): void {
  const { flow: def, step } = spec;

  async function show(c: Context<AppEnv>, status: 200 | 400, errors: FieldError[] = []) {
    const t = c.get('t');
    const flow = currentFlow(c);
    const text = { ...spec.text(t, flow), step: def.stepOf(flow), deadline: flow.expiresAt };
    const summary = await spec.summary?.(c, flow);
    return c.html(<NewPasswordStepPage v={viewOf(c)} text={text} summary={summary} submit={t(spec.submit)} errors={errors} action={def.url(step)} cancelAction={def.cancelAction} />, status);
  }

  app.get(`/${step}`, ...def.at(step), (c) => show(c, 200));
  app.post(`/${step}`, ...def.at(step), async (c) => {
    const flow = currentFlow(c);
    const loaded = await spec.load(c, flow);
    if (!loaded) return c.redirect(`${paths.signIn}?flow=expired`, 303);
    const entries = readNewPassword(c.get('form'));
    const problems = newPasswordProblems(entries, loaded.facts, loaded.email);
    if (problems.length > 0) return show(c, 400, newPasswordErrors(c.get('t'), problems));
    return spec.complete(c, flow, loaded, await hashNewPassword(entries.password));
  });
}
