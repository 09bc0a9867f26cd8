// SPEC X4: slow or abusive clients cannot hold the server, and SIGTERM stops it gracefully (in-flight requests finish, the db is closed).
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { listen, serverLimits, stopGracefully, type ServerLimits } from '../../src/main.js';
import { makeHarness } from '../helpers/app.js';
import { dataDir, freePort, sleep, startPortal, stopPortal, type Portal } from '../support/portal-process.js';
import { rawClient } from './support/raw-client.js';

const short: ServerLimits = { headersTimeout: 1_000, requestTimeout: 1_500, keepAliveTimeout: 1_000, checkInterval: 100, shutdownGrace: 1_000 };

let servers: Server[] = [];
let sockets: Socket[] = [];
let portals: Portal[] = [];
afterEach(async () => {
  for (const s of sockets) s.destroy();
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
  for (const p of portals) await stopPortal(p);
  servers = [];
  sockets = [];
  portals = [];
});

async function serveHarness(limits: ServerLimits) {
  const h = await makeHarness();
  const server = await listen(h.app.fetch, { port: 0, hostname: '127.0.0.1', limits });
  servers.push(server);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { h, server, port, url: `http://127.0.0.1:${port}` };
}

/** A browser's CSRF cookie and the token its forms carry. */
async function formToken(url: string) {
  const res = await fetch(`${url}/login`);
  const html = await res.text();
  const cookie = res.headers.getSetCookie().map((l) => l.split(';')[0]).join('; ');
  const csrf = html.match(/name="csrf" value="([^"]+)"/)![1];
  return { cookie, csrf };
}

function postHead(port: number, path: string, cookie: string, length: number): string {
  return [
    `POST ${path} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    `Origin: http://127.0.0.1:${port}`,
    `Cookie: ${cookie}`,
    'Content-Type: application/x-www-form-urlencoded',
    `Content-Length: ${length}`,
    'Connection: close',
    '',
    '',
  ].join('\r\n');
}

/** A wrong sign-in: answered 422 with the generic message. */
async function wrongSignIn(url: string): Promise<number> {
  const { cookie, csrf } = await formToken(url);
  const res = await fetch(`${url}/login`, {
    method: 'POST',
    headers: { cookie, origin: url, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf, id: 'nobody-here', password: 'wrong-password' }),
    redirect: 'manual',
  });
  await res.text();
  return res.status;
}

describe('slow clients are cut off', () => {
  it('a body trickled one byte at a time is cut off at requestTimeout, and others are served meanwhile', async () => {
    const { port, url } = await serveHarness(short);
    const { cookie, csrf } = await formToken(url);
    const body = new URLSearchParams({ csrf, id: 'slow-client', password: 'x'.repeat(150) }).toString();
    const client = await rawClient(port);
    sockets.push(client.socket);
    client.socket.write(postHead(port, '/login', cookie, body.length));
    let sent = 0;
    const trickle = setInterval(() => {
      if (!client.socket.destroyed && sent < body.length) client.socket.write(body[sent++]);
    }, 50);
    expect(await wrongSignIn(url)).toBe(422); // another client is served while the slow one trickles
    const lifetime = await client.closed;
    clearInterval(trickle);
    expect(sent).toBeLessThan(body.length); // cut off before the body could finish (it needed ~10 s)
    expect(lifetime).toBeLessThan(short.requestTimeout + 1_500);
    expect(client.received()).toMatch(/^(HTTP\/1\.1 408|$)/);
  });

  it('headers trickled one byte at a time (slowloris) are cut off at headersTimeout', async () => {
    const { port } = await serveHarness(short);
    const client = await rawClient(port);
    sockets.push(client.socket);
    const head = `GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ${'a'.repeat(400)}\r\n\r\n`;
    let sent = 0;
    const trickle = setInterval(() => {
      if (!client.socket.destroyed && sent < head.length) client.socket.write(head[sent++]);
    }, 20);
    const lifetime = await client.closed;
    clearInterval(trickle);
    expect(sent).toBeLessThan(head.length);
    expect(lifetime).toBeLessThan(short.headersTimeout + 1_500);
    expect(client.received()).toMatch(/^(HTTP\/1\.1 408|$)/);
  });

  it('the shipped limits are finite and ordered (Node would otherwise wait 5 minutes for a body)', () => {
    expect(serverLimits.headersTimeout).toBeGreaterThan(0);
    expect(serverLimits.headersTimeout).toBeLessThanOrEqual(serverLimits.requestTimeout);
    expect(serverLimits.requestTimeout).toBeLessThanOrEqual(30_000);
    expect(serverLimits.keepAliveTimeout).toBeLessThan(serverLimits.headersTimeout);
    expect(serverLimits.shutdownGrace).toBeGreaterThan(0);
  });
});

describe('1,000 idle connections', () => {
  it('do not stop others from being served, and are closed once they outlive headersTimeout', async () => {
    const limits = { ...serverLimits, headersTimeout: 8_000, requestTimeout: 8_000 };
    const { port, url } = await serveHarness(limits);
    const idle = await Promise.all(Array.from({ length: 1_000 }, () => rawClient(port)));
    sockets.push(...idle.map((c) => c.socket));
    const started = Date.now();
    const statuses = await Promise.all([
      ...Array.from({ length: 10 }, () => fetch(`${url}/login`).then(async (r) => (await r.text(), r.status))),
      wrongSignIn(url),
      wrongSignIn(url),
    ]);
    const served = Date.now() - started;
    const stillOpen = idle.filter((c) => !c.socket.destroyed && c.socket.readyState === 'open').length;
    expect(statuses).toEqual([...Array(10).fill(200), 422, 422]);
    expect(stillOpen).toBe(1_000); // the others were served while all 1,000 were really held open
    expect(served).toBeLessThan(5_000);
    const lifetimes = await Promise.all(idle.map((c) => c.closed));
    expect(Math.max(...lifetimes)).toBeLessThan(limits.headersTimeout + 3_000);
  }, 30_000);
});

describe('graceful shutdown', () => {
  it('stops accepting, lets the request in flight finish, then closes resources', async () => {
    const { port, url, server } = await serveHarness(short);
    const { cookie, csrf } = await formToken(url);
    const body = new URLSearchParams({ csrf, id: 'in-flight', password: 'wrong-password' }).toString();
    const client = await rawClient(port);
    sockets.push(client.socket);
    client.socket.write(postHead(port, '/login', cookie, body.length) + body.slice(0, 10));
    await sleep(100);
    let closedAt = 0;
    const stopped = stopGracefully(server, 5_000, () => (closedAt = Date.now()));
    await sleep(100);
    await expect(fetch(`${url}/login`)).rejects.toThrow(); // no longer accepting
    expect(closedAt).toBe(0); // not while a request is in flight
    client.socket.write(body.slice(10));
    await client.closed;
    expect(client.received()).toMatch(/^HTTP\/1\.1 422/);
    expect(client.received()).toContain('入力されたIDとパスワードではログインできません。');
    expect(await stopped).toBe(true);
    expect(closedAt).toBeGreaterThan(0);
  });

  it('cuts a request that outlives the grace period, then still closes resources', async () => {
    const { port, server } = await serveHarness({ ...short, requestTimeout: 60_000, headersTimeout: 60_000 });
    const client = await rawClient(port);
    sockets.push(client.socket);
    client.socket.write(postHead(port, '/login', 'x=1', 1000) + 'id=');
    await sleep(100);
    let closed = false;
    const started = Date.now();
    expect(await stopGracefully(server, 500, () => (closed = true))).toBe(false);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(closed).toBe(true);
    await client.closed;
  });

  it('the real server on SIGTERM finishes the request in flight, refuses new ones, closes the database and exits 0', async () => {
    const dir = dataDir();
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const port = await freePort();
    const portal = await startPortal(dir, port, { SEED_DEMO: 'false' });
    portals.push(portal);
    const { cookie, csrf } = await formToken(portal.url);
    const body = new URLSearchParams({ csrf, id: 'sigterm-test', password: 'wrong-password' }).toString();
    const client = await rawClient(port);
    sockets.push(client.socket);
    client.socket.write(postHead(port, '/login', cookie, body.length) + body.slice(0, 5));
    await sleep(200);
    expect(existsSync(join(dir, 'app.db-wal'))).toBe(true);
    portal.child.kill('SIGTERM');
    let refused = false;
    for (let i = 0; i < 50 && !refused; i++) {
      await sleep(100);
      refused = await fetch(`${portal.url}/login`).then((r) => (void r.body?.cancel(), false), () => true);
    }
    expect(refused).toBe(true); // no longer accepting
    expect(portal.child.exitCode).toBeNull(); // still running: a request is in flight
    client.socket.write(body.slice(5));
    await client.closed;
    expect(client.received()).toMatch(/^HTTP\/1\.1 422/);
    const exit = await portal.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    // better-sqlite3's close checkpoints the WAL into the main file and removes it
    expect(existsSync(join(dir, 'app.db-wal'))).toBe(false);
    expect(portal.output()).toContain('SIGTERM');
  }, 60_000);
});
