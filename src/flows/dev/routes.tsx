// The demo outbox page; mounted only when DEV_OUTBOX is on. It reads the outbox table, so it lists every instance's messages (SPEC D5).
import { Hono } from 'hono';
import { OutboxPage } from '../../../views/pages/dev/OutboxPage.js';
import { paths } from '../../paths.js';
import type { AppEnv } from '../../web/env.js';
import { viewOf } from '../../web/view.js';

export const devRoutes = new Hono<AppEnv>().get(paths.outbox, async (c) => {
  const entries = await c.get('deps').stores.outbox.list(100);
  return c.html(<OutboxPage v={viewOf(c)} entries={entries} />);
});
