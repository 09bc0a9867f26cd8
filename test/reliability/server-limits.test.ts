// SPEC X4: slow or abusive clients cannot hold the server — trickled bodies and headers are cut off, 1,000 idle connections stop no one.
// Graceful shutdown: server-shutdown.test.ts.
import { describe, expect, it } from 'vitest';
import { serverLimits, type ServerLimits } from '../../src/main.js';
import { rawClient } from './support/raw-client.js';
import { formToken, postHead, servedBed, wrongSignIn } from './support/served.js';

const short: ServerLimits = { headersTimeout: 1_000, requestTimeout: 1_500, keepAliveTimeout: 1_000, checkInterval: 100, shutdownGrace: 1_000 };

const { sockets, serveHarness } = servedBed();

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
