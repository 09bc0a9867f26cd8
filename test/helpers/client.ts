// The one HTTP client of the tests: a cookie-keeping browser that follows no redirect, remembers Set-Cookie, harvests
// the CSRF token from each page and sends Origin — over app.request() (test/helpers/app.ts) or over fetch to a real server.

/** How a request reaches the portal: `app.request` in process, or `fetch` to a server's URL. */
export type Send = (path: string, init: RequestInit) => Promise<Response>;

export type Answer = { res: Response; status: number; body: string; location: string | null };

/** `origin`: the Origin a browser on that site sends (a function when the client moves between instances). */
export function cookieClient(send: Send, origin: string | (() => string), headers: Record<string, string> = {}) {
  const jar = new Map<string, string>();
  let csrf = '';
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const remember = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /max-age=0/i.test(a.trim()) || /expires=thu, 01 jan 1970/i.test(a.trim()));
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
  };
  async function answer(res: Response): Promise<Answer> {
    remember(res);
    const body = await res.text();
    const m = body.match(/name="csrf" value="([^"]+)"/);
    if (m) csrf = m[1];
    return { res, status: res.status, body, location: res.headers.get('location') };
  }
  async function get(path: string, extra: Record<string, string> = {}) {
    return answer(await send(path, { headers: { cookie: cookieHeader(), ...headers, ...extra }, redirect: 'manual' }));
  }
  async function post(path: string, form: Record<string, string>, extra: Record<string, string> = {}) {
    // the first POST of a new browser: take a token from the sign-in page, as a person would arrive there
    if (!csrf) await get('/login');
    return answer(
      await send(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: typeof origin === 'string' ? origin : origin(), cookie: cookieHeader(), ...headers, ...extra },
        body: new URLSearchParams({ csrf, ...form }).toString(),
        redirect: 'manual',
      }),
    );
  }
  return { get, post, jar, csrf: () => csrf };
}

export type CookieClient = ReturnType<typeof cookieClient>;

/**
 * The same client against a real server at `base` (http://127.0.0.1:PORT); `use(other)` sends the same browser (cookies and
 * token) to another instance, as a load balancer would (SPEC Z3).
 */
export function serverClient(base: string) {
  let at = base;
  const client = cookieClient((path, init) => fetch(at + path, init), () => at);
  const withUse = {
    ...client,
    use(other: string) {
      at = other;
      return withUse;
    },
  };
  return withUse;
}
