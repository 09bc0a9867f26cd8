// SPEC O7: the migration progress report's numbers, computed from the database and the audit log.
import type { Stores } from '../db/contract.js';
import { migrationSteps, type MigrationStep } from '../flows/migration/machine.js';

const MIGRATION = 'migration';
import { flowOutcome } from '../ops/prune.js';
import { japanDay } from '../i18n/japan-time.js';

const DAY_MS = 86_400_000;
/** The audit events charted per day. */
export const DAILY_EVENTS = ['migration_completed', 'sign_in_locked', 'code_locked', 'delivery_failed'] as const;
/** Audit events that are a refusal of what someone tried. */
const REFUSALS = new Set(['sign_in_failed', 'sign_in_throttled', 'code_failed', 'code_locked', 'code_send_refused', 'email_taken', 'delivery_failed']);

export type FunnelRow = { step: MigrationStep; number: number; cancelled: number; expired: number; inProgress: number };
export type DayRow = { day: string; completed: number; signInLocks: number; codeLocks: number };

export type Report = {
  generatedAt: number;
  firstDay: string;
  lastDay: string;
  holders: number;
  cards: number;
  migratedHolders: number;
  migratedCards: number;
  flows: { started: number; completed: number; cancelled: number; expired: number; inProgress: number };
  funnel: FunnelRow[];
  days: DayRow[];
  totals: { completed: number; signInLocks: number; codeLocks: number; deliveryFailures: number };
  refusals: { key: string; n: number }[];
};

/** The last `days` days up to `now`, oldest first, in Japan time. */
function dayRange(now: number, days: number): string[] {
  return Array.from({ length: days }, (_, i) => japanDay(now - (days - 1 - i) * DAY_MS));
}

export async function buildReport(stores: Pick<Stores, 'report'>, now: number, days: number): Promise<Report> {
  const data = await stores.report.readReportData({ flowKind: MIGRATION, dailyEvents: [...DAILY_EVENTS], now });
  // the table lists the steps in the order of the guide's screens: the funnel numbers them so
  const steps = (Object.keys(migrationSteps) as MigrationStep[]).filter((s) => s !== 'done');
  const funnel: FunnelRow[] = steps.map((step, i) => ({ step, number: i + 1, cancelled: 0, expired: 0, inProgress: 0 }));
  const flows = { started: 0, completed: 0, cancelled: 0, expired: 0, inProgress: 0 };
  const add = (step: string, outcome: 'completed' | 'cancelled' | 'expired' | 'inProgress', n: number) => {
    flows.started += n;
    flows[outcome] += n;
    const row = funnel.find((r) => r.step === step);
    if (row && outcome !== 'completed') row[outcome] += n;
  };
  for (const s of data.summaries) add(s.step, s.outcome as 'completed' | 'cancelled' | 'expired', s.n);
  for (const l of data.live) {
    // a flow at its last step has completed; one neither ended nor expired is still going
    const outcome = l.step === 'done' || l.ended || l.expired ? flowOutcome({ step: l.step, endedAt: l.ended ? now : null }) : 'inProgress';
    add(l.step, outcome, l.n);
  }
  const range = dayRange(now, days);
  const byDay = (event: string, day: string) => data.daily.find((d) => d.event === event && d.day === day)?.n ?? 0;
  const total = (event: string) => data.daily.filter((d) => d.event === event).reduce((sum, d) => sum + d.n, 0);
  return {
    generatedAt: now,
    firstDay: range[0],
    lastDay: range[range.length - 1],
    holders: data.holders,
    cards: data.cards,
    migratedHolders: data.migratedHolders,
    migratedCards: data.migratedCards,
    flows,
    funnel,
    days: range.map((day) => ({ day, completed: byDay('migration_completed', day), signInLocks: byDay('sign_in_locked', day), codeLocks: byDay('code_locked', day) })),
    totals: { completed: total('migration_completed'), signInLocks: total('sign_in_locked'), codeLocks: total('code_locked'), deliveryFailures: total('delivery_failed') },
    refusals: data.events
      .filter((e) => REFUSALS.has(e.event))
      .map((e) => ({ key: e.reason ? `${e.event}:${e.reason}` : e.event, n: e.n }))
      .sort((a, b) => b.n - a.n || a.key.localeCompare(b.key))
      .slice(0, 8),
  };
}
