// Pages for requests the portal cannot serve (SPEC X2, X4).
import { defineMessages } from '../define.js';

export const errors = defineMessages(
  {
    'errors.notFoundTitle': 'ページが見つかりません',
    'errors.notFoundBody': 'お探しのページは見つかりませんでした。アドレスに誤りがないかご確認ください。',
    'errors.forbiddenTitle': 'もう一度お手続きください',
    'errors.forbiddenBody': 'セキュリティ保護のため、このリクエストを受け付けられませんでした。ページを開き直してから、もう一度お試しください。',
    'errors.startAgain': '最初からやり直す',
    'errors.forbiddenCookies': 'この画面が繰り返し表示される場合は、ブラウザでCookieが有効になっているか、同じブラウザの別のタブやウィンドウで同じ手続きをしていないかをご確認ください。',
    'errors.tooLargeTitle': '送信された内容が大きすぎます',
    'errors.tooLargeBody': '入力内容が大きすぎるため受け付けられませんでした。内容を確認して、もう一度お試しください。',
    'errors.badFormTitle': '送信内容を読み取れませんでした',
    'errors.badForm': '送信内容を読み取れませんでした。ページを開き直して、もう一度入力してください。',
    'errors.serverTitle': '現在ご利用いただけません',
    'errors.serverBody': '一時的な問題が発生しました。しばらく時間をおいて再度お試しください。',
    'errors.goToSignIn': 'ログイン画面へ',
    'errors.throttledTitle': 'しばらくお待ちください',
    'errors.throttled': 'しばらく時間をおいて再度お試しください。',
  },
  {
    'errors.notFoundTitle': 'Page not found',
    'errors.notFoundBody': 'We could not find the page you asked for. Check the address and try again.',
    'errors.forbiddenTitle': 'Please start again',
    'errors.forbiddenBody': 'For your security we could not accept this request. Open the page again and retry.',
    'errors.startAgain': 'Start again',
    'errors.forbiddenCookies': 'If you see this page again, check that your browser accepts cookies from this site, and that you are not doing the same procedure in another tab or window of this browser.',
    'errors.tooLargeTitle': 'What you sent is too large',
    'errors.tooLargeBody': 'What you sent was too large to accept. Check what you entered and try again.',
    'errors.badFormTitle': 'We could not read what you sent',
    'errors.badForm': 'We could not read what you sent. Open the page again and re-enter your details.',
    'errors.serverTitle': 'Service unavailable',
    'errors.serverBody': 'Something went wrong on our side. Please wait a while and try again.',
    'errors.goToSignIn': 'Go to sign in',
    'errors.throttledTitle': 'Please wait',
    'errors.throttled': 'Please wait a while and try again.',
  },
);
