// SPEC D2: the transports the settings ask for, one per configured channel; nodemailer is loaded only when SMTP_URL is set.
import type { Config } from '../../config.js';
import type { Channel } from '../notifier.js';
import { createSmtpTransport } from './smtp.js';
import type { Transport } from './transport.js';
import { createWebhookTransport } from './webhook.js';

export type Transports = Partial<Record<Channel, Transport>>;

/** A channel missing here has no transport: it uses the console + file stand-in (config has checked that this is allowed). */
export async function transportsFromConfig(config: Config): Promise<Transports> {
  const transports: Transports = {};
  if (config.SMTP_URL !== undefined && config.MAIL_FROM !== undefined) {
    transports.email = await createSmtpTransport({ url: config.SMTP_URL, from: config.MAIL_FROM, timeoutMs: config.NOTIFY_TIMEOUT_MS });
  }
  const secret = config.WEBHOOK_SECRET ?? '';
  if (config.SMS_WEBHOOK_URL !== undefined) transports.sms = createWebhookTransport({ channel: 'sms', url: config.SMS_WEBHOOK_URL, secret, timeoutMs: config.NOTIFY_TIMEOUT_MS });
  if (config.VOICE_WEBHOOK_URL !== undefined) transports.voice = createWebhookTransport({ channel: 'voice', url: config.VOICE_WEBHOOK_URL, secret, timeoutMs: config.NOTIFY_TIMEOUT_MS });
  return transports;
}

/** Closes every transport (on shutdown). */
export async function closeTransports(transports: Transports): Promise<void> {
  await Promise.all(Object.values(transports).map((t) => t.close()));
}
