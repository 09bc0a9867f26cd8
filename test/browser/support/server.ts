// The real portal for the browser tests and the screenshots: a child process on a free port with a fresh database,
// demo data and its own outbox (started as the reliability tests start it).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { OutboxEntry } from '../../../src/notify/notifier.js';
import { readOutbox } from '../../support/outbox.js';
import { dataDir, freePort, startPortal as spawnPortal, stopPortal } from '../../support/portal-process.js';

export { ROOT } from '../../support/portal-process.js';

export type PortalServer = {
  url: string;
  dir: string;
  outbox: () => Promise<OutboxEntry[]>;
  /**
   * The code of the newest message matching `to` (an address, or a test of the whole entry), once it is delivered: a
   * card holder reads a code only after it arrives, and a code typed before its message is sent makes the worker drop
   * the message (D5), so the outbox page would never show it.
   */
  latestCode: (to: string | ((m: OutboxEntry) => boolean)) => Promise<string>;
  /** Stops the server; its folder (database, secret, outbox) is removed unless `keepFiles`. */
  stop: (keepFiles?: boolean) => Promise<void>;
};

/** Starts the portal with these settings over a new folder (or `reuseDir`) and waits until /login answers. */
export async function startPortal(settings: Record<string, string> = {}, reuseDir?: string): Promise<PortalServer> {
  const dir = reuseDir ?? dataDir('portal-browser-');
  const portal = await spawnPortal(dir, await freePort(), settings);
  const outbox = () => readOutbox(join(dir, 'app.db'));
  return {
    url: portal.url,
    dir,
    outbox,
    async latestCode(to) {
      const matches = (m: OutboxEntry) => Boolean(m.code) && (typeof to === 'string' ? m.to === to : to(m));
      for (const deadline = Date.now() + 10_000; ; await new Promise((r) => setTimeout(r, 50))) {
        const all = await outbox();
        const hit = all.find(matches);
        if (hit?.code && hit.state === 'delivered') return hit.code;
        if (Date.now() > deadline) throw new Error(`no delivered code in the outbox for ${String(to)}; outbox has: ${all.map((m) => `${m.channel}→${m.to} ${m.state}`).join(', ')}`);
      }
    },
    async stop(keepFiles = false) {
      await stopPortal(portal);
      if (!keepFiles) rmSync(dir, { recursive: true, force: true });
    },
  };
}
