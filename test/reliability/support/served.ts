// The server tests' bed (SPEC X4): the real listen() over a harness, with the sockets, servers and portal processes a test opened
// closed after it; a browser's form token, a raw POST head, and a wrong sign-in over fetch.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach } from 'vitest';
import { listen, type ServerLimits } from '../../../src/main.js';
import { makeHarness } from '../../helpers/app.js';
import { stopPortal, type Portal } from '../../support/portal-process.js';

/** Registers the clean-up after each test of the file; tests push what they open onto `sockets` and `portals`. */
export function servedBed() {
  const servers: Server[] = [];
  const sockets: Socket[] = [];
  const portals: Portal[] = [];
  afterEach(async () => {
    for (const s of sockets) s.destroy();
    for (const s of servers) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
    for (const p of portals) await stopPortal(p);
    servers.length = 0;
    sockets.length = 0;
    portals.length = 0;
  });

  async function serveHarness(limits: ServerLimits) {
    const h = await makeHarness();
    const server = await listen(h.app.fetch, { port: 0, hostname: '127.0.0.1', limits });
    servers.push(server);
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return { h, server, port, url: `http://127.0.0.1:${port}` };
  }

  return { sockets, portals, serveHarness };
}

/** A browser's CSRF cookie and the token its forms carry. */
export async function formToken(url: string) {
  const res = await fetch(`${url}/login`);
  const html = await res.text();
  const cookie = res.headers.getSetCookie().map((l) => l.split(';')[0]).join('; ');
  const csrf = html.match(/name="csrf" value="([^"]+)"/)![1];
  return { cookie, csrf };
}

export function postHead(port: number, path: string, cookie: string, length: number): string {
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
export async function wrongSignIn(url: string): Promise<number> {
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
