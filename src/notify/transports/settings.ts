// SPEC D2: the delivery settings' rules, spread into src/config.ts's schema; a URL's password is never shown (§2).
import * as v from 'valibot';
import type { Channel } from '../notifier.js';
import { isLoopbackHost } from './loopback.js';

const parse = (s: string): URL | undefined => (URL.canParse(s) ? new URL(s) : undefined);
/** A rule on the parsed URL; an unparsable one is left to v.url's message. */
const onUrl = (rule: (u: URL) => boolean, message: string) => v.check((s: string) => { const u = parse(s); return !u || rule(u); }, message);

export const smtpUrl = v.optional(
  v.pipe(
    v.string(),
    v.trim(),
    v.url('must be a URL such as smtps://user:password@smtp.example.jp:465'),
    onUrl((u) => u.protocol === 'smtps:' || u.protocol === 'smtp:', 'must start with smtps:// (TLS) or smtp:// (STARTTLS)'),
    onUrl((u) => u.hostname !== '', 'must name a host'),
    // nodemailer-style options such as ?ignoreTLS=true would switch TLS off: the scheme alone decides
    onUrl((u) => u.search === '' && u.hash === '' && (u.pathname === '' || u.pathname === '/'), 'must have no path or query: TLS follows from the scheme (smtps://, or smtp:// with STARTTLS required except to this machine)'),
  ),
);

export const webhookUrl = v.optional(
  v.pipe(
    v.string(),
    v.trim(),
    v.url('must be a URL such as https://sms.example.jp/send'),
    onUrl((u) => u.protocol === 'https:' || u.protocol === 'http:', 'must start with https://'),
    onUrl((u) => u.protocol === 'https:' || isLoopbackHost(u.hostname), 'must use https:// unless the host is this machine (loopback)'),
    onUrl((u) => u.username === '' && u.password === '', 'must not hold a user name or password (every request is signed with WEBHOOK_SECRET)'),
  ),
);

const fromAddress = (s: string) => /^[^<>\r\n]*<([^<>\s]+)>$/.exec(s)?.[1] ?? s;

export const mailFrom = v.optional(
  v.pipe(
    v.string(),
    v.trim(),
    v.maxLength(200, 'must be at most 200 characters'),
    v.check((s) => !/[\r\n]/.test(s) && v.is(v.pipe(v.string(), v.rfcEmail()), fromAddress(s)), 'must be an address such as no-reply@example.jp or "My Card <no-reply@example.jp>"'),
  ),
);

export const webhookSecret = v.optional(v.pipe(v.string(), v.trim(), v.minLength(32, 'must be at least 32 characters')));

type DeliverySettings = {
  SMTP_URL?: string;
  MAIL_FROM?: string;
  SMS_WEBHOOK_URL?: string;
  VOICE_WEBHOOK_URL?: string;
  WEBHOOK_SECRET?: string;
};

/** The setting that gives each channel its transport. */
export const transportSetting = { email: 'SMTP_URL', sms: 'SMS_WEBHOOK_URL', voice: 'VOICE_WEBHOOK_URL' } as const satisfies Record<Channel, keyof DeliverySettings>;

/** SPEC D2: the channels that fall back to the console + file stand-in. */
export function channelsWithoutTransport(s: DeliverySettings): Channel[] {
  return (Object.keys(transportSetting) as Channel[]).filter((channel) => s[transportSetting[channel]] === undefined);
}

/** The settings that need one another; the first problem as `KEY: what is wrong`, or undefined. */
export function deliveryProblem(s: DeliverySettings, standIn: boolean, production: boolean): { key: string; message: string } | undefined {
  if (s.SMTP_URL !== undefined && s.MAIL_FROM === undefined) return { key: 'MAIL_FROM', message: 'must be set when SMTP_URL is (the From address of every email)' };
  const hook = s.SMS_WEBHOOK_URL !== undefined ? 'SMS_WEBHOOK_URL' : s.VOICE_WEBHOOK_URL !== undefined ? 'VOICE_WEBHOOK_URL' : undefined;
  if (hook && s.WEBHOOK_SECRET === undefined) return { key: 'WEBHOOK_SECRET', message: `must be set when ${hook} is (every webhook request is signed with it)` };
  const missing = standIn ? [] : channelsWithoutTransport(s);
  if (missing.length === 0) return undefined;
  const [first, ...rest] = missing.map((c) => transportSetting[c]);
  const when = production ? 'NODE_ENV=production' : 'NOTIFY_STAND_IN=false';
  const also = rest.length ? ` (also unset: ${rest.join(', ')})` : '';
  return { key: first, message: `must be set when ${when}, since ${missing[0]} has no other transport${also}; NOTIFY_STAND_IN=true keeps the console + file stand-in on purpose` };
}
