// The one guard every flow shares: find the flow from its cookie, refuse an expired or unknown one, refuse skipped steps.
import type { Context, MiddlewareHandler } from 'hono';
import { keyedHash, newToken } from '../auth/secrets.js';
import type { Deps } from '../deps.js';
import type { NewFlow } from '../db/contract.js';
import { readFlow, type Flow } from './data.js';
import { paths } from '../paths.js';
import { clearCookie, readCookie, writeCookie } from '../web/cookies.js';
import type { AppEnv } from '../web/env.js';

const hashFlowToken = (deps: Deps, token: string) => keyedHash(deps.config.SECRET, 'flow', token);

/** Starts a flow for this browser (replacing any other it was in) and sets its cookie. */
export async function startFlow(c: Context<AppEnv>, flow: NewFlow): Promise<number> {
  const deps = c.get('deps');
  const token = newToken();
  const id = await deps.stores.flows.insert(hashFlowToken(deps, token), flow, deps.clock.now(), deps.config.FLOW_TTL_SECONDS * 1000);
  writeCookie(c, 'flow', token);
  return id;
}

/**
 * SPEC S3: starts a migration flow for a legacy/initial ID within its daily budget (the count and the insert are one
 * unit of work); the cookie is set only when the flow started.
 */
export async function startMigrationFlow(
  c: Context<AppEnv>,
  flow: NewFlow & { credentialId: number },
  identifierHash: string,
): Promise<{ ok: true; flowId: number } | { error: 'budget'; retryAt: number }> {
  const deps = c.get('deps');
  const token = newToken();
  const { config, clock } = deps;
  const started = await deps.stores.migration.start({
    tokenHash: hashFlowToken(deps, token),
    flow,
    now: clock.now(),
    ttlMs: config.FLOW_TTL_SECONDS * 1000,
    maxPerDay: config.MIGRATION_STARTS_PER_DAY,
    identifierHash,
    address: c.get('address'),
  });
  if ('ok' in started) writeCookie(c, 'flow', token);
  return started;
}

/** Forgets the flow cookie (after completion or cancel). */
export function dropFlowCookie(c: Context<AppEnv>): void {
  clearCookie(c, 'flow');
}

/** Where a flow's step lives: `/migration/email`. */
export function stepUrl(base: string, step: string): string {
  return `${base}/${step}`;
}

/**
 * Loads the browser's live flow of this kind; otherwise back to sign-in with the "expired" message (SPEC §3), or to `endedTo`
 * when the flow is this browser's and has ended (completed or cancelled).
 */
export function loadFlow(kind: string, endedTo?: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const deps = c.get('deps');
    const token = readCookie(c, 'flow');
    const row = token ? await deps.stores.flows.find(hashFlowToken(deps, token)) : undefined;
    // the data is read by its schema: a row it cannot read is as dead as an expired one
    const flow = row && readFlow(row);
    const mine = flow?.kind === kind ? flow : undefined;
    if (!mine || mine.endedAt !== null || mine.expiresAt <= deps.clock.now()) {
      if (token) dropFlowCookie(c);
      return c.redirect(mine?.endedAt != null && endedTo ? endedTo : `${paths.signIn}?flow=expired`, 303);
    }
    c.set('flow', mine);
    await next();
  };
}

/**
 * Issue 19: the My ID of this browser's flow that has just completed (its done page is showing), so the sign-in page
 * can fill it in without the address ever being put in a URL (proxy logs, history).
 */
export async function completedFlowEmail(c: Context<AppEnv>): Promise<string | undefined> {
  const flow = await liveFlow(c);
  return flow?.step === 'done' ? (flow.email ?? undefined) : undefined;
}

/** The browser's flow of any kind while it lives (not ended, not expired, its data readable); else undefined. */
export async function liveFlow(c: Context<AppEnv>): Promise<Flow | undefined> {
  const deps = c.get('deps');
  const token = readCookie(c, 'flow');
  const row = token ? await deps.stores.flows.find(hashFlowToken(deps, token)) : undefined;
  const flow = row && readFlow(row);
  return flow && flow.endedAt === null && flow.expiresAt > deps.clock.now() ? flow : undefined;
}

/** A step handler only runs when the flow is at that step; a GET or POST of any other step goes to the current one. */
export function atStep(base: string, step: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const flow = currentFlow(c);
    if (flow.step !== step) return c.redirect(stepUrl(base, flow.step), 303);
    await next();
  };
}

/** The flow set by loadFlow. */
export function currentFlow(c: Context<AppEnv>): Flow {
  const flow = c.get('flow');
  if (!flow) throw new Error('currentFlow used outside loadFlow');
  return flow;
}
