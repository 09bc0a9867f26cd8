// Issue 20: the before-only middleware run as one layer behave as Hono's layers did: in order, a step's answer ends the request,
// an async step is waited for, and a thrown error reaches the app's error handler.
import { Hono, type MiddlewareHandler } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../src/web/env.js';
import { inSequence } from '../../src/web/in-sequence.js';

function appWith(...steps: MiddlewareHandler<AppEnv>[]) {
  const seen: string[] = [];
  const app = new Hono<AppEnv>()
    .use(inSequence(...steps.map((step, i): MiddlewareHandler<AppEnv> => (c, next) => (seen.push(`step ${i}`), step(c, next)))))
    .get('/', (c) => (seen.push('handler'), c.text('page')));
  app.onError((err, c) => c.text(`error: ${err.message}`, 500));
  return { app, seen };
}

const goOn: MiddlewareHandler<AppEnv> = (_c, next) => next();

describe('inSequence', () => {
  it('runs every step in order, then the handler', async () => {
    const { app, seen } = appWith(goOn, async (_c, next) => {
      await new Promise((r) => setTimeout(r, 5));
      await next();
    }, goOn);
    expect(await (await app.request('/')).text()).toBe('page');
    expect(seen).toEqual(['step 0', 'step 1', 'step 2', 'handler']);
  });

  it('a step that answers ends the request with its answer: later steps and the handler do not run', async () => {
    const { app, seen } = appWith(goOn, async (c) => c.text('refused', 403), goOn);
    const res = await app.request('/');
    expect([res.status, await res.text()]).toEqual([403, 'refused']);
    expect(seen).toEqual(['step 0', 'step 1']);
  });

  it('an error thrown by a step, at once or later, reaches the app error handler', async () => {
    for (const step of [
      (() => {
        throw new Error('at once');
      }) as MiddlewareHandler<AppEnv>,
      (async () => {
        await new Promise((r) => setTimeout(r, 1));
        throw new Error('later');
      }) as MiddlewareHandler<AppEnv>,
    ]) {
      const { app, seen } = appWith(goOn, step, goOn);
      const res = await app.request('/');
      expect(res.status).toBe(500);
      expect(await res.text()).toMatch(/^error: (at once|later)$/);
      expect(seen).not.toContain('handler');
    }
  });

  it('a step that answers after calling next breaks the contract: an error, not a silently dropped answer', async () => {
    const { app, seen } = appWith(goOn, async (c, next) => {
      await next();
      return c.text('too late', 403);
    });
    const res = await app.request('/');
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('error: a step in sequence answered after calling next');
    expect(seen).not.toContain('handler');
  });
});
