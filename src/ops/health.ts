// SPEC O2: liveness and readiness — the process serves; the database answers and every migration it ships is applied.
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { Hono } from 'hono';
import { migrationsFolder } from '../db/client.js';
import { readDatabaseHealth } from '../db/stores/health.js';
import type { Deps } from '../deps.js';

export const healthPaths = { live: '/healthz', ready: '/readyz' } as const;

let shipped: string[] | undefined;
/** The hashes of the migrations this build ships, read once. */
const shippedMigrations = () => (shipped ??= readMigrationFiles({ migrationsFolder }).map((m) => m.hash));

export type Readiness = { ready: true } | { ready: false; problem: string };

export async function checkReadiness(deps: Pick<Deps, 'db'>): Promise<Readiness> {
  const health = await readDatabaseHealth(deps.db);
  if (!health.ok) return { ready: false, problem: `database: ${health.problem}` };
  const applied = new Set(health.appliedHashes);
  const missing = shippedMigrations().filter((h) => !applied.has(h)).length;
  return missing === 0 ? { ready: true } : { ready: false, problem: `${missing} migration(s) not applied` };
}

/** Plain-text answers with no cookie, no token and no session: mounted before those middlewares. */
export function healthRoutes(deps: Pick<Deps, 'db' | 'logger'>) {
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
