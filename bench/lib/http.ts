// Single requests for set-up and for latency samples: the CSRF pair a browser holds, and form posts with Origin (GOTCHAS: hono/csrf).

/** forwardedFor: the X-Forwarded-For a trusted proxy would write for this browser (a portal behind TRUST_PROXY). */
export type Browser = { base: string; cookie: string; token: string; forwardedFor?: string };

export type Reply = { status: number; location: string | null; cookies: string[]; ms: number; body: string };

function cookiePairs(setCookies: string[]): string[] {
  return setCookies.map((c) => c.split(';')[0]).filter((p) => !p.endsWith('='));
}

/** GET /login once, as a browser does: keep its csrf cookie and the hidden csrf field. */
export async function openBrowser(base: string, forwardedFor?: string): Promise<Browser> {
  const res = await fetch(`${base}/login`, { redirect: 'manual', headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });
  const body = await res.text();
  const cookie = cookiePairs(res.headers.getSetCookie()).find((p) => p.startsWith('csrf=') || p.startsWith('__Host-csrf='));
  const token = /name="csrf"[^>]*value="([^"]+)"/.exec(body)?.[1] ?? /value="([^"]+)"[^>]*name="csrf"/.exec(body)?.[1];
  if (res.status !== 200 || !cookie || !token) throw new Error(`GET ${base}/login gave ${res.status} without a csrf cookie and field`);
  return { base, cookie, token, forwardedFor };
}

export function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

export function postHeaders(b: Browser, extraCookie?: string): Record<string, string> {
  return {
    'content-type': 'application/x-www-form-urlencoded',
    origin: b.base,
    cookie: extraCookie ? `${b.cookie}; ${extraCookie}` : b.cookie,
    ...(b.forwardedFor ? { 'x-forwarded-for': b.forwardedFor } : {}),
  };
}

export async function post(b: Browser, path: string, fields: Record<string, string>, extraCookie?: string): Promise<Reply> {
  const started = performance.now();
  const res = await fetch(`${b.base}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: postHeaders(b, extraCookie),
    body: formBody({ csrf: b.token, ...fields }),
  });
  const body = await res.text();
  return { status: res.status, location: res.headers.get('location'), cookies: cookiePairs(res.headers.getSetCookie()), ms: performance.now() - started, body };
}

export async function get(b: Browser, path: string, extraCookie?: string): Promise<Reply> {
  const started = performance.now();
  const headers = { cookie: extraCookie ? `${b.cookie}; ${extraCookie}` : b.cookie, ...(b.forwardedFor ? { 'x-forwarded-for': b.forwardedFor } : {}) };
  const res = await fetch(`${b.base}${path}`, { redirect: 'manual', headers });
  const body = await res.text();
  return { status: res.status, location: res.headers.get('location'), cookies: cookiePairs(res.headers.getSetCookie()), ms: performance.now() - started, body };
}

export function signIn(b: Browser, id: string, password: string): Promise<Reply> {
  return post(b, '/login', { id, password });
}
