// What the real peers received, read as the tests read the outbox: codes come from the mails at the SMTP peer and the
// webhook bodies at the HTTP receiver, after the harness's delivery worker has sent every due row (SPEC D1/D2).
import type { OutboxEntry } from '../../src/db/contract.js';
import type { Harness } from '../helpers/app.js';
import type { SmtpPeer } from './smtp-peer.js';
import type { WebhookPeer } from './webhook-peer.js';

const CODE_IN_MAIL = /(?:認証コード：|Verification code: )(\d{4})/;

/** Runs the worker until a round claims nothing (a bounded number of rounds). */
export async function deliverAll(h: Harness): Promise<void> {
  for (let i = 0; i < 20 && (await h.deliver()) > 0; i++);
}

/** The messages that arrived, newest first within each peer, in the outbox's shape (with the code read from the text). */
export function arrivedEntries(smtp: SmtpPeer, hook?: WebhookPeer): OutboxEntry[] {
  const mails = smtp.arrived.map(({ mail, envelope }): OutboxEntry => {
    const text = mail.text ?? '';
    const code = CODE_IN_MAIL.exec(text)?.[1];
    const id = String(mail.headers.get('idempotency-key') ?? '');
    return { id, at: (mail.date ?? new Date()).toISOString(), channel: 'email', to: envelope.to[0], subject: mail.subject ?? '', text, ...(code ? { code } : {}), state: 'delivered', attempts: 1 };
  });
  const hooks = (hook?.received ?? []).map((r): OutboxEntry => {
    const body = JSON.parse(r.body.toString('utf8')) as { id: string; channel: 'sms' | 'voice'; to: string; text: string; code?: string };
    return { id: body.id, at: new Date().toISOString(), channel: body.channel, to: body.to, subject: '', text: body.text, ...(body.code ? { code: body.code } : {}), state: 'delivered', attempts: 1 };
  });
  return [...hooks.reverse(), ...mails.reverse()];
}

/** The harness as walkTo and lastCode see it, but reading codes from what reached the peers. */
export function readingPeers(h: Harness, smtp: SmtpPeer, hook?: WebhookPeer): Harness {
  return {
    ...h,
    outbox: async () => {
      await deliverAll(h);
      return arrivedEntries(smtp, hook);
    },
  };
}
