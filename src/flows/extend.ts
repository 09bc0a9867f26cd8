// SPEC X6 / WCAG 2.2.1 for flows: the one POST that gives the browser's live flow its full FLOW_TTL_SECONDS again and returns
// to the page it came from; an ended or expired flow cannot be extended and goes back to sign-in like any expired flow.
import { Hono } from 'hono';
import * as v from 'valibot';
import { paths, safeReturnPath } from '../paths.js';
import type { AppEnv } from '../web/env.js';
import type { AnyFlow } from './flow.js';
import { dropFlowCookie, liveFlow } from './guard.js';
import { migration } from './migration/machine.js';
import { registration } from './registration/machine.js';
import { reset } from './reset/machine.js';
import { myIdChange } from './settings/my-id/machine.js';

const ExtendForm = v.object({ back: v.optional(v.string(), '') });
const flows: AnyFlow[] = [migration, reset, registration, myIdChange];

export const flowTimeRoutes = new Hono<AppEnv>().post(paths.extendFlow, async (c) => {
  const deps = c.get('deps');
  const flow = await liveFlow(c);
  // the deadline never goes past now + FLOW_TTL_SECONDS (SPEC X6)
  if (!flow || flow.step === 'done' || !(await deps.stores.flows.extend(flow.id, deps.clock.now(), deps.config.FLOW_TTL_SECONDS * 1000))) {
    dropFlowCookie(c);
    return c.redirect(`${paths.signIn}?flow=expired`, 303);
  }
  const form = v.safeParse(ExtendForm, c.get('form'));
  const back = form.success ? safeReturnPath(form.output.back) : undefined;
  const here = flows.find((f) => f.kind === flow.kind)?.url(flow.step) ?? paths.signIn;
  return c.redirect(back ?? here, 303);
});
