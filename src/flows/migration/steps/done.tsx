// ⑨ M8: registration complete, what the member can do now, and sign-in with the new My ID filled in.
import type { Hono } from 'hono';
import { MigrationDonePage } from '../../../../views/pages/migration/MigrationDonePage.js';
import type { AppEnv } from '../../../web/env.js';
import { viewOf } from '../../../web/view.js';
import { currentFlow } from '../../guard.js';
import { migration } from '../machine.js';

export function doneStep(app: Hono<AppEnv>): void {
  app.get('/done', ...migration.at('done'), (c) => {
    const flow = currentFlow(c);
    return c.html(<MigrationDonePage v={viewOf(c)} email={flow.email ?? ''} committed={flow.data.committed} step={migration.stepOf(flow)} />);
  });
}
