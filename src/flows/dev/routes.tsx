// The demo outbox page; mounted only when DEV_OUTBOX is on.
import { Hono } from 'hono';
import { OutboxPage } from '../../../views/pages/dev/OutboxPage.js';
import { readOutbox } from '../../notify/notifier.js';
import { paths } from '../../paths.js';
import type { AppEnv } from '../../web/env.js';
import { viewOf } from '../../web/view.js';

export const devRoutes = new Hono<AppEnv>().get(paths.outbox, (c) => {
  return c.html(<OutboxPage v={viewOf(c)} entries={readOutbox(c.get('deps').config.OUTBOX_FILE).slice(0, 100)} />);
});
