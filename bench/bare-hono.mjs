// The physical-limit reference: a bare Hono hello-world on @hono/node-server, run by plain node like the portal's bundle.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono().get('/', (c) => c.text('Hello Hono!'));
const port = Number(process.argv[2] ?? 0);
serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info) => console.log(`listening on ${info.port}`));
process.on('SIGTERM', () => process.exit(0));
