// T2: the new My ID (M3 rules, not the current one) — on the settings form, which starts the flow, or at the flow's own
// address step when a mistyped one is corrected; S2 counts it before it is looked up; a taken one is refused.
import type { Context, Hono } from 'hono';
import { NewMyIdPage } from '../../../../../views/pages/settings/NewMyIdPage.js';
import type { FieldError } from '../../../../../views/view.js';
import type { AppEnv } from '../../../../web/env.js';
import { viewOf } from '../../../../web/view.js';
import type { Flow } from '../../../data.js';
import { currentFlow } from '../../../guard.js';
import { auditEmailTaken, checkEmailAddress, countAddress, emailProblemError } from '../../../steps/address.js';
import { typedEmail } from '../../../steps/email-entry.js';
import { accountOf, myIdChange } from '../machine.js';

const addressStep = myIdChange.url('email');

export function showNewMyId(c: Context<AppEnv>, status: 200 | 400 | 409, email?: string, errors: FieldError[] = [], action = myIdChange.base) {
  return c.html(<NewMyIdPage v={viewOf(c)} current={c.get('session')!.email} email={email} errors={errors} action={action} />, status);
}

/** The posted new My ID by the M3 rules and not the current one, or the form shown again with why not (nothing counted). */
async function readNewMyId(c: Context<AppEnv>, action: string): Promise<{ email: string } | { refused: Response }> {
  const t = c.get('t');
  const raw = typedEmail(c.get('form'));
  const checked = checkEmailAddress(raw);
  if ('problem' in checked) return { refused: await showNewMyId(c, 400, raw, [emailProblemError(t, checked.problem)], action) };
  if (checked.email === c.get('session')!.email) return { refused: await showNewMyId(c, 400, raw, [{ field: 'email', message: t('settings.errorEmailSame') }], action) };
  return { email: checked.email };
}

/** The flow at its address step takes a read address: counted (a spent budget ends the flow), refused when taken, else the code goes to it. */
async function submitNewMyId(c: Context<AppEnv>, flow: Flow, email: string): Promise<Response> {
  const deps = c.get('deps');
  const ended = await countAddress(c, flow, accountOf(flow));
  if (ended) return c.redirect(ended, 303);
  if (await deps.stores.settings.isMyIdTaken(email)) {
    await auditEmailTaken(c, email, { flow: 'my-id', step: 'email', flowId: flow.id });
    return showNewMyId(c, 409, typedEmail(c.get('form')), [{ field: 'email', message: c.get('t')('registration.errorEmailTaken') }], addressStep);
  }
  return c.redirect((await myIdChange.move(c, flow, 'email', 'EMAIL_ENTERED', { email })) ?? addressStep, 303);
}

export function addressSteps(app: Hono<AppEnv>): void {
  app.get('/', (c) => showNewMyId(c, 200));
  app.post('/', async (c) => {
    const read = await readNewMyId(c, myIdChange.base);
    if ('refused' in read) return read.refused;
    // SPEC S2: the flow starts at the address step with the first address, so every later one is counted in it
    const { flow } = await myIdChange.start(c, { accountId: c.get('session')!.accountId });
    return flow ? submitNewMyId(c, flow, read.email) : c.redirect(myIdChange.base, 303);
  });
  // back from the code step to correct the address: the one typed before is in the field
  app.get('/email', ...myIdChange.at('email'), (c) => showNewMyId(c, 200, currentFlow(c).email ?? undefined, [], addressStep));
  app.post('/email', ...myIdChange.at('email'), async (c) => {
    const read = await readNewMyId(c, addressStep);
    if ('refused' in read) return read.refused;
    return submitNewMyId(c, currentFlow(c), read.email);
  });
}
