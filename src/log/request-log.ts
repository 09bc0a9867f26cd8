// SPEC O3: one JSON line per request — time, request id, method, path without its query, status and duration.
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import { healthPaths } from '../ops/health.js';
import { requestContext } from './events.js';

/** Gives every request an id of the portal's own making (never one a client sent), answers it as X-Request-Id, logs the request. */
export function logRequests(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const reqId = randomUUID();
    const started = performance.now();
    await requestContext.run({ reqId }, next);
    c.res.headers.set('X-Request-Id', reqId);
    const status = c.res.status;
    const line = { reqId, method: c.req.method, path: c.req.path, status, ms: Math.round((performance.now() - started) * 10) / 10 };
    // a load balancer's probes every few seconds would drown everything else: they are debug lines while they pass
    const probe = c.req.path === healthPaths.live || c.req.path === healthPaths.ready;
    if (probe && status < 500) logger.debug(line, 'request');
    else if (status >= 500) logger.error(line, 'request');
    else logger.info(line, 'request');
  };
}
