// SPEC D2: email over SMTP with nodemailer, loaded only when SMTP_URL is set; TLS required except to this machine.
import { isLoopbackHost } from './loopback.js';
import { checkIdempotencyKey, final, recipientRefused, retryable, sent, type SendResult, type Transport } from './transport.js';

export type SmtpOptions = {
  /** `smtps://user:pass@host:465` (TLS from the start) or `smtp://user:pass@host:587` (STARTTLS) */
  url: string;
  /** the From of every email: `no-reply@example.jp` or `My Card <no-reply@example.jp>` */
  from: string;
  /** connecting, the greeting and each answer must come within this (NOTIFY_TIMEOUT_MS) */
  timeoutMs: number;
};

/** nodemailer's connection options from the URL: smtps is TLS; smtp to another host must upgrade with STARTTLS. */
export function smtpConnection(url: string, timeoutMs: number) {
  const u = new URL(url);
  const secure = u.protocol === 'smtps:';
  const loopback = isLoopbackHost(u.hostname);
  return {
    host: u.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: u.port === '' ? (secure ? 465 : 587) : Number(u.port),
    secure,
    // SPEC D2: never in clear across a network; on loopback plain is fine (a local relay's self-signed certificate must not fail every send)
    requireTLS: !secure && !loopback,
    ignoreTLS: !secure && loopback,
    auth: u.username === '' ? undefined : { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) },
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  };
}

/** The domain of the From address, for Message-IDs. */
function fromDomain(from: string): string {
  const address = /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from;
  return address.slice(address.lastIndexOf('@') + 1).trim() || 'localhost';
}

/** An SMTP answer in 4xx may work later and one in 5xx will not; no answer at all (network, TLS, timeout) may work later. */
export function resultOfSmtpError(err: unknown): SendResult {
  const e = err as { code?: string; originalCode?: string; responseCode?: number; response?: string; command?: string };
  // the enhanced status (5.1.1) says what without the address that the rest of the answer may quote
  const enhanced = /^\d{3}[ -](\d\.\d{1,3}\.\d{1,3})/.exec(e.response ?? '')?.[1];
  // originalCode is the socket's own, e.g. ECONNREFUSED or DEPTH_ZERO_SELF_SIGNED_CERT
  const reason = [e.responseCode ? `SMTP ${e.responseCode}` : undefined, enhanced, e.code, e.originalCode].filter(Boolean).join(' ') || 'SMTP error';
  // a 5xx answer to RCPT TO refuses this one recipient; the server took the connection and the sender
  if (e.responseCode !== undefined && e.responseCode >= 500) return e.command === 'RCPT TO' ? recipientRefused(reason) : final(reason);
  if (e.responseCode === undefined && (e.code === 'EENVELOPE' || e.code === 'EMESSAGE')) return final(reason);
  return retryable(reason);
}

export async function createSmtpTransport(options: SmtpOptions): Promise<Transport> {
  const { createTransport } = await import('nodemailer');
  const mailer = createTransport(smtpConnection(options.url, options.timeoutMs));
  const domain = fromDomain(options.from);
  return {
    async send(message, { idempotencyKey }) {
      checkIdempotencyKey(idempotencyKey);
      try {
        await mailer.sendMail({
          from: options.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          // SPEC D1: a retried send carries the same Message-ID and Idempotency-Key, so it is recognisable as one
          messageId: `<${idempotencyKey}@${domain}>`,
          headers: { 'Idempotency-Key': idempotencyKey },
        });
        return sent();
      } catch (err) {
        return resultOfSmtpError(err);
      }
    },
    async close() {
      mailer.close();
    },
  };
}
