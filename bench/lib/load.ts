// Load generation with autocannon's programmatic API: real status codes counted, not its 2xx summary (GOTCHAS).
import autocannon, { type Request } from 'autocannon';

export type LoadResult = {
  seconds: number;
  /** responses per status code */
  statuses: Record<string, number>;
  /** responses that matched `ok` (default: every response) per second */
  okPerSecond: number;
  ok: number;
  total: number;
  p50: number;
  p99: number;
  errors: number;
};

export type LoadSpec = {
  url: string;
  connections: number;
  seconds: number;
  overallRate?: number;
  request?: Request;
  /** ends the run early when it settles (autocannon's stop()); `seconds` stays the longest it may last */
  stop?: Promise<unknown>;
  /** which responses count as the thing being measured */
  ok?: (status: number, headers: Record<string, string>) => boolean;
};

export async function load(spec: LoadSpec): Promise<LoadResult> {
  let ok = 0;
  const isOk = spec.ok ?? (() => true);
  const request: Request = {
    method: 'GET',
    ...spec.request,
    onResponse: (status, _body, _context, headers) => {
      if (isOk(status, headers)) ok++;
    },
  };
  const started = performance.now();
  const instance = autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.seconds,
    timeout: 30,
    ...(spec.overallRate ? { overallRate: spec.overallRate } : {}),
    requests: [request],
  });
  void spec.stop?.then(() => instance.stop());
  const result = await instance;
  const seconds = Math.min(result.duration, (performance.now() - started) / 1000);
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, Number(s.count)]));
  const total = Object.values(statuses).reduce((a, b) => a + b, 0);
  // no response at all (every request outlived the run) is not a latency of 0
  const p = (v: number) => (total === 0 ? NaN : v);
  return { seconds, statuses, ok, okPerSecond: ok / seconds, total, p50: p(result.latency.p50), p99: p(result.latency.p99), errors: result.errors + result.timeouts };
}

/** "303×120 200×3" */
export function describeStatuses(statuses: Record<string, number>, errors = 0): string {
  const parts = Object.entries(statuses).map(([code, n]) => `${code}×${n}`);
  if (errors > 0) parts.push(`errors×${errors}`);
  return parts.join(' ') || 'no response within the run';
}
