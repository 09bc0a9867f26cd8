// What the app is composed of: built once in main.ts (or a test) and handed to createApp. The stores are the
// database seen through its contract (src/db/contract.ts); which implementation is underneath is main.ts's choice.
import type { Clock } from './auth/clock.js';
import type { PasswordVerifier } from './auth/password.js';
import type { Config } from './config.js';
import type { Stores } from './db/contract.js';
import type { Logger } from './log/logger.js';
import type { Notifier } from './notify/notifier.js';

export type Deps = {
  config: Config;
  stores: Stores;
  /** Unused since SPEC D1 (store methods store their messages, the delivery worker sends them); only bench/ still passes one. */
  notifier?: Notifier;
  clock: Clock;
  /** SPEC M6a: where verification codes come from (secrets.newCode, a CSPRNG; tests inject a sequence). */
  newCode: () => string;
  /** SPEC L6: where sign-in and the current-password prompt verify passwords (password.argon2Verifier; tests count the calls). */
  passwords: PasswordVerifier;
  /** SPEC O1: the database holds the demo data set, whose passwords are public (checked at start-up). */
  demoData?: boolean;
  /** SPEC O3: where request and security-event lines go; silent when not given. */
  logger?: Logger;
};
