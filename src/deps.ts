// What the app is composed of: built once in main.ts (or a test) and handed to createApp.
import type { Clock } from './auth/clock.js';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import type { Logger } from './log/logger.js';
import type { Notifier } from './notify/notifier.js';

export type Deps = {
  config: Config;
  db: Db;
  notifier: Notifier;
  clock: Clock;
  /** SPEC O1: the database holds the demo data set, whose passwords are public (checked at start-up). */
  demoData?: boolean;
  /** SPEC O3: where request and security-event lines go; silent when not given. */
  logger?: Logger;
};
