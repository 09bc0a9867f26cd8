// The notices sent when an account changes (SPEC T2, R3, G3, M8): password changed, My ID changed, reset done, account closed, My ID created, card email replaced.
import { signOff } from './email-frame.js';
import type { Lang } from '../i18n/define.js';
import type { Message } from './notifier.js';
import { japanDateTime } from '../i18n/japan-time.js';
import type { CommitFacts } from '../flows/data.js';

export type AccountNoticeKind = 'passwordChanged' | 'myIdChanged' | 'passwordReset' | 'accountClosed' | 'myIdCreated' | 'cardEmailReplaced';

/** SPEC §2: the support desk (SUPPORT_PHONE, SUPPORT_HOURS) that notices point to. */
export type SupportDesk = { phone: string; hours: string };

export type AccountNotice = {
  kind: AccountNoticeKind;
  /** The address the notice goes to (for a My ID change: the old one). */
  to: string;
  lang: Lang;
  brand: string;
  at: number;
  /** The My ID the change concerns, where the text names it (masked by the caller when it goes to another address). */
  myId?: string;
  /** The support desk to call; without it the notice points to the number on the back of the card only. */
  support?: SupportDesk;
  /** My ID created (M8, G3): what the completion did — the cards linked and not, the card email, the My IDs closed (issue 19 item 8). */
  committed?: CommitFacts;
};

type Parts = { subject: string; lines: string[] };

const cardsJa = (cards: CommitFacts['linked']) => cards.map((c) => `${c.cardName}（下4桁 ${c.last4}）`).join('、');
const cardsEn = (cards: CommitFacts['linked']) => cards.map((c) => `${c.cardName} (ending ${c.last4})`).join(', ');

/** The summary of what a completion did, as the done page says it (issue 19 item 8). */
const committedLines: Record<Lang, (f: CommitFacts | undefined) => string[]> = {
  ja: (f) =>
    !f
      ? []
      : [
          `このMy IDでご利用いただけるカード：${cardsJa(f.linked)}`,
          ...(f.separate.length > 0 ? [`このMy IDに連携されていないカード：${cardsJa(f.separate)}（登録されているメールアドレスが異なるか、すでに別のMy IDでご利用のカードです）`] : []),
          f.cardEmail === 'kept' ? 'カードの登録メールアドレスは変わりません。' : 'カードの登録メールアドレスも、このメールアドレスに変更しました。',
          ...f.closing.map((e) => `これまでのMy ID（${e.masked}）は廃止しました。`),
        ],
  en: (f) =>
    !f
      ? []
      : [
          `Cards you can use with this My ID: ${cardsEn(f.linked)}`,
          ...(f.separate.length > 0 ? [`Cards not linked to this My ID: ${cardsEn(f.separate)} (registered with a different email address, or already used with another My ID)`] : []),
          f.cardEmail === 'kept' ? 'The email address registered for your cards stays the same.' : 'The email address registered for your cards has been changed to this address too.',
          ...f.closing.map((e) => `Your previous My ID (${e.masked}) has been closed.`),
        ],
};

const texts: Record<Lang, (n: AccountNotice, time: string) => Record<AccountNoticeKind, Parts>> = {
  ja: (n, time) => {
    const desk = n.support ? `カード裏面の電話番号、またはサポートデスク（${n.support.phone}、受付時間 ${n.support.hours}）` : 'カード裏面の電話番号';
    const notMe = `お心当たりのない場合は、第三者に不正に利用されているおそれがあります。至急ログイン画面の「パスワードをお忘れの方はこちら」からパスワードを再設定し、${desk}までご連絡ください。`;
    // the old address is no longer a My ID: a reset to it goes nowhere (R1), so only a new My ID (G3 closes the hijacked one) and a call help
    const notMeOldAddress = [
      'お心当たりのない場合は、第三者にMy IDを変更されたおそれがあります。このメールアドレスはMy IDではなくなったため、パスワードの再設定はできません。',
      `至急${desk}までご連絡ください。`,
      'あわせて、ログイン画面の「My ID作成はこちら」から、カード番号と生年月日でご自身のMy IDを作成してください。作成すると、変更されたMy IDは廃止され、カードは新しいMy IDに移ります。',
    ];
    return {
      passwordChanged: {
        subject: `【${n.brand}】パスワード変更のお知らせ`,
        lines: [`${time}に、${n.brand}のパスワードが変更されました。`, '変更したご本人以外のログイン中の画面は、すべてログアウトしています。', notMe],
      },
      myIdChanged: {
        subject: `【${n.brand}】My ID変更のお知らせ`,
        lines: [
          `${time}に、${n.brand}のMy ID（メールアドレス）が ${n.myId ?? ''} に変更されました。`,
          'このメールアドレスでは今後ログインできません。今後のお知らせは新しいMy IDあてにお送りします。',
          ...notMeOldAddress,
        ],
      },
      passwordReset: {
        subject: `【${n.brand}】パスワード再設定完了のお知らせ`,
        lines: [
          `${time}に、My ID ${n.myId ?? ''} のパスワードを再設定しました。`,
          'IDのロックは解除され、ログイン中だった画面はすべてログアウトしています。新しいパスワードでログインしてください。',
          notMe,
        ],
      },
      accountClosed: {
        subject: `【${n.brand}】My ID廃止のお知らせ`,
        lines: [
          `${time}に、カード情報からMy IDが新しく作成されたため、これまでのMy ID ${n.myId ?? ''} を廃止しました。`,
          'これまでのMy IDではログインできません。ご利用のカードは新しいMy IDでご確認いただけます。',
          `お心当たりのない場合は、${desk}まで至急ご連絡ください。`,
        ],
      },
      myIdCreated: {
        subject: `【${n.brand}】My ID登録完了のお知らせ`,
        lines: [
          `${time}に、${n.brand}のMy IDとしてこのメールアドレスを登録しました。`,
          ...committedLines.ja(n.committed),
          '今後はこのメールアドレスと設定したパスワードでログインしてください。',
          `お心当たりのない場合は、${desk}まで至急ご連絡ください。`,
        ],
      },
      cardEmailReplaced: {
        subject: `【${n.brand}】カード登録メールアドレス変更のお知らせ`,
        lines: [
          `${time}に、My IDへの移行のお手続きで、クレジットカードに登録されているメールアドレスがこのアドレスから ${n.myId ?? ''} に変更されました。`,
          '今後、カードに関するお知らせは新しいメールアドレスあてにお送りします。',
          `お心当たりのない場合は、第三者にお手続きされたおそれがあります。至急${desk}までご連絡ください。`,
        ],
      },
    };
  },
  en: (n, time) => {
    const desk = n.support ? `the number on the back of your card, or our support desk on ${n.support.phone} (${n.support.hours}, Japan time)` : 'the number on the back of your card';
    const notMe = `If this was not you, someone else may be using your account. Reset your password at once with “Forgot your password?” on the sign-in page, and call ${desk}.`;
    const notMeOldAddress = [
      'If this was not you, someone else may have changed your My ID. This address is no longer a My ID, so a password reset to it will not work.',
      `Call ${desk} at once.`,
      'Also create your own My ID with “Create a My ID” on the sign-in page, using your card number and date of birth. That closes the changed My ID and moves your cards to the new one.',
    ];
    return {
      passwordChanged: {
        subject: `[${n.brand}] Your password was changed`,
        lines: [`Your ${n.brand} password was changed on ${time} (Japan time).`, 'Every other signed-in browser has been signed out.', notMe],
      },
      myIdChanged: {
        subject: `[${n.brand}] Your My ID was changed`,
        lines: [
          `Your ${n.brand} My ID (email address) was changed to ${n.myId ?? ''} on ${time} (Japan time).`,
          'You can no longer sign in with this address. From now on we write to your new My ID.',
          ...notMeOldAddress,
        ],
      },
      passwordReset: {
        subject: `[${n.brand}] Your password has been reset`,
        lines: [
          `The password of My ID ${n.myId ?? ''} was reset on ${time} (Japan time).`,
          'Any lock on the ID has been lifted and every signed-in browser has been signed out. Sign in with your new password.',
          notMe,
        ],
      },
      accountClosed: {
        subject: `[${n.brand}] Your My ID has been closed`,
        lines: [
          `A new My ID was created from your card details on ${time} (Japan time), so your previous My ID ${n.myId ?? ''} has been closed.`,
          'You can no longer sign in with the previous My ID. Your cards are shown under the new one.',
          `If this was not you, call ${desk} at once.`,
        ],
      },
      myIdCreated: {
        subject: `[${n.brand}] Your My ID is registered`,
        lines: [
          `This email address was registered as your ${n.brand} My ID on ${time} (Japan time).`,
          ...committedLines.en(n.committed),
          'From now on, sign in with this address and the password you set.',
          `If this was not you, call ${desk} at once.`,
        ],
      },
      cardEmailReplaced: {
        subject: `[${n.brand}] The email address on your card was changed`,
        lines: [
          `On ${time} (Japan time), while moving to a My ID, the email address registered for your credit card was changed from this address to ${n.myId ?? ''}.`,
          'From now on we send notices about your card to the new address.',
          `If this was not you, someone else may have done it. Call ${desk} at once.`,
        ],
      },
    };
  },
};

/** The email for one account change. */
export function accountNotice(n: AccountNotice): Message {
  const parts = texts[n.lang](n, japanDateTime(n.at, n.lang))[n.kind];
  return { channel: 'email', to: n.to, subject: parts.subject, text: [...parts.lines, ...signOff(n.lang, n.brand)].join('\n') };
}
