// What a thrown error becomes: the styled 403/413/503 pages it stands for, and a logged 500 for anything else (SPEC X4).
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { HashQueueFullError } from '../auth/password.js';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import type { Logger } from '../log/logger.js';
import type { AppEnv } from './env.js';
import { errorResponse } from './errors.js';

const RETRY_AFTER_SECONDS = 5;

export function answerError(logger: Logger) {
  return (err: Error, c: Context<AppEnv>) => {
    if (err instanceof HTTPException && err.status === 403) return errorResponse(c, 403);
    if (err instanceof HTTPException && err.status === 413) return errorResponse(c, 413);
    // SPEC S6: too many hashes waiting in this process — come back in a few seconds; nothing was counted
    if (err instanceof HashQueueFullError) {
      c.header('Retry-After', String(RETRY_AFTER_SECONDS));
      return errorResponse(c, 503);
    }
    // SPEC Z3/X4: the database is away (PostgreSQL restarting, a connection cut): a styled 503, try again shortly
    if (isDatabaseUnavailable(err)) {
      logger.warn({ err: err.message, method: c.req.method, path: c.req.path }, 'database unavailable');
      c.header('Retry-After', String(RETRY_AFTER_SECONDS));
      return errorResponse(c, 503);
    }
    logger.error({ err, method: c.req.method, path: c.req.path }, 'request failed');
    return errorResponse(c, 500);
  };
}
