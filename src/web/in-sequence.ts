// Issue 20: the middleware that only work before the handler, run as one layer instead of one each. Hono's compose costs each
// layer an async dispatch and an await, and under the request log's AsyncLocalStorage every promise is hooked as well.
import type { MiddlewareHandler, Next } from 'hono';
import type { AppEnv } from './env.js';

const GO_ON: Promise<void> = Promise.resolve();

/**
 * Runs each step in turn; a step that answers instead of calling next ends the request with its answer. A step must do nothing
 * after its next (here next returns at once, before the handler has run), and one that answers after it is an error: steps
 * written `...; return next()` cost no promise.
 */
export function inSequence(...steps: MiddlewareHandler<AppEnv>[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    for (const step of steps) {
      let goingOn = false;
      const goOn: Next = () => ((goingOn = true), GO_ON);
      const answer = step(c, goOn);
      if (answer === GO_ON) continue;
      const settled = await answer;
      if (!goingOn) return settled;
      // the contract broken (an upgrade of a library middleware, say): fail loudly rather than drop its answer
      if (settled) throw new Error('a step in sequence answered after calling next');
    }
    return next();
  };
}
