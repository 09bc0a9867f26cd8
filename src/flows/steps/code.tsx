// The step factory of SPEC M4, as reset, migration, new My ID and My ID change use it: the code emailed on arrival, enter it, ask for another, or go back and correct the address.
import type { Context, Hono } from 'hono';
import { EmailCodePage } from '../../../views/pages/verify/EmailCodePage.js';
import type { FieldError } from '../../../views/view.js';
import { sendCode } from '../../auth/codes.js';
import type { Deps } from '../../deps.js';
import type { Flow } from '../data.js';
import type { Lang } from '../../i18n/index.js';
import type { AppEnv } from '../../web/env.js';
import { viewOf } from '../../web/view.js';
import { currentFlow } from '../guard.js';
import { showCodeLocked } from './code-locked.js';
import { procedureOf, runMove, sendError, submitCode, timesOf, type CodeStepSpec, type Status } from './code-check.js';

export type EmailCodeSpec = CodeStepSpec & {
  /** The address the code goes to (default: the flow's). */
  destination?: (flow: Flow) => string;
  /** SPEC R1: a flow for an address with no account records codes but sends none. */
  silent?: (flow: Flow) => boolean;
  /**
   * A mistyped address: the table's event back to where the address is typed, or a function that ends the flow when
   * that is before it; either answers where to go. Sends nothing; codes already sent stay counted (SPEC M6a).
   */
  changeAddress?: string | ((c: Context<AppEnv>, flow: Flow) => Promise<string | undefined>);
};

const destinationOf = (spec: EmailCodeSpec, flow: Flow) => (spec.destination ? spec.destination(flow) : (flow.email ?? ''));

/**
 * SPEC M4 as a step of `spec.flow`: GET and POST `{base}/{step}`, POST `{base}/{step}/resend`, and POST
 * `{base}/{step}/change` when the flow can change the address; arriving at the step sends the code.
 */
export function codeStep(app: Hono<AppEnv>, spec: EmailCodeSpec): void {
  const url = spec.flow.url(spec.step);
  const guard = spec.flow.at(spec.step);
  const changeAddress = spec.changeAddress;
  spec.flow.onArrival(spec.step, async (c, flow) => void (await sendEmailCode(c.get('deps'), flow, spec, c.get('lang'), c.get('address'))));

  async function show(c: Context<AppEnv>, status: Status, errors: FieldError[] = []) {
    const flow = currentFlow(c);
    const times = await timesOf(c.get('deps'), flow, 'email', spec.subject(flow), destinationOf(spec, flow), c.get('address'));
    // a locked verification gets its own page: no code field or resend that look alive (issue 19)
    // (a wrong code answered while a concurrent request locked it still says it was wrong: 422)
    if ((times.closed || times.lockedUntil !== null) && (status === 200 || status === 429)) return showCodeLocked(c, spec, times.closed ? null : times.lockedUntil, status);
    const actions = { action: url, resendAction: `${url}/resend`, changeAction: changeAddress && `${url}/change`, cancelAction: spec.flow.cancelAction };
    const text = { ...spec.text(c.get('t'), flow), step: spec.flow.stepOf(flow), deadline: flow.expiresAt };
    return c.html(<EmailCodePage v={viewOf(c)} text={text} {...actions} times={times} errors={errors} resent={c.req.query('resent') === '1'} />, status);
  }

  app.get(`/${spec.step}`, ...guard, (c) => show(c, 200));
  app.post(`/${spec.step}`, ...guard, async (c) => {
    const outcome = await submitCode(c, spec, 'email', destinationOf(spec, currentFlow(c)));
    return outcome instanceof Response ? outcome : show(c, outcome.status, outcome.errors);
  });
  app.post(`/${spec.step}/resend`, ...guard, async (c) => {
    const flow = currentFlow(c);
    const result = await sendEmailCode(c.get('deps'), flow, spec, c.get('lang'), c.get('address'));
    if ('ok' in result) return c.redirect(`${url}?resent=1`, 303);
    return show(c, 429, sendError(c.get('t'), viewOf(c), result));
  });
  if (changeAddress) {
    app.post(`/${spec.step}/change`, ...guard, async (c) => c.redirect((await runMove(c, spec, currentFlow(c), changeAddress)) ?? url, 303));
  }
}

/** Sends (or, for a silent flow, records) the email code of the step. */
function sendEmailCode(deps: Deps, flow: Flow, spec: EmailCodeSpec, lang: Lang, address: string) {
  return sendCode(deps, {
    flowId: flow.id,
    kind: spec.flow.kind,
    purpose: 'email',
    channel: 'email',
    destination: destinationOf(spec, flow),
    subject: spec.subject(flow),
    lang,
    procedure: procedureOf(spec.flow.kind),
    address,
    silent: spec.silent?.(flow) ?? false,
  });
}
