// The only reader of process.env: loadConfig → open the stores (SQLite, or PostgreSQL with DATABASE_URL) → seed → createApp → serve, and a graceful stop.
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import { realpathSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.js';
import { systemClock } from './auth/clock.js';
import { argon2Verifier } from './auth/password.js';
import { newCode } from './auth/secrets.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { describeDatabase, openDatabase } from './db/open.js';
import type { Deps } from './deps.js';
import { createLogger, type Logger } from './log/logger.js';
import { createDelivery } from './notify/delivery.js';
import { isLoopbackHost as isLoopback } from './notify/transports/loopback.js';
import { channelsWithoutTransport } from './notify/transports/settings.js';
import { schedulePruning } from './ops/prune.js';
import { paths } from './paths.js';
import { loadOrCreateSecret } from './secret-file.js';

/** How long a client may take (SPEC X4: a slow or idle client must not hold the server). */
export type ServerLimits = {
  /** whole request head received within this (slowloris) */
  headersTimeout: number;
  /** whole request, head and body, received within this (slow body) */
  requestTimeout: number;
  /** an idle keep-alive connection is closed after this */
  keepAliveTimeout: number;
  /** how often Node checks the two timeouts above */
  checkInterval: number;
  /** on SIGTERM, in-flight requests get this long before their connections are cut */
  shutdownGrace: number;
};

export const serverLimits: ServerLimits = {
  headersTimeout: 10_000,
  requestTimeout: 20_000,
  keepAliveTimeout: 5_000,
  checkInterval: 1_000,
  shutdownGrace: 10_000,
};

/** Serves fetch on port/host with the limits applied; resolves once listening. */
export function listen(
  fetch: (req: Request) => Response | Promise<Response>,
  opts: { port: number; hostname: string; limits?: ServerLimits },
): Promise<Server> {
  const limits = opts.limits ?? serverLimits;
  return new Promise((done, fail) => {
    const server = serve(
      {
        fetch,
        port: opts.port,
        hostname: opts.hostname,
        serverOptions: {
          headersTimeout: limits.headersTimeout,
          requestTimeout: limits.requestTimeout,
          keepAliveTimeout: limits.keepAliveTimeout,
          connectionsCheckingInterval: limits.checkInterval,
        },
      },
      () => done(server as Server),
    ) as Server;
    server.once('error', fail);
  });
}

/**
 * Graceful stop: refuse new connections, close idle keep-alive ones, let in-flight requests finish
 * (cutting them after `grace` ms), then run `closeResources` (the database). Resolves true if nothing was cut.
 */
export function stopGracefully(server: Server, grace: number, closeResources: () => unknown): Promise<boolean> {
  return new Promise((done) => {
    let cut = false;
    const deadline = setTimeout(() => {
      cut = true;
      server.closeAllConnections();
    }, grace);
    deadline.unref();
    server.close(() => {
      clearTimeout(deadline);
      // the stores' close may be async (a pool draining); the stop is reported once it has finished
      void Promise.resolve(closeResources()).then(() => done(!cut));
    });
    server.closeIdleConnections();
  });
}

/** SPEC O1, D2: say so at start-up while the portal runs as a demo, or sends nothing to members. */
function warnAtStart(config: Config, demoData: boolean, logger: Logger): void {
  if (demoData) logger.warn('Warning: demo environment: the database holds the demo data set, whose passwords are public (README "Demo data").');
  if (config.DEV_OUTBOX) logger.warn(`Warning: demo environment: every message sent, codes included, is shown at ${paths.outbox} (DEV_OUTBOX).`);
  if (config.DEV_OUTBOX && !isLoopback(config.HOST)) logger.warn(`Warning: HOST=${config.HOST} serves the demo outbox, and so every code, to the network.`);
  // SPEC D2: a production portal on the stand-in sends nothing to members; NOTIFY_STAND_IN=true said so on purpose
  const standIn = channelsWithoutTransport(config);
  if (config.production && standIn.length > 0) logger.warn(`Warning: NOTIFY_STAND_IN=true: ${standIn.join(', ')} messages go to the console, ${config.OUTBOX_FILE} and the outbox table, not to members.`);
}

/** Opens (and migrates) the database, or stops with one line: an unreachable PostgreSQL is an operator's problem, not a stack trace. */
async function openDatabaseOrExit(config: Config, logger: Logger) {
  try {
    return await openDatabase(config, (err) => logger.warn({ err: err.message }, 'database connection lost; the next query reconnects'));
  } catch (err) {
    console.error(`Cannot open the database ${describeDatabase(config)}: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  let config;
  try {
    const env = process.env;
    // SPEC Z2: the secret file is a one-machine convenience; with DATABASE_URL the setting is required (loadConfig says so)
    const secret = env.SECRET || env.DATABASE_URL ? undefined : loadOrCreateSecret(dirname(env.DATABASE_FILE?.trim() || 'data/app.db'));
    config = loadConfig(env, secret);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  // the one choice of store implementation (SPEC Z5): the flows see only the contract
  const db = await openDatabaseOrExit(config, logger);
  const deps: Deps = { config, stores: db.stores, clock: systemClock, newCode, passwords: argon2Verifier, logger };
  const { holdsDemoSet, seedDemo } = await import('./cli/seed-demo.js');
  // SPEC Z3: instances starting together over one database seed it once (the others find it seeded)
  if (config.SEED_DEMO) await db.exclusive('seed-demo', () => seedDemo(deps));
  const demoData = await holdsDemoSet(deps.stores);
  // SPEC O1: a production portal never serves the demo set, whose passwords the README publishes
  if (config.production && demoData) {
    console.error(`Refusing to start: ${describeDatabase(config)} holds the demo data set (its passwords are public); use a database without it when NODE_ENV=production`);
    process.exit(1);
  }
  warnAtStart(config, demoData, logger);
  const app = createApp({ ...deps, demoData });
  const server = await listen(app.fetch, { port: config.PORT, hostname: config.HOST });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  // SPEC O4: retention runs in the server too
  const pruning = schedulePruning(deps, logger);
  // SPEC D1: this process's delivery worker sends what the outbox holds, whichever instance stored it
  const delivery = await createDelivery(config, db.stores.outbox, systemClock, { logger, start: true });
  logger.info(`${config.BRAND_NAME} portal listening on http://localhost:${port} (HOST=${config.HOST}${isLoopback(config.HOST) ? ': this machine only' : ''})`);
  // the start-up lines are written now, not with the first batch of request lines
  logger.flush();

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: finishing requests in progress, then stopping`);
    pruning.stop();
    // a send in flight is settled before the database closes; one cut short is sent again after its lease (at least once)
    void stopGracefully(server, serverLimits.shutdownGrace, () => delivery.stop().then(() => db.close())).then((clean) => {
      logger.info(clean ? 'stopped' : 'stopped after cutting requests that outlived the grace period');
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

// Run only as the entry point (`tsx src/main.ts`), so tests can import listen/stopGracefully.
const realPath = (file: string) => {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
};
if (process.argv[1] && realPath(process.argv[1]) === realPath(fileURLToPath(import.meta.url))) void main();
