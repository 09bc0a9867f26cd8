// The words of every message the portal sends (email, SMS, voice call), in Japanese and English.
import { greeting, signOff } from './email-frame.js';
import type { Lang } from '../i18n/define.js';
import type { Channel, Message } from './notifier.js';
import { japanTime } from '../i18n/japan-time.js';

/** `14時35分`: how the Japanese voice call says a clock time. */
function tokyoTimeSpokenJa(at: number): string {
  const [h, m] = japanTime(at).split(':').map(Number);
  return m === 0 ? `${h}時` : `${h}時${m}分`;
}

/** `1 2 3 4`: a code read out digit by digit. */
function spaced(code: string): string {
  return code.split('').join(' ');
}

/** Which procedure a code is for (the flow kind), so an unrequested code is recognisable as one. */
export type CodeProcedure = 'migration' | 'reset' | 'registration' | 'my-id-change';

export const procedureName: Record<Lang, Record<CodeProcedure, string>> = {
  ja: { migration: 'My IDへの移行', reset: 'パスワードの再設定', registration: 'My IDの作成', 'my-id-change': 'My IDの変更' },
  en: { migration: 'moving to a My ID', reset: 'resetting your password', registration: 'creating a My ID', 'my-id-change': 'changing your My ID' },
};

/** What to do with a code you did not ask for: for a reset, that nothing changes without the code. */
const notAsked: Record<Lang, (procedure: string, isReset: boolean) => string> = {
  ja: (procedure, isReset) =>
    `「${procedure}」のお手続きに心当たりのない場合は、このメールを破棄してください。${isReset ? '認証コードを入力しない限り、パスワードは変更されません。' : ''}他の人がお手続きを試みたおそれがあるため、ご心配な場合はカード裏面の電話番号までご連絡ください。`,
  en: (procedure, isReset) =>
    `If you are not ${procedure}, ignore this email.${isReset ? ' Your password does not change unless the code is entered.' : ''} Someone else may have tried; if you are worried, call the number on the back of your card.`,
};

export type CodeText = {
  channel: Channel;
  /** The procedure the code is for; named in the subject and the text. */
  procedure?: CodeProcedure;
  /** The normalised email address or phone digits. */
  to: string;
  code: string;
  expiresAt: number;
  lang: Lang;
  brand: string;
};

type CodeParts = { brand: string; code: string; until: string; spokenUntil: string; procedure?: string; notAsked: string };

const codeTexts: Record<Lang, Record<Channel, (p: CodeParts) => string> & { subject: (brand: string, procedure?: string) => string }> = {
  ja: {
    subject: (brand, procedure) => (procedure ? `【${brand}】${procedure}の認証コードのお知らせ` : `【${brand}】認証コードのお知らせ`),
    email: ({ brand, code, until, procedure, notAsked }) =>
      [
        greeting('ja', brand),
        '',
        procedure ? `「${procedure}」のお手続きの画面で、次の認証コードを入力してください。` : 'お手続きの画面で、次の認証コードを入力してください。',
        '',
        `認証コード：${code}`,
        '',
        `この認証コードは${until}（日本時間）まで有効です。`,
        '認証コードは他の人に教えないでください。当社から認証コードをお尋ねすることはありません。',
        notAsked,
        ...signOff('ja', brand),
      ].join('\n'),
    sms: ({ brand, code, until, procedure }) => `【${brand}】${procedure ? `${procedure}の` : ''}認証コード：${code}（${until}まで有効）。他の人に教えないでください。`,
    voice: ({ brand, code, spokenUntil, procedure }) =>
      `${brand}です。${procedure ? `${procedure}の` : ''}認証コードをお知らせします。認証コードは、${spaced(code)}、です。繰り返します。認証コードは、${spaced(code)}、です。${spokenUntil}まで有効です。`,
  },
  en: {
    subject: (brand, procedure) => (procedure ? `[${brand}] Your verification code for ${procedure}` : `[${brand}] Your verification code`),
    email: ({ brand, code, until, procedure, notAsked }) =>
      [
        greeting('en', brand),
        '',
        procedure ? `You asked for a code for ${procedure}. Enter this verification code on the page where you asked for it.` : 'Enter this verification code on the page where you asked for it.',
        '',
        `Verification code: ${code}`,
        '',
        `The code is valid until ${until} (Japan time).`,
        'Do not tell anyone this code. We will never ask you for it.',
        notAsked,
        ...signOff('en', brand),
      ].join('\n'),
    sms: ({ brand, code, until, procedure }) => `[${brand}] ${procedure ? `Code for ${procedure}` : 'Verification code'}: ${code} (valid until ${until} Japan time). Do not share it with anyone.`,
    voice: ({ brand, code, until, procedure }) =>
      `This is ${brand}.${procedure ? ` This is your code for ${procedure}.` : ''} Your verification code is: ${spaced(code)}. Again, your verification code is: ${spaced(code)}. It is valid until ${until}, Japan time.`,
  },
};

/**
 * SPEC §2, M6a: the message that carries a verification code. The code is in `code` and in
 * `text`; a voice message's text is what the call speaks, so there the digits are spaced out
 * and said twice.
 */
export function codeMessage(p: CodeText): Message {
  const texts = codeTexts[p.lang];
  const until = japanTime(p.expiresAt);
  const procedure = p.procedure && procedureName[p.lang][p.procedure];
  const generic = p.lang === 'ja' ? 'お心当たりのない場合は、このメールを破棄してください。' : 'If you did not ask for a code, you can ignore this email.';
  const parts = { brand: p.brand, code: p.code, until, spokenUntil: tokyoTimeSpokenJa(p.expiresAt), procedure, notAsked: procedure ? notAsked[p.lang](procedure, p.procedure === 'reset') : generic };
  return { channel: p.channel, to: p.to, subject: texts.subject(p.brand, procedure), text: texts[p.channel](parts), code: p.code };
}
