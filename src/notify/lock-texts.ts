// SPEC L5: the email sent when repeated wrong passwords lock an ID — which ID, what happened, and what to do.
import { greeting, signOff } from './email-frame.js';
import type { Lang } from '../i18n/define.js';
import type { Message } from './notifier.js';
import type { SupportDesk } from './account-texts.js';
import { japanDateTime } from '../i18n/japan-time.js';
import type { Config } from '../config.js';

export type LockNotice = {
  /** The account's My ID, or the card's registered email for a legacy or initial ID. */
  to: string;
  /** The ID that was locked, as stored (normalised). */
  identifier: string;
  kind: 'myId' | 'legacy';
  /** 'both' when someone else's attempts locked the ID: Japanese first, then English, under the Japanese subject. */
  lang: Lang | 'both';
  brand: string;
  legacy: string;
  at: number;
  maxFailures: number;
  /** SPEC §2: the support desk the notice names. */
  support?: SupportDesk;
};

const texts: Record<Lang, (n: LockNotice, time: string) => { subject: string; lines: string[] }> = {
  ja: (n, time) => ({
    subject: `【${n.brand}】アカウント停止のお知らせ`,
    lines: [
      greeting('ja', n.brand),
      '',
      `${time}（日本時間）、次のIDでパスワードが${n.maxFailures}回続けて誤って入力されたため、セキュリティ保護のためIDを停止（ロック）しました。`,
      '',
      `ID：${n.identifier}`,
      '',
      'このIDでは、正しいパスワードを入力してもログインできません。',
      ...(n.kind === 'myId'
        ? ['ログイン画面の「パスワードをお忘れの方はこちら」からパスワードを再設定すると、ロックが解除され、新しいパスワードでログインできます。']
        : [`${n.legacy}のID・初期IDはロックを解除できません。ログイン画面の「My ID作成はこちら」から、カード番号と生年月日でMy IDを作成してください。`]),
      '',
      // a legacy or initial ID has no password to reset: the way out is a new My ID
      n.kind === 'myId'
        ? 'お心当たりのない場合は、第三者がログインを試みたおそれがあります。上記の手続きで新しいパスワードを設定し、他のサービスと同じパスワードをお使いの場合はそちらも変更してください。'
        : 'お心当たりのない場合は、第三者がログインを試みたおそれがあります。上記の手続きでMy IDを作成してください。他のサービスで同じパスワードをお使いの場合は、そちらも変更してください。',
      ...(n.support ? ['', `ご不明な点は、サポートデスク（${n.support.phone}、受付時間 ${n.support.hours}）までお問い合わせください。`] : []),
      ...signOff('ja', n.brand),
    ],
  }),
  en: (n, time) => ({
    subject: `[${n.brand}] Your ID has been locked`,
    lines: [
      greeting('en', n.brand),
      '',
      `At ${time} (Japan time) the password for the ID below was entered wrongly ${n.maxFailures} times in a row, so we locked the ID to protect your account.`,
      '',
      `ID: ${n.identifier}`,
      '',
      'You cannot sign in with this ID, even with the right password.',
      ...(n.kind === 'myId'
        ? ['Choose “Forgot your password?” on the sign-in page and set a new password: that unlocks the ID and you can sign in with the new password.']
        : [`A locked ${n.legacy} ID or initial ID cannot be unlocked. Choose “Create a My ID” on the sign-in page and create a My ID with your card number and date of birth.`]),
      '',
      n.kind === 'myId'
        ? 'If this was not you, someone else may have tried to sign in. Set a new password as above, and change it on any other service where you use the same password.'
        : 'If this was not you, someone else may have tried to sign in. Create a My ID as above, and change the password on any other service where you use the same one.',
      ...(n.support ? ['', `If you have questions, call our support desk on ${n.support.phone} (${n.support.hours}, Japan time).`] : []),
      ...signOff('en', n.brand),
    ],
  }),
};

/** SPEC L5: the lock notice with what the settings say of it (brand, legacy name, the lock's count, the support desk). */
export function configuredLockNotice(config: Config, at: number, n: Pick<LockNotice, 'to' | 'identifier' | 'kind' | 'lang'>): Message {
  return lockNoticeMessage({ ...n, brand: config.BRAND_NAME, legacy: config.LEGACY_NAME, at, maxFailures: config.LOGIN_MAX_FAILURES, support: { phone: config.SUPPORT_PHONE, hours: config.SUPPORT_HOURS } });
}

export function lockNoticeMessage(n: LockNotice): Message {
  const inLang = (lang: Lang) => texts[lang](n, japanDateTime(n.at, lang));
  if (n.lang !== 'both') {
    const { subject, lines } = inLang(n.lang);
    return { channel: 'email', to: n.to, subject, text: lines.join('\n') };
  }
  const [ja, en] = [inLang('ja'), inLang('en')];
  // the subject is read before the text: both languages, so an English reader sees what it is too
  return { channel: 'email', to: n.to, subject: `${ja.subject} / ${en.subject}`, text: [...ja.lines, '', '----- English -----', '', ...en.lines].join('\n') };
}

/** SPEC S11: the email sent when G1 failures lock a card number — what happened, when, until when, and the support desk. */
export type CardLockNotice = { to: string; last4: string; at: number; until: number; brand: string; supportPhone: string; supportHours: string };

export function cardLockNoticeMessage(n: CardLockNotice): Message {
  const ja = [
    greeting('ja', n.brand),
    '',
    `${japanDateTime(n.at, 'ja')}（日本時間）、「My ID作成」でカード番号（下4桁 ${n.last4}）と生年月日の組み合わせが一定回数続けて誤って入力されたため、セキュリティ保護のため、このカード番号でのお手続きを停止（ロック）しました。`,
    '',
    `${japanDateTime(n.until, 'ja')}（日本時間）を過ぎると、もう一度お手続きいただけます。それまでにパスワードの再設定または旧ID・初期IDでのお手続きを完了された場合も、ロックは解除されます。`,
    '',
    `お心当たりのない場合や、お急ぎの場合は、サポートデスク（${n.supportPhone}、受付時間 ${n.supportHours}）までお問い合わせください。`,
    ...signOff('ja', n.brand),
  ];
  const en = [
    greeting('en', n.brand),
    '',
    `At ${japanDateTime(n.at, 'en')} (Japan time), a card number ending ${n.last4} and a date of birth were entered wrongly too many times in a row in “Create a My ID”, so we paused (locked) procedures with this card number to protect you.`,
    '',
    `You can try again after ${japanDateTime(n.until, 'en')} (Japan time). Completing a password reset, or the procedure with a former or initial ID, also ends the lock.`,
    '',
    `If this was not you, or it is urgent, please call the support desk on ${n.supportPhone} (${n.supportHours}, Japan time).`,
    ...signOff('en', n.brand),
  ];
  return { channel: 'email', to: n.to, subject: `【${n.brand}】カード番号ロックのお知らせ`, text: [...ja, '', '----- English -----', '', ...en].join('\n') };
}
