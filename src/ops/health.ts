// SPEC O2: liveness and readiness — the process serves; the database answers and every migration it ships is applied.
import { Hono } from 'hono';
import type { Readiness } from '../db/contract.js';
import type { Deps } from '../deps.js';

export const healthPaths = { live: '/healthz', ready: '/readyz' } as const;

export type { Readiness } from '../db/contract.js';

export async function checkReadiness(deps: Pick<Deps, 'stores'>): Promise<Readiness> {
  return deps.stores.health.readiness();
}

/** Plain-text answers with no cookie, no token and no session: mounted before those middlewares. */
export function healthRoutes(deps: Pick<Deps, 'stores' | 'logger'>) {
  return new Hono()
    .get(healthPaths.live, (c) => c.text('ok'))
    .get(healthPaths.ready, async (c) => {
      const readiness = await checkReadiness(deps);
      if (readiness.ready) return c.text('ready');
      // the reason goes to the log, not to whoever asked
      deps.logger?.warn({ problem: readiness.problem }, 'not ready');
      return c.text('not ready', 503);
    });
}
