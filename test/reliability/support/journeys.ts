// Journeys a browser makes against the real server over HTTP, reading codes from the outbox table; any network error aborts them.
import { readOutbox } from '../../support/outbox.js';

/** A cookie-keeping client for a real server: follows nothing, harvests the CSRF token, sends Origin. */
export class Client {
  private jar = new Map<string, string>();
  private csrf = '';
  constructor(private base: string) {}

  /** SPEC Z3: the same browser (cookies and token) sent to another instance, as a load balancer would. */
  use(base: string): this {
    this.base = base;
    return this;
  }

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || attrs.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim()))) this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }
  private cookie() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async get(path: string) {
    const res = await fetch(this.base + path, { headers: { cookie: this.cookie() }, redirect: 'manual' });
    this.remember(res);
    const body = await res.text();
    const m = body.match(/name="csrf" value="([^"]+)"/);
    if (m) this.csrf = m[1];
    return { status: res.status, location: res.headers.get('location'), body };
  }
  async post(path: string, form: Record<string, string>) {
    if (!this.csrf) await this.get('/login');
    const res = await fetch(this.base + path, {
      method: 'POST',
      headers: { cookie: this.cookie(), origin: this.base, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: this.csrf, ...form }),
      redirect: 'manual',
    });
    this.remember(res);
    const body = await res.text();
    const m = body.match(/name="csrf" value="([^"]+)"/);
    if (m) this.csrf = m[1];
    return { status: res.status, location: res.headers.get('location'), body };
  }
}

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
