// `npm run unlock -- ID --reason "…"` or `npm run unlock -- --card --reason "…"` (card number on standard input), SPEC O6:
// ends a sign-in (L5) or card-number (G1) lock and any running code lock (M6a, S1's day) of that holder, reopens a
// verification S1 closed, audits it and tells the holder.
import { createInterface } from 'node:readline/promises';
import { systemClock } from '../auth/clock.js';
import { cardLockKey, identifierHash } from '../auth/lockout.js';
import { maskEmail, normaliseDigits, normaliseIdentifier } from '../auth/normalise.js';
import { keyedHash } from '../auth/secrets.js';
import type { UnlockResult, UnlockTarget } from '../db/contract.js';
import { unlockNoticeMessage, type UnlockNotice } from '../notify/unlock-texts.js';
import { CommandError, loadSettings, openExistingDb, runCommand } from './command.js';

const USAGE = 'usage: npm run unlock -- ID --reason "why" | npm run unlock -- --card --reason "why" (card number on standard input)';

type Args = { id?: string; card: boolean; reason: string };

function parseArgs(argv: string[]): Args {
  let id: string | undefined;
  let card = false;
  let reason: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--card') card = true;
    else if (arg === '--reason') {
      reason = argv[++i];
      if (reason === undefined) throw new CommandError(`--reason needs a value\n${USAGE}`);
    } else if (arg.startsWith('--')) throw new CommandError(`unknown option ${arg}\n${USAGE}`);
    else if (id === undefined) id = arg;
    else throw new CommandError(`one ID at a time\n${USAGE}`);
  }
  if (card && id !== undefined) throw new CommandError('with --card the card number is read from standard input, never from the command line');
  if (!card && id === undefined) throw new CommandError(USAGE);
  if (reason === undefined || reason.trim() === '') throw new CommandError(`--reason is required: say why (e.g. "identity checked by phone, ticket 1234")\n${USAGE}`);
  if (reason.length > 500) throw new CommandError('--reason must be at most 500 characters');
  return { id, card, reason: reason.trim() };
}

/** The card number from standard input: a prompt when it is a terminal, else everything piped in. */
async function readCardNumber(): Promise<string> {
  if (process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return await rl.question('card number: ');
    } finally {
      rl.close();
    }
  }
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text;
}

export async function main(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  const args = parseArgs(argv);
  const config = loadSettings(env);
  const secret = config.SECRET;
  let digits = '';
  if (args.card) {
    digits = normaliseDigits(await readCardNumber());
    if (!/^\d{12,19}$/.test(digits)) throw new CommandError('the card number on standard input must be 12 to 19 digits (spaces and hyphens allowed)');
  }
  const db = await openExistingDb(config);
  try {
    const id = args.id === undefined ? '' : normaliseIdentifier(args.id);
    let target: UnlockTarget | undefined;
    let key: string;
    let what: UnlockNotice['what'];
    let shown: string;
    if (args.card) {
      const numberHash = keyedHash(secret, 'card', digits);
      target = await db.stores.unlock.findCardTarget(numberHash);
      // SPEC G1/S4: the card-number lock is counted under a key made from the card's keyed number hash
      key = cardLockKey(secret, numberHash);
      what = { kind: 'card', last4: digits.slice(-4) };
      shown = `card ending ${digits.slice(-4)}`;
    } else {
      target = id.includes('@') ? await db.stores.unlock.findMyIdTarget(id) : await db.stores.unlock.findLoginIdTarget(id);
      key = identifierHash(secret, id);
      what = { kind: 'id', id };
      shown = id.includes('@') ? `My ID ${id}` : `ID ${id}`;
    }
    if (!target) throw new CommandError(`${shown}: not known (nothing changed)`);
    const now = systemClock.now();
    const whatKind = args.card ? 'card' : id.includes('@') ? 'my_id' : 'login_id';
    const noticeTo = target.noticeTo;
    // SPEC S11/D1: the holder's notice is stored with the unlock; a running server's delivery worker sends it
    const outbox = (done: UnlockResult) =>
      noticeTo && (done.signInLockEnded || done.codeLocksEnded.length > 0 || done.verificationsReopened.length > 0)
        ? [unlockNoticeMessage({ to: noticeTo, what, codeLockEnded: done.codeLocksEnded.length > 0, verificationReopened: done.verificationsReopened.length > 0, at: now, brand: config.BRAND_NAME, supportPhone: config.SUPPORT_PHONE, supportHours: config.SUPPORT_HOURS })]
        : [];
    const result = await db.stores.unlock.unlock({ identifierHash: key, target, reason: args.reason, what: whatKind, now, maxFailuresPerDay: config.CODE_MAX_FAILURES_PER_DAY, outbox });
    const reopened = result.verificationsReopened;
    if (!result.signInLockEnded && result.codeLocksEnded.length === 0 && reopened.length === 0) {
      throw new CommandError(`${shown}: not locked, and no code lock of its holder is running (nothing changed)`);
    }
    if (result.signInLockEnded) console.log(`${shown}: ${args.card ? 'card-number lock (G1)' : 'sign-in lock (L5)'} ended`);
    for (const lock of result.codeLocksEnded) console.log(`${shown}: code lock ${lock} (${lock.endsWith('(day)') ? 'S1' : 'M6a'}) ended`);
    for (const closed of reopened) console.log(`${shown}: closed verification ${closed} (S1) reopened`);
    console.log(`audit: operator_unlock written with the reason`);
    if (noticeTo) console.log(`notice: to ${maskEmail(noticeTo)}, stored in the outbox (the server's delivery worker sends it)`);
    else console.log('notice: none sent, the holder has no email on record (call them back)');
    return 0;
  } finally {
    await db.close();
  }
}

await runCommand(import.meta.url, main);
