// SPEC M6 as reset, migration and new My ID use it: the code by SMS to a mobile on arrival, or by voice to a chosen registered number.
import type { Context, Hono } from 'hono';
import * as v from 'valibot';
import { PhonePage, type PhoneChoice } from '../../../views/pages/verify/PhonePage.js';
import type { FieldError } from '../../../views/view.js';
import { sendCode, type CodeChannel } from '../../auth/codes.js';
import { maskPhone, phoneKind } from '../../auth/normalise.js';
import type { Deps } from '../../deps.js';
import type { FlowRow } from '../../db/contract.js';
import type { Lang } from '../../i18n/index.js';
import type { AppEnv } from '../../web/env.js';
import { viewOf } from '../../web/view.js';
import { currentFlow, stepUrl } from '../guard.js';
import { showCodeLocked } from './code-locked.js';
import { procedureOf, sendError, stepGuard, submitCode, timesOf, type CodeStepSpec, type Status } from './code-step.js';

export type PhoneSpec = CodeStepSpec & { holderId: (flow: FlowRow) => number };

/** The flow's facts about which phone was used: `data.phone`. */
type PhoneUse = { index: number; channel: 'sms' | 'voice' };

function phoneUseOf(flow: FlowRow): PhoneUse | undefined {
  const p = flow.data.phone as PhoneUse | undefined;
  return p && typeof p.index === 'number' && (p.channel === 'sms' || p.channel === 'voice') ? p : undefined;
}

async function phonesOf(deps: Deps, holderId: number): Promise<(PhoneChoice & { number: string })[]> {
  const facts = await deps.stores.settings.loadHolderFacts(holderId);
  return (facts?.phones ?? []).map((number, index) => ({ index, number, masked: maskPhone(number), last4: number.slice(-4), kind: phoneKind(number) }));
}

/** Sends a phone code and records which phone and channel in the flow (still at `step`). */
async function sendPhoneCode(deps: Deps, flow: FlowRow, spec: PhoneSpec, phone: { index: number; number: string }, channel: CodeChannel, lang: Lang, address: string) {
  const result = await sendCode(deps, { flowId: flow.id, kind: spec.kind, purpose: 'phone', channel, destination: phone.number, subject: spec.subject(flow), lang, procedure: procedureOf(spec.kind), address });
  if ('ok' in result) await deps.stores.flows.updateData(flow.id, spec.step, { ...flow.data, phone: { index: phone.index, channel } });
  return result;
}

/**
 * SPEC M6 ⑦-1: on arrival from the previous step an SMS goes to the first registered mobile.
 * Call right after advancing the flow into the phone step; `flow` is the row as advanced.
 */
export async function sendFirstPhoneCode(deps: Deps, flow: FlowRow, spec: PhoneSpec, lang: Lang, address: string): Promise<void> {
  const mobile = (await phonesOf(deps, spec.holderId(flow))).find((p) => p.kind === 'mobile');
  if (mobile) await sendPhoneCode(deps, flow, spec, mobile, 'sms', lang, address);
}

const SendForm = v.object({
  phone: v.pipe(v.optional(v.string(), ''), v.regex(/^\d{1,2}$/)),
  channel: v.picklist(['sms', 'voice']),
});

/** GET and POST `{base}/{step}` (verify) and POST `{base}/{step}/send` (send by SMS or voice to a chosen number). */
export function mountPhoneStep(app: Hono<AppEnv>, spec: PhoneSpec): void {
  const url = stepUrl(spec.base, spec.step);
  const guard = stepGuard(spec);

  async function show(c: Context<AppEnv>, status: Status, errors: FieldError[] = []) {
    const deps = c.get('deps');
    const flow = currentFlow(c);
    const phones = await phonesOf(deps, spec.holderId(flow));
    const use = phoneUseOf(flow);
    const used = use && phones[use.index];
    // before any code went out (e.g. the SMS on arrival was refused as too soon), the times are those of the number offered first
    const offered = used ?? phones.find((p) => p.kind === 'mobile') ?? phones[0];
    const times = await timesOf(deps, flow, 'phone', spec.subject(flow), offered?.number, c.get('address'));
    // (a wrong code answered while a concurrent request locked it still says it was wrong: 422)
    if ((times.closed || times.lockedUntil !== null) && (status === 200 || status === 429)) return showCodeLocked(c, spec, times.closed ? null : times.lockedUntil, status);
    return c.html(
      <PhonePage
        v={viewOf(c)}
        text={{ ...spec.text(c.get('t'), flow), deadline: flow.expiresAt }}
        action={url}
        sendAction={`${url}/send`}
        cancelAction={spec.cancelAction}
        phones={phones.map(({ index, masked, last4, kind }) => ({ index, masked, last4, kind }))}
        sent={used && use ? { masked: used.masked, last4: used.last4, channel: use.channel, index: use.index } : undefined}
        times={times}
        errors={errors}
      />,
      status,
    );
  }

  app.get(`/${spec.step}`, ...guard, (c) => show(c, 200));
  app.post(`/${spec.step}`, ...guard, async (c) => {
    if (!phoneUseOf(currentFlow(c))) return c.redirect(url, 303);
    const outcome = await submitCode(c, spec, 'phone');
    return outcome instanceof Response ? outcome : show(c, outcome.status, outcome.errors);
  });
  app.post(`/${spec.step}/send`, ...guard, async (c) => {
    const deps = c.get('deps');
    const t = c.get('t');
    const flow = currentFlow(c);
    const phones = await phonesOf(deps, spec.holderId(flow));
    const parsed = v.safeParse(SendForm, c.get('form'));
    const phone = parsed.success ? phones[Number(parsed.output.phone)] : undefined;
    // SMS only to a mobile (SPEC §1); voice to any registered number
    if (!parsed.success || !phone || (parsed.output.channel === 'sms' && phone.kind !== 'mobile')) {
      const group = phones.some((p) => p.kind === 'mobile') ? 'mobile' : 'landline';
      return show(c, 400, [{ field: group, message: t('verify.phoneErrorChoose') }]);
    }
    const result = await sendPhoneCode(deps, flow, spec, phone, parsed.output.channel, c.get('lang'), c.get('address'));
    if ('ok' in result) return c.redirect(url, 303);
    return show(c, 429, sendError(t, viewOf(c), result));
  });
}
