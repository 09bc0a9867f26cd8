// A real HTTP receiver (node:http) for the SMS and voice webhooks: keeps every request's headers and exact body bytes.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Received = { method: string; path: string; headers: IncomingHttpHeaders; body: Buffer };

export type WebhookPeer = {
  url: (path?: string) => string;
  received: Received[];
  /** how the next requests are answered: a status, or 'hang' (never answer) */
  answer: (how: number | 'hang') => void;
  close: () => Promise<void>;
};

export async function startWebhookPeer(): Promise<WebhookPeer> {
  const received: Received[] = [];
  let how: number | 'hang' = 200;
  const hanging: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      if (how === 'hang') return void hanging.push(res);
      res.writeHead(how, how >= 300 && how < 400 ? { location: '/elsewhere' } : {}).end('{}');
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path = '/hook') => `http://127.0.0.1:${port}${path}`,
    received,
    answer: (next) => void (how = next),
    close: () =>
      new Promise((ok) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
