// The cancel action every flow shares (SPEC M1: キャンセル / いいえ / ログインへ戻る anywhere ends the flow): POST `{base}/cancel`.
import type { Hono } from 'hono';
import type { AppEnv } from '../../web/env.js';
import type { AnyFlow } from '../flow.js';
import { currentFlow } from '../guard.js';

export function cancelAction(app: Hono<AppEnv>, flow: AnyFlow): void {
  app.post('/cancel', ...flow.loaded(), async (c) => {
    await flow.end(c, currentFlow(c));
    return c.redirect(flow.cancelledTo, 303);
  });
}
