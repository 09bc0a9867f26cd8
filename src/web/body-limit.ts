// SPEC X4: a request body over the limit gets the styled 413, before anything reads it.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './env.js';

/**
 * A body with a Content-Length is judged by the header alone, without touching the request's body: @hono/node-server then reads
 * it straight from the socket when the form is read (issue 20: no web stream, no Request object built for it). A chunked body,
 * or one without a length (app.request() in tests), goes through hono/body-limit, which counts its bytes as they come.
 * GET and HEAD carry no body: they pass untouched.
 */
export function limitBody(maxSize: number, onError: (c: Context<AppEnv>) => Response | Promise<Response>): MiddlewareHandler<AppEnv> {
  const counted = bodyLimit({ maxSize, onError });
  return (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return counted(c, next);
    return parseInt(length, 10) > maxSize ? Promise.resolve(onError(c)) : next();
  };
}
