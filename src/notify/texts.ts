// The words of every message the portal sends (email, SMS, voice call), in Japanese and English.
import type { Lang } from '../i18n/define.js';
import type { Channel, Message } from './notifier.js';

/** A clock time in Japan, e.g. `14:35` (SPEC M4: validity is said as a clock time). */
export function tokyoTime(at: number): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

/** `2025年1月23日 14:35` / `23 Jan 2025, 14:35`: a date and time in Japan, as the account notices state when it happened. */
export function tokyoDateTime(at: number, lang: Lang): string {
  const f = new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: lang === 'ja' ? 'numeric' : 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  if (lang === 'en') return f.format(at);
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}年${p.month}月${p.day}日 ${p.hour}:${p.minute}`;
}

/** `14時35分`: how the Japanese voice call says a clock time. */
function tokyoTimeSpokenJa(at: number): string {
  const [h, m] = tokyoTime(at).split(':').map(Number);
  return m === 0 ? `${h}時` : `${h}時${m}分`;
}

/** `1 2 3 4`: a code read out digit by digit. */
function spaced(code: string): string {
  return code.split('').join(' ');
}

export type CodeText = {
  channel: Channel;
  /** The normalised email address or phone digits. */
  to: string;
  code: string;
  expiresAt: number;
  lang: Lang;
  brand: string;
};

const codeTexts: Record<Lang, Record<Channel, (p: { brand: string; code: string; until: string; spokenUntil: string }) => string> & { subject: (brand: string) => string }> = {
  ja: {
    subject: (brand) => `【${brand}】認証コードのお知らせ`,
    email: ({ brand, code, until }) =>
      [
        `${brand}をご利用いただきありがとうございます。`,
        '',
        'お手続きの画面で、次の認証コードを入力してください。',
        '',
        `認証コード：${code}`,
        '',
        `この認証コードは${until}（日本時間）まで有効です。`,
        '認証コードは他の人に教えないでください。当社から認証コードをお尋ねすることはありません。',
        'お心当たりのない場合は、このメールを破棄してください。',
        '',
        '※このメールは送信専用のアドレスからお送りしています。',
        brand,
      ].join('\n'),
    sms: ({ brand, code, until }) => `【${brand}】認証コード：${code}（${until}まで有効）。他の人に教えないでください。`,
    voice: ({ brand, code, spokenUntil }) =>
      `${brand}です。認証コードをお知らせします。認証コードは、${spaced(code)}、です。繰り返します。認証コードは、${spaced(code)}、です。${spokenUntil}まで有効です。`,
  },
  en: {
    subject: (brand) => `[${brand}] Your verification code`,
    email: ({ brand, code, until }) =>
      [
        `Thank you for using ${brand}.`,
        '',
        'Enter this verification code on the page where you asked for it.',
        '',
        `Verification code: ${code}`,
        '',
        `The code is valid until ${until} (Japan time).`,
        'Do not tell anyone this code. We will never ask you for it.',
        'If you did not ask for a code, you can ignore this email.',
        '',
        'This email was sent from an address that cannot receive replies.',
        brand,
      ].join('\n'),
    sms: ({ brand, code, until }) => `[${brand}] Verification code: ${code} (valid until ${until} Japan time). Do not share it with anyone.`,
    voice: ({ brand, code, until }) =>
      `This is ${brand}. Your verification code is: ${spaced(code)}. Again, your verification code is: ${spaced(code)}. It is valid until ${until}, Japan time.`,
  },
};

/**
 * SPEC §2, M6a: the message that carries a verification code. The code is in `code` and in
 * `text`; a voice message's text is what the call speaks, so there the digits are spaced out
 * and said twice.
 */
export function codeMessage(p: CodeText): Message {
  const texts = codeTexts[p.lang];
  const until = tokyoTime(p.expiresAt);
  const text = texts[p.channel]({ brand: p.brand, code: p.code, until, spokenUntil: tokyoTimeSpokenJa(p.expiresAt) });
  return { channel: p.channel, to: p.to, subject: texts.subject(p.brand), text, code: p.code };
}
