// SPEC X4: SIGTERM stops the server gracefully — in-flight requests finish (or are cut after the grace period), new ones are refused,
// the database is closed. Slow and idle clients: server-limits.test.ts.
import { describe, expect, it, onTestFinished } from 'vitest';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { stopGracefully, type ServerLimits } from '../../src/main.js';
import { dataDir, freePort, sleep, startPortal } from '../support/portal-process.js';
import { rawClient } from './support/raw-client.js';
import { formToken, postHead, servedBed } from './support/served.js';

const short: ServerLimits = { headersTimeout: 1_000, requestTimeout: 1_500, keepAliveTimeout: 1_000, checkInterval: 100, shutdownGrace: 1_000 };

const { sockets, portals, serveHarness } = servedBed();

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
