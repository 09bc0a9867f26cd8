// What every email says around its message, in the guide's words: the greeting, and the no-reply note signed by the brand.
import type { Lang } from '../i18n/index.js';

/** The first line of every email. */
export function greeting(lang: Lang, brand: string): string {
  return lang === 'ja' ? `${brand}をご利用いただきありがとうございます。` : `Thank you for using ${brand}.`;
}

/** The last lines of every email, after a blank line. */
export function signOff(lang: Lang, brand: string): string[] {
  return ['', lang === 'ja' ? '※このメールは送信専用のアドレスからお送りしています。' : 'This email was sent from an address that cannot receive replies.', brand];
}

/** SPEC §2: the support desk's number and hours, on a line of their own. */
export function supportDeskLine(lang: Lang, phone: string, hours: string): string {
  return lang === 'ja' ? `サポートデスク：${phone}（受付時間 ${hours}）` : `Support desk: ${phone} (hours ${hours}, Japan time)`;
}
