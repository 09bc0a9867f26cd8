// SPEC S1/S11: the email sent when wrong codes close a verification — what happened, when, what reopens it and the support desk; Japanese then English.
import { greeting, signOff, supportDeskLine } from './email-frame.js';
import type { Message } from './notifier.js';
import { procedureName, type CodeProcedure } from './texts.js';
import { japanDateTime } from '../i18n/japan-time.js';

export type ClosureNotice = {
  to: string;
  procedure: CodeProcedure;
  /** Which code: the one emailed, or the one sent to the registered phone. */
  purpose: 'email' | 'phone';
  at: number;
  brand: string;
  supportPhone: string;
  supportHours: string;
};

export function closureNoticeMessage(n: ClosureNotice): Message {
  // SPEC S1: for M and G a completed password reset reopens it too
  const byReset = n.procedure === 'migration' || n.procedure === 'registration';
  const ja = [
    greeting('ja', n.brand),
    '',
    `${japanDateTime(n.at, 'ja')}（日本時間）、「${procedureName.ja[n.procedure]}」のお手続きで${n.purpose === 'email' ? 'メール' : 'ご登録の電話番号'}あての認証コードが一定回数以上誤って入力されたため、セキュリティ保護のため、このお手続きの認証機能を停止しました。`,
    '',
    byReset
      ? 'お手続きを再開するには、サポートデスクにお電話ください。My IDをお持ちの方は、ログイン画面の「パスワードをお忘れの方はこちら」からパスワードを再設定されても再開できます。'
      : 'お手続きを再開するには、サポートデスクにお電話ください。',
    '',
    'お心当たりのない場合は、第三者がお手続きを試みたおそれがあります。サポートデスクまでご連絡ください。',
    supportDeskLine('ja', n.supportPhone, n.supportHours),
    ...signOff('ja', n.brand),
  ];
  const en = [
    greeting('en', n.brand),
    '',
    `At ${japanDateTime(n.at, 'en')} (Japan time), the verification code ${n.purpose === 'email' ? 'sent by email' : 'sent to your registered phone'} for ${procedureName.en[n.procedure]} was entered wrongly too many times, so we have stopped verification for this procedure to protect you.`,
    '',
    byReset
      ? 'To continue, please call the support desk. If you have a My ID, resetting your password (“Forgot your password?” on the sign-in page) also lets you continue.'
      : 'To continue, please call the support desk.',
    '',
    'If this was not you, someone else may have tried this procedure. Please contact the support desk.',
    supportDeskLine('en', n.supportPhone, n.supportHours),
    ...signOff('en', n.brand),
  ];
  return {
    channel: 'email',
    to: n.to,
    subject: `【${n.brand}】認証機能停止のお知らせ`,
    text: [...ja, '', '----- English -----', '', `[${n.brand}] Verification has been stopped`, '', ...en].join('\n'),
  };
}
