// SPEC §2: a new, empty database gets the demo data set — every sign-in path the README lists.
import { readFileSync } from 'node:fs';
import { normaliseIdentifier } from '../auth/normalise.js';
import { keyedHash } from '../auth/secrets.js';
import type { Deps } from '../deps.js';
import { importCsv, type ImportCounts } from './importer.js';

/** The demo account left locked (SPEC L5), to show the lock page and the way out through reset. */
export const DEMO_LOCKED_ID = 'locked@example.jp';

const DAY_MS = 86_400_000;

const demoCsv = () => readFileSync(new URL('./demo.csv', import.meta.url), 'utf8');

/** The holder keys of the demo set: the first column of every row of demo.csv after its header. */
export function demoHolderKeys(): string[] {
  return demoCsv()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(',')[0].trim())
    .filter((key) => key !== '');
}

/** SPEC O1: whether the database holds any of the demo data set (whose passwords the README publishes). */
export async function holdsDemoSet(stores: Deps['stores']): Promise<boolean> {
  return (await stores.import.countHoldersWithKeys(demoHolderKeys())) > 0;
}

/** Loads src/cli/demo.csv through the importer when there are no holders yet; a database with data is left alone. */
export async function seedDemo(deps: Pick<Deps, 'stores' | 'config' | 'clock'>): Promise<{ seeded: false } | { seeded: true; counts: ImportCounts }> {
  const { stores, config, clock } = deps;
  if ((await stores.import.countHolders()) > 0) return { seeded: false };
  const result = await importCsv(stores.import, demoCsv(), {
    secret: config.SECRET,
    clock,
    initialIdTtlDays: config.INITIAL_ID_TTL_DAYS,
    termsVersion: config.TERMS_VERSION,
  });
  if (!result.ok) throw new Error(`demo data did not import:\n${result.errors.join('\n')}`);
  const now = clock.now();
  await stores.import.writeDemoExtras({
    notices: [
      {
        titleJa: `${config.LEGACY_NAME}の提供終了と${config.BRAND_NAME}へのご移行のお願い`,
        titleEn: `${config.LEGACY_NAME} is closing: please move to ${config.BRAND_NAME}`,
        bodyJa: `${config.LEGACY_NAME}は提供を終了します。旧IDでログインすると、新しいMy ID（メールアドレス）とパスワードの設定をご案内します。移行がお済みの方は、My IDとパスワードでログインしてください。`,
        bodyEn: `${config.LEGACY_NAME} is closing. Sign in with your old ID and you will be guided to set a new My ID (your email address) and password. If you have moved already, sign in with your My ID and password.`,
        publishedAt: now - DAY_MS,
      },
      {
        titleJa: '年末年始のお問い合わせ窓口の営業時間について',
        titleEn: 'Support desk hours over the New Year holidays',
        bodyJa: '12月30日から1月3日まで、お問い合わせ窓口はお休みします。この期間も、ログインや各種お手続きはご利用いただけます。',
        bodyEn: 'The support desk is closed from 30 December to 3 January. You can still sign in and use every procedure in that time.',
        publishedAt: now - 10 * DAY_MS,
      },
    ],
    locked: [
      {
        identifierHash: keyedHash(config.SECRET, 'identifier', normaliseIdentifier(DEMO_LOCKED_ID)),
        failures: config.LOGIN_MAX_FAILURES,
        at: now,
      },
    ],
  });
  return { seeded: true, counts: result.counts };
}
