// What the app is composed of: built once in main.ts (or a test) and handed to createApp.
import type { Clock } from './auth/clock.js';
import type { Config } from './config.js';
import type { Db } from './db/sqlite/client.js';
import type { Notifier } from './notify/notifier.js';

export type Deps = { config: Config; db: Db; notifier: Notifier; clock: Clock };
