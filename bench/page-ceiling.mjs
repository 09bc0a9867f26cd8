// The page ceiling (issue 20): the portal's own GET /login, its bytes and headers copied once at start, served by Hono from a
// constant with what no cache can skip, per request: a fresh CSRF cookie (32 random bytes, as newToken() makes it), its keyed
// hash spliced in where the page carries the token (as keyedHash() makes it), and a fresh X-Request-Id. Plain node, like the
// bundle. `node bench/page-ceiling.mjs PORT PORTAL_URL SECRET`.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';

const [port, portal, secret] = [Number(process.argv[2]), process.argv[3], process.argv[4]];
// mirrors src/auth/secrets.ts (a .mjs cannot import the TypeScript): keep the two the same
const keyedHash = (purpose, value) => createHmac('sha256', secret).update(`${purpose}\u0000${value}`).digest('base64url');
const newToken = () => randomBytes(32).toString('base64url');

const res = await fetch(`${portal}/login`, { redirect: 'manual' });
const page = await res.text();
const seed = /^csrf=([^;]+)/.exec(res.headers.getSetCookie().find((c) => c.startsWith('csrf=')) ?? '')?.[1];
if (res.status !== 200 || !seed) throw new Error(`GET ${portal}/login gave ${res.status} without a csrf cookie`);
const token = keyedHash('csrf', seed);
const at = page.indexOf(token);
if (at < 0 || page.indexOf(token, at + 1) >= 0) throw new Error('the sign-in page does not carry its csrf token exactly once');
const [before, after] = [page.slice(0, at), page.slice(at + token.length)];
// every header the portal sent but those made per request or by the HTTP layer
const perRequest = new Set(['set-cookie', 'date', 'content-length', 'connection', 'keep-alive', 'x-request-id', 'transfer-encoding']);
const headers = [...res.headers].filter(([name]) => !perRequest.has(name));

const app = new Hono().get('/login', (c) => {
  for (const [name, value] of headers) c.header(name, value);
  c.header('x-request-id', randomUUID());
  const fresh = newToken();
  setCookie(c, 'csrf', fresh, { path: '/', httpOnly: true, sameSite: 'Lax' });
  return c.body(before + keyedHash('csrf', fresh) + after);
});
serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info) => console.log(`listening on ${info.port}, ${page.length} characters, ${headers.length} headers copied`));
process.on('SIGTERM', () => process.exit(0));
