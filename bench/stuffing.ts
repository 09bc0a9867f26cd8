// P7 (issue 20): a credential-stuffing morning. One forwarded address floods failed sign-ins (many IDs, wrong passwords, so
// after IP_MAX_FAILURES it meets the L7 429) while a member signs in, one sign-in at a time, from an address of their own;
// the member's median sign-in latency during the flood ÷ the same sign-in's median when quiet (before and after the flood).
import { formBody, openBrowser, postHeaders, signIn } from './lib/http.js';
import { describeStatuses, load } from './lib/load.js';
import type { Server } from './lib/procs.js';
import type { Row } from './lib/table.js';

export type StuffingSpec = {
  /** a portal behind TRUST_PROXY (one trusted hop), production settings otherwise */
  server: Server;
  myId: (i: number) => string;
  accounts: number;
  password: string;
  /** the member's sign-ins on each side of the flood, and during it */
  samples: number;
  /** the flood lasts until the member has signed in `samples` times during it, at least this long and at most 4 times it */
  seconds: number;
  connections: number;
};

// documentation addresses (RFC 5737), as the proxy would have written them
const MEMBER_ADDRESS = '198.51.100.7';
const ATTACKER_ADDRESS = '203.0.113.9';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function measureStuffing(spec: StuffingSpec): Promise<Row[]> {
  const { server } = spec;
  const member = await openBrowser(server.base, MEMBER_ADDRESS);
  const attacker = await openBrowser(server.base, ATTACKER_ADDRESS);
  // the member signs in as members 1…accounts/2; the attacker guesses at the other half and at IDs nobody has
  const half = Math.max(1, Math.floor(spec.accounts / 2));
  let turn = 0;
  const statuses: Record<string, number> = {};
  const memberSignIn = async () => {
    const r = await signIn(member, spec.myId((turn++ % half) + 1), spec.password);
    const key = r.status === 303 && !(r.location ?? '').startsWith('/login') ? 'signed in' : String(r.status);
    statuses[key] = (statuses[key] ?? 0) + 1;
    return r.ms;
  };
  for (let i = 0; i < 3; i++) await memberSignIn(); // warm
  const quietBefore: number[] = [];
  for (let i = 0; i < spec.samples; i++) quietBefore.push(await memberSignIn());

  const floodStarted = performance.now();
  const [shortest, longest] = [floodStarted + spec.seconds * 1000, floodStarted + 4 * spec.seconds * 1000];
  let done: () => void = () => undefined;
  const stop = new Promise<void>((resolve) => (done = resolve));
  const flood = load({
    url: server.base,
    connections: spec.connections,
    seconds: 4 * spec.seconds + 1,
    stop,
    request: {
      method: 'POST',
      path: '/login',
      headers: postHeaders(attacker),
      setupRequest: (req) => {
        const n = Math.floor(Math.random() * 2 * half);
        const id = n < half ? spec.myId(half + 1 + n) : `nobody${n}-${Math.random().toString(36).slice(2)}@bench.example`;
        return { ...req, body: formBody({ csrf: attacker.token, id, password: `Guess-${Math.random().toString(36).slice(2)}1!` }) };
      },
    },
  });
  await sleep(500);
  const during: number[] = [];
  const more = () => performance.now() < longest - 300 && (during.length < spec.samples || performance.now() < shortest);
  while (more()) during.push(await memberSignIn());
  done();
  const attack = await flood;
  await sleep(1000);
  const quietAfter: number[] = [];
  for (let i = 0; i < spec.samples; i++) quietAfter.push(await memberSignIn());

  const quiet = median([...quietBefore, ...quietAfter]);
  const loud = median(during);
  const ratio = loud / quiet;
  const max = (xs: number[]) => Math.max(...xs);
  return [
    {
      id: 'P7',
      what: "a member's sign-in from their own address while another address floods failed sign-ins ÷ the same sign-in when quiet (median latency)",
      value: ratio,
      format: 'times',
      target: '≤ 3×',
      // a fast answer that refused the member is no success: every one of their sign-ins must have signed them in
      met: ratio <= 3 && Object.keys(statuses).every((k) => k === 'signed in'),
      detail:
        `${loud.toFixed(1)} ms (${during.length} sign-ins in ${attack.seconds.toFixed(1)} s, max ${max(during).toFixed(0)} ms) vs ${quiet.toFixed(1)} ms (${quietBefore.length} before and ${quietAfter.length} after, max ${max([...quietBefore, ...quietAfter]).toFixed(0)} ms); ` +
        `member ${describeStatuses(statuses)}; the attacker on ${spec.connections} connections, ${(attack.total / attack.seconds).toFixed(0)} attempts/s: ${describeStatuses(attack.statuses, attack.errors)}; ` +
        `TRUST_PROXY=true, X-Forwarded-For ${MEMBER_ADDRESS} vs ${ATTACKER_ADDRESS}, NODE_ENV=production, NOTIFY_STAND_IN=true, default IP_MAX_FAILURES`,
    },
  ];
}
