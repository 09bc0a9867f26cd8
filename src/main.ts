// The only reader of process.env: loadConfig → openDb → seed → createApp → serve, and a graceful stop.
import { serve } from '@hono/node-server';
import { dirname } from 'node:path';
import { createApp } from './app.js';
import { systemClock } from './auth/clock.js';
import { ConfigError, loadConfig } from './config.js';
import { openDb } from './db/client.js';
import type { Deps } from './deps.js';
import { createOutboxNotifier } from './notify/notifier.js';
import { loadOrCreateSecret } from './secret-file.js';

async function main(): Promise<void> {
  let config;
  try {
    const env = process.env;
    const secret = env.SECRET ? undefined : loadOrCreateSecret(dirname(env.DATABASE_FILE?.trim() || 'data/app.db'));
    config = loadConfig(env, secret);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const db = openDb(config.DATABASE_FILE);
  const deps: Deps = { config, db, clock: systemClock, notifier: createOutboxNotifier(config.OUTBOX_FILE, systemClock) };
  if (config.SEED_DEMO) {
    const { seedDemo } = await import('./cli/seed-demo.js');
    await seedDemo(deps);
  }
  const app = createApp(deps);
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    console.log(`${config.BRAND_NAME} portal listening on http://localhost:${info.port}`);
  });
  const stop = () => {
    server.close(() => {
      db.$client.close();
      process.exit(0);
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
