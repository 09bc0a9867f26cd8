// SPEC O6/S11: the notice an operator unlock sends the holder — what happened, when, and the support desk's number; Japanese then English.
import { greeting, signOff, supportDeskLine } from './email-frame.js';
import type { Message } from './notifier.js';
import { japanDateTime } from '../i18n/japan-time.js';

export type UnlockNotice = {
  to: string;
  /** What was unlocked, as the holder knows it: the ID, or the card's last four digits. */
  what: { kind: 'id'; id: string } | { kind: 'card'; last4: string };
  codeLockEnded: boolean;
  /** SPEC S1: a verification closed by wrong codes was reopened. */
  verificationReopened?: boolean;
  at: number;
  brand: string;
  supportPhone: string;
  supportHours: string;
};

export function unlockNoticeMessage(n: UnlockNotice): Message {
  const ja = [
    greeting('ja', n.brand),
    '',
    n.what.kind === 'id'
      ? `${japanDateTime(n.at, 'ja')}（日本時間）、サポートデスクでご本人確認のうえ、次のIDのロックを解除しました。`
      : `${japanDateTime(n.at, 'ja')}（日本時間）、サポートデスクでご本人確認のうえ、末尾${n.what.last4}のカードのカード番号によるロックを解除しました。`,
    ...(n.what.kind === 'id' ? ['', `ID：${n.what.id}`] : []),
    ...(n.codeLockEnded ? ['', 'あわせて、認証コードの入力ロックも解除しました。'] : []),
    ...(n.verificationReopened ? ['', 'あわせて、停止していた認証機能を再開しました。もう一度お手続きいただけます。'] : []),
    '',
    'お心当たりのない場合は、サポートデスクまでお電話ください。',
    supportDeskLine('ja', n.supportPhone, n.supportHours),
    ...signOff('ja', n.brand),
  ];
  const en = [
    greeting('en', n.brand),
    '',
    n.what.kind === 'id'
      ? `At ${japanDateTime(n.at, 'en')} (Japan time), after checking your identity, our support desk unlocked the ID below.`
      : `At ${japanDateTime(n.at, 'en')} (Japan time), after checking your identity, our support desk ended the lock on the card number of your card ending ${n.what.last4}.`,
    ...(n.what.kind === 'id' ? ['', `ID: ${n.what.id}`] : []),
    ...(n.codeLockEnded ? ['', 'The lock on verification codes has been lifted too.'] : []),
    ...(n.verificationReopened ? ['', 'Verification that had been stopped has been reopened: you can try the procedure again.'] : []),
    '',
    'If you did not ask for this, please call the support desk.',
    supportDeskLine('en', n.supportPhone, n.supportHours),
    ...signOff('en', n.brand),
  ];
  return {
    channel: 'email',
    to: n.to,
    subject: `【${n.brand}】ロック解除のお知らせ`,
    text: [...ja, '', '----- English -----', '', `[${n.brand}] Your lock has been lifted`, '', ...en].join('\n'),
  };
}
