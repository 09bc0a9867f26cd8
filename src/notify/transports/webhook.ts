// SPEC D2: SMS and voice messages as a signed JSON POST to the provider's webhook, with a timeout.
import type { Channel } from '../notifier.js';
import { signBody } from './signature.js';
import { checkIdempotencyKey, final, retryable, sent, type Deliverable, type SendResult, type Transport } from './transport.js';

export type WebhookOptions = {
  channel: Extract<Channel, 'sms' | 'voice'>;
  url: string;
  secret: string;
  /** no answer within this is a retryable failure (NOTIFY_TIMEOUT_MS) */
  timeoutMs: number;
};

/** The JSON a receiver gets: `code` and `expiresAt` only on messages that carry a code. */
export function webhookBody(message: Deliverable, id: string, channel: Channel): string {
  return JSON.stringify({
    id,
    channel,
    to: message.to,
    text: message.text,
    ...(message.code === undefined ? {} : { code: message.code }),
    ...(message.expiresAt === undefined ? {} : { expiresAt: new Date(message.expiresAt).toISOString() }),
  });
}

/** 2xx sent; 408, 429 and 5xx may work later; any other answer (other 4xx, a redirect, which is never followed) will not. */
export function resultOfStatus(status: number): SendResult {
  if (status >= 200 && status < 300) return sent();
  if (status === 408 || status === 429 || status >= 500) return retryable(`HTTP ${status}`);
  return final(status >= 300 && status < 400 ? `HTTP ${status} (redirects are not followed)` : `HTTP ${status}`);
}

/** A network error or a timeout: the provider did not answer, so the same request may be sent again. */
function resultOfError(err: unknown, timeoutMs: number): SendResult {
  const e = err as { name?: string; cause?: { code?: string } };
  if (e.name === 'TimeoutError') return retryable(`no answer within ${timeoutMs} ms`);
  return retryable(e.cause?.code ?? e.name ?? 'network error');
}

export function createWebhookTransport(options: WebhookOptions): Transport {
  return {
    async send(message, { idempotencyKey }) {
      checkIdempotencyKey(idempotencyKey);
      const body = webhookBody(message, idempotencyKey, options.channel);
      try {
        const res = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8', 'idempotency-key': idempotencyKey, 'x-signature': signBody(body, options.secret) },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        // the answer's body is not read: only its status counts
        await res.body?.cancel();
        return resultOfStatus(res.status);
      } catch (err) {
        return resultOfError(err, options.timeoutMs);
      }
    },
    async close() {},
  };
}
