// SPEC M8, X4: the real server killed with SIGKILL at random moments while members migrate, create new My IDs and sign in;
// after every kill the database is intact, every completion a client saw is whole, and no half-done one is visible.
import { describe, expect, it, onTestFinished } from 'vitest';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COLUMNS } from '../../src/cli/import-rows.js';
import { hashPassword } from '../../src/auth/password.js';
import { dataDir, freePort, ROOT, sleep, startPortal, TSX, type Portal } from '../support/portal-process.js';
import { serverClient, codeFor, expectStep, JourneyError } from './support/journeys.js';
import { withLuhnDigit } from '../helpers/fixtures.js';
import { openTestDatabase } from '../helpers/stores.js';

const KILLS = Number(process.env.CRASH_KILLS ?? 12);
const WORKERS = 4;
const HOLDERS = 600;
const BIRTHDATE = '1984-06-07';
const PASSWORD = 'Kawa!Nagare77';

/** How a holder moves to a My ID: a new My ID from card details (G), or a migration keeping the card email or choosing a new one (M). */
type Path = 'register' | 'migrateKeep' | 'migrateNew';
type Holder = { key: string; cards: string[]; phone: string; legacyId: string; cardEmail: string; newEmail: string; path: Path; myId: string };

const PATHS: Path[] = ['register', 'migrateKeep', 'migrateNew'];
const holders: Holder[] = Array.from({ length: HOLDERS }, (_, i) => {
  const path = PATHS[i % 3];
  const h = {
    key: `crash-${i}`,
    cards: [withLuhnDigit(`4980777${String(i).padStart(8, '0')}`), withLuhnDigit(`4980778${String(i).padStart(8, '0')}`)],
    phone: `0907${String(i).padStart(7, '0')}`,
    legacyId: `crash-legacy-${i}`,
    cardEmail: `card${i}@example.jp`,
    newEmail: `crash${i}@example.jp`,
    path,
  };
  return { ...h, myId: path === 'migrateKeep' ? h.cardEmail : h.newEmail };
});

/** The CSV for `npm run import`; legacy passwords as one precomputed Argon2id hash (stored verbatim), so 600 rows import in a moment. */
function csv(legacyHash: string): string {
  const rows = holders.flatMap((h, i) =>
    h.cards.map((card, n) => {
      const row: Record<string, string> = {
        holder_key: h.key, name: '山田 太郎', name_kana: 'ヤマダ タロウ', name_roman: 'TARO YAMADA', birthdate: BIRTHDATE, card_number: card,
        card_name: n === 0 ? 'クラシックカード' : 'ETCカード', email: h.cardEmail, phones: h.phone,
        legacy_id: n === 0 ? h.legacyId : '', legacy_password: n === 0 ? `"${legacyHash}"` : '', initial_id: '', initial_password: '', my_id: '', my_password: '',
        payment_date: '2026-12-10', confirmed_amount: '1000', points: '5',
      };
      return COLUMNS.map((c) => row[c]).join(',');
    }),
  );
  return [COLUMNS.join(','), ...rows].join('\n') + '\n';
}

/** Called just before a completing POST; on targeted rounds it schedules the kill a few milliseconds later, inside the completion. */
let completing: () => void = () => {};

/** SPEC G1–G3 for one holder: card + birth date, SMS code, terms, new email, email code, password. Returns true once the done page was reached. */
async function register(p: Portal, outbox: string, h: Holder): Promise<boolean> {
  const c = serverClient(p.url);
  await c.get('/register');
  let t = Date.now();
  expectStep(await c.post('/register', { card: h.cards[0], birthdate: BIRTHDATE }), '/register/phone', 'identify');
  expectStep(await c.post('/register/phone', { code: await codeFor(outbox, h.phone, t) }), '/register/terms', 'phone code');
  expectStep(await c.post('/register/terms', {}), '/register/email', 'terms');
  t = Date.now();
  expectStep(await c.post('/register/email', { email: h.newEmail }), '/register/email-code', 'email');
  expectStep(await c.post('/register/email-code', { code: await codeFor(outbox, h.newEmail, t) }), '/register/password', 'email code');
  completing();
  expectStep(await c.post('/register/password', { password: PASSWORD, confirm: PASSWORD }), '/register/done', 'password');
  return true;
}

/** SPEC L3, M1–M8: legacy ID sign-in, terms, keep the card email (M2 はい) or enter a new one (M3–M5), SMS code, password. */
async function migrate(p: Portal, outbox: string, h: Holder): Promise<boolean> {
  const c = serverClient(p.url);
  await c.get('/login');
  expectStep(await c.post('/login', { id: h.legacyId, password: 'legacy-pass-1' }), '/migration/terms', 'legacy sign-in');
  expectStep(await c.post('/migration/terms', {}), '/migration/email-choice', 'terms');
  if (h.path === 'migrateKeep') {
    expectStep(await c.post('/migration/email-choice', { choice: 'yes' }), '/migration/phone', 'keep email');
  } else {
    expectStep(await c.post('/migration/email-choice', { choice: 'no' }), '/migration/new-email', 'other email');
    const t = Date.now();
    expectStep(await c.post('/migration/new-email', { email: h.newEmail }), '/migration/email-code', 'new email');
    expectStep(await c.post('/migration/email-code', { code: await codeFor(outbox, h.newEmail, t) }), '/migration/confirm-email', 'email code');
    expectStep(await c.post('/migration/confirm-email', {}), '/migration/phone', 'confirm email');
  }
  const t = Date.now();
  await c.get('/migration/phone'); // SPEC M6 ⑦-1: the SMS goes on arrival
  expectStep(await c.post('/migration/phone', { code: await codeFor(outbox, h.phone, t) }), '/migration/password', 'phone code');
  completing();
  expectStep(await c.post('/migration/password', { password: PASSWORD, confirm: PASSWORD }), '/migration/done', 'password');
  return true;
}

/** Sign-ins that keep the session, sign-in-attempt and audit tables busy: right ones for done members, wrong ones for others. */
async function signIn(p: Portal, id: string, password: string): Promise<number> {
  const c = serverClient(p.url);
  await c.get('/login');
  return (await c.post('/login', { id, password })).status;
}

const networkError = (e: unknown) => !(e instanceof JourneyError);

type Check = { integrity: string; problems: string[]; whole: number; untouched: number };

/** Opens the database the dead server left behind and checks it. */
async function checkDatabase(file: string, completed: Set<string>): Promise<Check> {
  const db = openTestDatabase(file);
  try {
    const integrity = await db.inspect.integrity();
    const problems: string[] = [];
    const fk = await db.inspect.brokenForeignKeys();
    if (fk > 0) problems.push(`${fk} broken foreign keys`);
    let whole = 0;
    let untouched = 0;
    const [holderRows, accountRows, cardRows, linkRows, credentialRows] = await Promise.all([
      db.inspect.rows('holder'),
      db.inspect.rows('account'),
      db.inspect.rows('card'),
      db.inspect.rows('account_card'),
      db.inspect.rows('credential'),
    ]);
    const cardEmail = new Map(cardRows.map((r) => [r.id, r.email]));
    const accountOfCard = new Map(linkRows.map((l) => [l.cardId, l.accountId]));
    const cardsOf = (holderId: number) =>
      cardRows
        .filter((c) => c.holderId === holderId)
        .sort((a, b) => a.id - b.id)
        .map((c) => ({ id: c.id, accountId: accountOfCard.get(c.id) ?? null }));
    for (const h of holders) {
      const holder = holderRows.find((r) => r.holderKey === h.key);
      if (!holder) {
        problems.push(`${h.key}: holder missing`);
        continue;
      }
      const accounts = accountRows.filter((a) => a.holderId === holder.id && a.closedAt === null);
      const cards = cardsOf(holder.id);
      const cardIds = new Set(cardRows.filter((c) => c.holderId === holder.id).map((c) => c.id));
      const credentials = credentialRows.filter((cr) => cardIds.has(cr.cardId));
      if (accounts.length === 0) {
        // nothing of a migration may be visible: no link, no retired ID
        if (cards.some((c) => c.accountId !== null)) problems.push(`${h.key}: a card is linked but there is no account`);
        if (credentials.some((c) => c.retiredAt !== null)) problems.push(`${h.key}: a legacy ID is retired but there is no account`);
        if (completed.has(h.key)) problems.push(`${h.key}: the client saw the done page but the account is gone`);
        untouched++;
        continue;
      }
      if (accounts.length > 1) problems.push(`${h.key}: ${accounts.length} open accounts`);
      const [account] = accounts;
      if (account.email !== h.myId) problems.push(`${h.key}: account email ${account.email}, expected ${h.myId}`);
      // SPEC M8 / G3: every card of the holder (both carry the same registered email) linked, their IDs retired
      if (cards.some((c) => c.accountId !== account.id)) problems.push(`${h.key}: not every card is linked to the account`);
      if (credentials.some((c) => c.retiredAt === null)) problems.push(`${h.key}: a legacy ID is still usable after completion`);
      // SPEC M8: a new email chosen in the migration becomes the card's registered email too
      if (h.path === 'migrateNew' && cards[0] && cardEmail.get(cards[0].id) !== h.newEmail) problems.push(`${h.key}: card email ${cardEmail.get(cards[0].id)} after choosing ${h.newEmail}`);
      whole++;
    }
    return { integrity, problems, whole, untouched };
  } finally {
    await db.close();
  }
}

describe('SIGKILL at random moments', () => {
  it(`survives ${KILLS} kills mid-traffic: integrity ok, every completion whole, nothing half-done`, async () => {
    const dir = dataDir('portal-crash-');
    let running: Portal | undefined;
    onTestFinished(() => {
      if (running && running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL'); // a failed or timed-out run leaves no server behind
      rmSync(dir, { recursive: true, force: true });
    });
    const dbFile = join(dir, 'app.db');
    const outbox = dbFile;
    const env = { IP_MAX_FAILURES: '1000000', CODE_RESEND_SECONDS: '0' };
    writeFileSync(join(dir, 'holders.csv'), csv(await hashPassword('legacy-pass-1')));
    const imported = spawnSync(process.execPath, [TSX, 'src/cli/import.ts', join(dir, 'holders.csv')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: dir, DATABASE_FILE: dbFile },
      encoding: 'utf8',
    });
    expect(imported.status, imported.stderr).toBe(0);

    const completed = new Set<string>();
    const done: Holder[] = [];
    let next = 0;
    let interrupted = 0;
    let signIns = 0;
    const journeyFailures: string[] = [];
    const log: string[] = [];
    let lastWhole = 0;

    for (let round = 0; round < KILLS; round++) {
      const port = await freePort();
      const portal = await startPortal(dir, port, env);
      running = portal;
      let dead = false;
      const worker = async () => {
        while (!dead) {
          const h = holders[next++];
          if (!h) throw new Error(`all ${HOLDERS} holders used up: raise HOLDERS`);
          try {
            if (await (h.path === 'register' ? register(portal, outbox, h) : migrate(portal, outbox, h))) {
              completed.add(h.key);
              done.push(h);
            }
          } catch (e) {
            if (networkError(e)) interrupted++;
            else if (!dead) journeyFailures.push(`${h.key}: ${(e as Error).message}`);
          }
          try {
            const member = done[Math.floor(Math.random() * done.length)];
            if (member && (await signIn(portal, member.myId, PASSWORD)) === 303) signIns++;
            await signIn(portal, `nobody-${round}@example.jp`, 'wrong-password');
          } catch {
            /* the kill */
          }
        }
      };
      // even rounds: a random moment; odd rounds: 0–60 ms after a completing POST was sent (Argon2 + the transaction)
      const targeted = round % 2 === 1;
      let fire: () => void = () => {};
      const killed = new Promise<void>((r) => (fire = r));
      completing = targeted ? () => void setTimeout(fire, Math.random() * 60) : () => {};
      const workers = Array.from({ length: WORKERS }, worker);
      await Promise.race([killed, sleep(targeted ? 10_000 : 300 + Math.random() * 2_700)]);
      completing = () => {};
      dead = true;
      portal.child.kill('SIGKILL');
      const exit = await portal.exited;
      expect(exit.signal).toBe('SIGKILL');
      await Promise.all(workers);
      const check = await checkDatabase(dbFile, completed);
      log.push(`kill ${round + 1} (${targeted ? 'during a completion' : 'random moment'}): ${check.whole} whole, ${check.untouched} untouched, ${completed.size} seen done`);
      lastWhole = check.whole;
      expect(check.integrity).toBe('ok');
      expect(check.problems).toEqual([]);
      expect(check.whole).toBeGreaterThanOrEqual(completed.size); // some may have committed with the answer lost
    }

    // after the last kill: a clean start, and the members whose completion was answered can sign in
    const portal = await startPortal(dir, await freePort(), env);
    running = portal;
    try {
      for (const h of done.slice(-6)) expect(await signIn(portal, h.myId, PASSWORD)).toBe(303);
    } finally {
      portal.child.kill('SIGTERM');
      await portal.exited;
    }
    const byPath = PATHS.map((path) => `${path} ${done.filter((h) => h.path === path).length}`).join(', ');
    console.log(`crash test: ${KILLS} kills survived; ${completed.size} completions answered (${byPath}), ${interrupted} journeys cut by a kill, ${signIns} right sign-ins\n  ${log.join('\n  ')}`);
    expect(journeyFailures).toEqual([]);
    expect(lastWhole).toBeGreaterThan(0); // completions did happen between the kills
  }, 240_000);
});
