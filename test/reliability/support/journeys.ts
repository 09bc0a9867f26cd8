// Journeys a browser makes against the real server over HTTP, reading codes from the outbox table; any network error aborts them.
import { readOutbox } from '../../support/outbox.js';

/** The tests' one cookie-keeping client, against a real server's URL. */
export { serverClient } from '../../helpers/client.js';

export class JourneyError extends Error {}

/** The newest code sent to `to`, waiting briefly for the server to write it; `database` is the server's SQLite file or PostgreSQL URL. */
export async function codeFor(database: string, to: string, after: number): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const hit = (await readOutbox(database)).find((m) => m.to === to && m.code && Date.parse(m.at) >= after - 1000);
    if (hit?.code) return hit.code;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new JourneyError(`no code for ${to}`);
}

export function expectStep(res: { status: number; location: string | null; body: string }, location: string, what: string) {
  if (res.status !== 303 || res.location !== location) {
    const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(res.body)?.[0].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ') ?? '';
    throw new JourneyError(`${what}: expected 303 → ${location}, got ${res.status} → ${res.location} ${summary}`);
  }
}
