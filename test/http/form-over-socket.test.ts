// SPEC X4, issue 20: over a real socket the form is read straight from the request (no clone, no web stream) and the 16 KB limit
// still holds, whether the body says its length or comes chunked.
import { afterEach, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import { request } from 'node:http';
import { listen } from '../../src/main.js';
import { makeHarness } from '../helpers/app.js';

let servers: Server[] = [];
afterEach(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
  servers = [];
});

async function serve() {
  const h = await makeHarness();
  const server = await listen(h.app.fetch, { port: 0, hostname: '127.0.0.1' });
  servers.push(server);
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const res = await fetch(`${url}/login`);
  const csrf = (await res.text()).match(/name="csrf" value="([^"]+)"/)![1];
  return { url, cookie: res.headers.getSetCookie().map((l) => l.split(';')[0]).join('; '), csrf };
}

/** POST /login with `chunks` written one by one; `chunked`: no Content-Length, Transfer-Encoding: chunked instead. */
function post(s: Awaited<ReturnType<typeof serve>>, chunks: string[], chunked: boolean): Promise<{ status: number; body: string }> {
  const length = chunks.reduce((n, c) => n + Buffer.byteLength(c), 0);
  return new Promise((done, fail) => {
    const req = request(`${s.url}/login`, {
      method: 'POST',
      headers: { cookie: s.cookie, origin: s.url, 'content-type': 'application/x-www-form-urlencoded', ...(chunked ? {} : { 'content-length': String(length) }) },
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

describe('the form read over a real socket', () => {
  for (const chunked of [false, true]) {
    const how = chunked ? 'chunked' : 'with Content-Length';
    it(`a sign-in form ${how} is read (the generic failure, the typed ID kept)`, async () => {
      const s = await serve();
      const form = new URLSearchParams({ csrf: s.csrf, id: 'nobody-here', password: 'wrong-password' }).toString();
      const res = await post(s, [form.slice(0, 20), form.slice(20)], chunked);
      expect(res.status).toBe(422);
      expect(res.body).toContain('value="nobody-here"');
    });

    it(`a body over 16 KB ${how} gets the styled 413`, async () => {
      const s = await serve();
      const form = new URLSearchParams({ csrf: s.csrf, id: 'x'.repeat(17 * 1024), password: 'p' }).toString();
      const res = await post(s, [form.slice(0, 8000), form.slice(8000)], chunked);
      expect(res.status).toBe(413);
      expect(res.body).toContain('<html');
    });
  }

  it('a form without its token is still refused with the styled 403', async () => {
    const s = await serve();
    const res = await post(s, [new URLSearchParams({ csrf: 'forged', id: 'nobody-here', password: 'wrong-password' }).toString()], false);
    expect(res.status).toBe(403);
  });
});
