// SPEC M4 as reset, migration, new My ID and My ID change use it: enter the code emailed to the address, ask for another, or go back and correct the address.
import type { Context, Hono } from 'hono';
import { EmailCodePage } from '../../../views/pages/verify/EmailCodePage.js';
import type { FieldError } from '../../../views/view.js';
import { sendCode } from '../../auth/codes.js';
import type { Deps } from '../../deps.js';
import type { FlowRow } from '../../db/contract.js';
import type { Lang } from '../../i18n/index.js';
import type { AppEnv } from '../../web/env.js';
import { viewOf } from '../../web/view.js';
import { currentFlow, stepUrl } from '../guard.js';
import { showCodeLocked } from './code-locked.js';
import { procedureOf, sendError, stepGuard, submitCode, timesOf, type CodeStepSpec, type Status } from './code-step.js';

export type EmailCodeSpec = CodeStepSpec & {
  destination: (flow: FlowRow) => string;
  /** SPEC R1: a flow for an address with no account records codes but sends none. */
  silent?: (flow: FlowRow) => boolean;
  /**
   * A mistyped address: move the flow (guarded) back to where the address is typed, or end it when that is
   * before the flow, and return where that is; undefined when another request moved it first.
   * Sends nothing; codes already sent stay counted (SPEC M6a).
   */
  changeAddress?: (c: Context<AppEnv>, flow: FlowRow) => Promise<string | undefined>;
};

/** GET and POST `{base}/{step}`, POST `{base}/{step}/resend`, and POST `{base}/{step}/change` when the flow can change the address. */
export function mountEmailCodeStep(app: Hono<AppEnv>, spec: EmailCodeSpec): void {
  const url = stepUrl(spec.base, spec.step);
  const guard = stepGuard(spec);
  const changeAddress = spec.changeAddress;

  async function show(c: Context<AppEnv>, status: Status, errors: FieldError[] = []) {
    const flow = currentFlow(c);
    const times = await timesOf(c.get('deps'), flow, 'email', spec.subject(flow), spec.destination(flow), c.get('address'));
    // a locked verification gets its own page: no code field or resend that look alive (issue 19)
    // (a wrong code answered while a concurrent request locked it still says it was wrong: 422)
    if ((times.closed || times.lockedUntil !== null) && (status === 200 || status === 429)) return showCodeLocked(c, spec, times.closed ? null : times.lockedUntil, status);
    const actions = { action: url, resendAction: `${url}/resend`, changeAction: changeAddress && `${url}/change`, cancelAction: spec.cancelAction };
    const text = { ...spec.text(c.get('t'), flow), deadline: flow.expiresAt };
    return c.html(<EmailCodePage v={viewOf(c)} text={text} {...actions} times={times} errors={errors} resent={c.req.query('resent') === '1'} />, status);
  }

  app.get(`/${spec.step}`, ...guard, (c) => show(c, 200));
  app.post(`/${spec.step}`, ...guard, async (c) => {
    const outcome = await submitCode(c, spec, 'email', spec.destination(currentFlow(c)));
    return outcome instanceof Response ? outcome : show(c, outcome.status, outcome.errors);
  });
  app.post(`/${spec.step}/resend`, ...guard, async (c) => {
    const flow = currentFlow(c);
    const result = await sendEmailCode(c.get('deps'), flow, spec, c.get('lang'), c.get('address'));
    if ('ok' in result) return c.redirect(`${url}?resent=1`, 303);
    return show(c, 429, sendError(c.get('t'), viewOf(c), result));
  });
  if (changeAddress) {
    app.post(`/${spec.step}/change`, ...guard, async (c) => c.redirect((await changeAddress(c, currentFlow(c))) ?? url, 303));
  }
}

/** Sends (or, for a silent flow, records) the email code of the step. */
export function sendEmailCode(deps: Deps, flow: FlowRow, spec: EmailCodeSpec, lang: Lang, address: string) {
  return sendCode(deps, {
    flowId: flow.id,
    kind: spec.kind,
    purpose: 'email',
    channel: 'email',
    destination: spec.destination(flow),
    subject: spec.subject(flow),
    lang,
    procedure: procedureOf(spec.kind),
    address,
    silent: spec.silent?.(flow) ?? false,
  });
}
