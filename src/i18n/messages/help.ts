// The help page (SPEC H1): every message of sign-in (L) and migration (M), what it means and what to do.
import { defineMessages } from '../define.js';

export const help = defineMessages(
  {
    'help.title': 'ログインにお困りの方へ',
    'help.heading': 'ログインにお困りの方へ',
    'help.intro': '画面に表示されるメッセージごとに、その意味と対処方法をご案内します。表示されたメッセージの見出しをお選びください。',
    'help.contents': 'このページの内容',
    'help.quoted': '「{message}」',
    'help.meaning': 'どういう意味？',
    'help.todo': 'どうすればいい？',
    'help.backToSignIn': 'ログイン画面へ戻る',
    'help.groupSignIn': 'ログインのとき',
    'help.groupMigration': 'My IDへの移行・認証コード',
    'help.groupTips': '入力のヒント',

    'help.genericMeaning': 'IDとパスワードの組み合わせでログインできませんでした。IDが登録されていない、パスワードが登録されているものと異なる、または{legacy}のID・初期IDがすでにMy IDに移行済み（移行後は使えません）のいずれかです。セキュリティ保護のため、どれに当たるかはお知らせしていません。',
    'help.genericTodo1': '間違えやすい文字（数字の1と英字のI・l、数字の0と英字のO）や、大文字・小文字をご確認ください。',
    'help.genericTodo2': 'My IDへ移行済みの方は、{legacy}のIDではなくMy ID（メールアドレス）でログインしてください。パスワードを忘れた場合は「パスワードをお忘れの方はこちら」から再設定できます。',
    'help.genericTodo3': 'IDをお持ちでない方、IDを忘れた方は「My ID作成はこちら」から、カード番号と生年月日でMy IDを作成してください。',
    'help.genericTodo4': '同じIDで{max}回続けて誤ると、そのIDはロックされます。',

    'help.lockedMeaning': 'My IDのパスワードが{max}回続けて誤って入力されたため、セキュリティ保護のためIDを無効（ロック）にしました。ロック中は正しいパスワードを入力してもログインできません。ロックしたときは、My IDあてに「アカウント停止のお知らせ」メールをお送りしています。',
    'help.lockedTodo1': 'My IDをお使いの方は「パスワードをお忘れの方はこちら」からパスワードを再設定してください。再設定が完了するとロックが解除されます。',
    'help.lockedTodo2': '{legacy}のID・初期IDを入力していた方は「My ID作成はこちら」からMy IDを作成してください。',
    'help.lockedTodo3': 'ご自身で操作していないのにこのメッセージが表示された、またはメールが届いた場合は、第三者がログインを試みたおそれがあります。パスワードを再設定し、同じパスワードを他のサービスでお使いの場合はそちらも変更してください。',

    'help.lockedLegacyMeaning': '{legacy}のID・初期IDのパスワードが{max}回続けて誤って入力されたため、IDをロックしました。ロックしたIDは解除できず、正しいパスワードを入力してもログインできません。カードにご登録のメールアドレスあてにお知らせをお送りしています。',
    'help.lockedLegacyTodo1': '「My ID作成はこちら」から、カード番号と生年月日でご本人確認のうえMy IDを作成してください。作成後はMy IDでログインできます。',

    'help.throttledMeaning': 'ご利用の通信環境（同じインターネット接続）から、{minutes}分間にログインの失敗が一定回数を超えたため、一時的にログインを受け付けていません。会社や公共のWi-Fiなど、他の方と同じ接続をお使いの場合は、他の方の失敗も数えられます。',
    'help.throttledTodo1': '画面に表示された時刻を過ぎてから、もう一度お試しください。最長で{minutes}分お待ちいただきます。',
    'help.throttledTodo2': 'お待ちいただく間に、IDとパスワードをご確認ください。',
    'help.migrationBudgetMessage': 'しばらく時間をおいて再度お手続きください',
    'help.migrationBudgetMeaning': '旧ID・初期IDで正しくログインされましたが、同じIDでのお手続きの開始が24時間の上限回数に達しました。第三者によるIDの使い回しを防ぐための制限で、失敗やロックではありません。',
    'help.migrationBudgetTodo1': '画面に表示された時刻（日本時間）を過ぎてから、もう一度ログインしてお手続きを最後まで進めてください。',

    'help.sessionMeaning': '{idle}分間操作がなかった、またはログインから{hours}時間が経ったため、セキュリティ保護のため自動的にログアウトしました。',
    'help.sessionTodo1': 'もう一度ログインしてください。ログイン後は、表示していたページに戻ります。',
    'help.sessionTodo2': 'ログイン中は、各ページの上部にログアウトされる時刻が表示されます。時間が足りないときは「ログイン時間を延長する」を押してください。',
    'help.sessionEndedMeaning': 'ログアウトした後、パスワードやMy IDを変更した後（他の端末やブラウザのログインも終了します）、または長い間操作がなかった後に表示されます。',
    'help.sessionEndedTodo1': 'もう一度ログインしてください。ご自身で変更した覚えがないのにこの表示が続く場合は、パスワードを再設定してください。',

    'help.flowExpiredMeaning': 'お手続きは開始から{flowMinutes}分以内に完了していただく必要があります。時間が経ったか、別の画面やブラウザで新しくお手続きを始めたため、このお手続きは無効になりました。入力途中の内容は保存されていません。',
    'help.flowExpiredTodo1': 'ログイン画面から、もう一度お手続きを始めてください。',

    'help.flowCancelledMeaning': '「キャンセル」または「いいえ」を選んだため、お手続きを中止しました。それまでの入力内容は登録されていません。',
    'help.flowCancelledTodo1': 'お手続きを続ける場合は、ログイン画面から{legacy}のID・初期IDで再度ログインしてください。',

    'help.cardEmailTakenMessage': 'クレジットカードに登録されているメールアドレスは既にMy IDとして登録されています。',
    'help.cardEmailTakenMeaning': 'カードにご登録のメールアドレスは、すでに別のMy IDとして使われているため、このお手続きでは使えません。',
    'help.cardEmailTakenTodo1': '続く画面で、ご自身だけがお使いの別のメールアドレスを入力してください。',
    'help.cardEmailTakenTodo2': 'そのメールアドレスがご自身のMy IDの場合は、いったんお手続きを中止し、My IDでログインしてください。パスワードを忘れた場合は「パスワードをお忘れの方はこちら」から再設定できます。',

    'help.emailInvalidMessage': 'メールアドレスの入力に誤りがあります。',
    'help.emailInvalidMeaning': '入力されたメールアドレスの形式が正しくありません。メッセージの下に、次のどれに当たるかを表示しています。',
    'help.emailRuleAscii': '半角の英数字と記号で入力してください（全角で入力された文字は自動的に半角に変換します。変換できない日本語などは使えません）。',
    'help.emailRuleAt': '「@」はちょうど1つ必要です。',
    'help.emailRuleAtEdge': '「@」の前と後ろの両方に文字が必要です。',
    'help.emailRuleSymbol': 'メールアドレスに使えない記号が含まれていないか確認してください。',
    'help.emailRuleDot': '「@」より後ろ（ドメイン）には「.」が必要です（例：example.jp）。',
    'help.emailRuleLength': '254文字以内で入力してください。',
    'help.emailInvalidTodo1': 'メールアドレスを確認して、入力し直してください。貼り付けた場合の前後の空白は自動的に取り除きます。',

    'help.emailUnavailableMessage': 'ご入力いただいたメールアドレスはご利用いただけません。',
    'help.emailUnavailableMeaning': 'そのメールアドレスは、すでにMy IDとして登録されています（同じ時刻に別のお手続きで登録された場合も含みます）。セキュリティ保護のため、誰のMy IDかはお知らせしていません。',
    'help.emailUnavailableTodo1': 'ご自身だけがお使いの別のメールアドレスを入力してください。',
    'help.emailUnavailableTodo2': 'ご自身のMy IDであれば、そのMy IDでログインしてください。パスワードを忘れた場合は「パスワードをお忘れの方はこちら」から再設定できます。',

    'help.codeMismatchMessage': '認証コードが一致しません。',
    'help.codeMismatchMeaning': '入力された認証コードが、お送りした最新の認証コードと違います。再送信すると、以前の認証コードは使えなくなります。',
    'help.codeMismatchTodo1': 'いちばん新しいメール・SMS・音声電話の4桁の数字を入力してください。',
    'help.codeMismatchTodo2': 'わからない場合は「認証コードを再送信する」を押してください。{codeMax}回続けて誤ると、認証がロックされます。',

    'help.codeExpiredMessage': '認証コードの有効期限が切れています。',
    'help.codeExpiredMeaning': '認証コードの有効期限は送信から{codeMinutes}分です。有効期限は画面に「14:35まで有効」のように時刻で表示しています。',
    'help.codeExpiredTodo1': '「認証コードを再送信する」を押して、新しい認証コードを受け取ってください。',

    'help.codeLockedMessage': '一定回数以上入力に誤りがあったため、認証機能がロックされました。しばらく時間をおいて再度お試しください。',
    'help.codeLockedMeaning': '認証コードが{codeMax}回続けて誤って入力されたため、不正な操作を防ぐために、この認証を{lockMinutes}分間停止しています。再送信や、お手続きのやり直しではロックは解除されません。',
    'help.codeLockedTodo1': '{lockMinutes}分ほどお待ちいただいてから、もう一度お手続きください。',

    'help.resendHeading': '認証コードを再送信できないとき',
    'help.resendMeaning': '同じ宛先への認証コードの送信は、{resendSeconds}秒以上の間隔をあけ、1時間に{perHour}回までとしています。次に再送信できる時刻は画面に表示しています。',
    'help.resendTodo1': '画面に表示された時刻を過ぎてから「認証コードを再送信する」を押してください。',

    'help.noCodeHeading': '認証コードが届かないとき',
    'help.noCodeMeaning': 'メールが迷惑メールと判定された、受信拒否の設定がある、SMSを受け取れない状態である、などの理由が考えられます。',
    'help.noCodeTodo1': '迷惑メールフォルダや、ドメイン指定受信・SMS受信拒否の設定をご確認ください。',
    'help.noCodeTodo2': '携帯電話のSMSが届かない場合は「音声電話で認証コードを送信」を選ぶと、自動音声の電話で認証コードをお知らせします。',
    'help.noCodeTodo3': 'メールアドレスを誤って入力した場合は、認証コードの入力画面で「メールアドレスを変更する」を押し、正しいメールアドレスを入力し直してください。新しいメールアドレスあてに認証コードをお送りします。',

    'help.passwordHeading': 'パスワードの条件を満たしていないとき',
    'help.passwordMeaning': '新しいパスワードが次の条件のどれかを満たしていません。満たしていない条件ごとにメッセージを表示しています。推測されにくいパスワードにするための条件です。',
    'help.passwordTodo1': '条件をすべて満たすパスワードを入力してください。他のサービスと同じパスワードは避けてください。パスワード管理ソフトで作ったパスワードや、貼り付けもお使いいただけます。',

    'help.forbiddenMeaning': 'ページを開いてから時間が経った、別のサイトから送信された、またはCookieが無効になっているため、セキュリティ保護のため送信内容を受け付けませんでした。',
    'help.forbiddenTodo1': 'ページを開き直してから、もう一度入力してください。このサイトはCookieを使います。ブラウザの設定でCookieを有効にしてください。',
    'help.cardDetailsMeaning': 'My IDの作成で入力されたカード番号と生年月日の組み合わせが、登録されている内容と一致しませんでした。セキュリティ保護のため、どちらが違うかはお知らせしていません。',
    'help.cardDetailsTodo1': 'カード表面のカード番号（空白やハイフンは入れても構いません）と生年月日をご確認のうえ、もう一度入力してください。{max}回続けて誤るとそのカード番号ではお手続きできなくなります。',
    'help.cardLockedMeaning': '同じカード番号で{max}回続けて誤った内容が入力されたため、セキュリティ保護のためこのカード番号でのMy ID作成を停止しています。',
    'help.cardLockedTodo1': 'ロックは{cardLockHours}時間で解除されます。画面に表示された日時（日本時間）を過ぎてから、もう一度お手続きください。パスワードの再設定、または旧ID・初期IDでのお手続きを完了された場合も解除されます。お急ぎの場合は、カード裏面の電話番号までお問い合わせください。',
    'help.currentLockedMeaning': '各種変更の画面で現在のパスワードが{max}回続けて誤って入力されたため、IDを無効にしてログアウトしました。',
    'help.currentLockedTodo1': '「パスワードをお忘れの方はこちら」からパスワードを再設定すると、再びログインできます。',
  },
  {
    'help.title': 'Trouble signing in?',
    'help.heading': 'Trouble signing in?',
    'help.intro': 'For each message you may see, what it means and what to do. Choose the heading of the message you saw.',
    'help.contents': 'On this page',
    'help.quoted': '“{message}”',
    'help.meaning': 'What it means',
    'help.todo': 'What to do',
    'help.backToSignIn': 'Back to sign in',
    'help.groupSignIn': 'Signing in',
    'help.groupMigration': 'Moving to a My ID and verification codes',
    'help.groupTips': 'Tips for typing',

    'help.genericMeaning': 'We could not sign you in with that ID and password. Either the ID is not registered, the password differs from the registered one, or the {legacy} ID or initial ID has already been moved to a My ID (after which it no longer works). For your security we do not say which.',
    'help.genericTodo1': 'Check characters that look alike (the digit 1 and the letters I and l, the digit 0 and the letter O) and upper and lower case.',
    'help.genericTodo2': 'If you have already moved to a My ID, sign in with your My ID (email address), not your {legacy} ID. If you forgot the password, reset it with “Forgot your password?”.',
    'help.genericTodo3': 'If you have no ID or forgot it, create a My ID with your card number and date of birth using “Create a My ID”.',
    'help.genericTodo4': 'After {max} wrong attempts in a row with one ID, that ID is locked.',

    'help.lockedMeaning': 'The password for this My ID was entered wrongly {max} times in a row, so we disabled (locked) the ID to protect your account. While it is locked you cannot sign in, even with the right password. When we locked it we sent a “Your ID has been locked” email to the My ID.',
    'help.lockedTodo1': 'If you use a My ID, reset your password with “Forgot your password?”. Completing the reset unlocks the ID.',
    'help.lockedTodo2': 'If you entered a {legacy} ID or an initial ID, create a My ID with “Create a My ID”.',
    'help.lockedTodo3': 'If you did not do this yourself, or you received the email unexpectedly, someone else may have tried to sign in. Reset your password, and change it on any other service where you use the same password.',

    'help.lockedLegacyMeaning': 'The password for this {legacy} ID or initial ID was entered wrongly {max} times in a row, so we locked the ID. A locked ID cannot be unlocked, even with the right password. We sent a notice to the email address registered for the card.',
    'help.lockedLegacyTodo1': 'Create a My ID with “Create a My ID”, confirming who you are with your card number and date of birth. Then sign in with your My ID.',

    'help.throttledMeaning': 'There were too many failed sign-ins from your network (the same internet connection) within {minutes} minutes, so sign-in is paused for a while. On a shared connection, such as an office or public Wi-Fi, other people’s failures count too.',
    'help.throttledTodo1': 'Try again after the time shown on the page. The wait is at most {minutes} minutes.',
    'help.throttledTodo2': 'Meanwhile, check your ID and password.',
    'help.migrationBudgetMessage': 'Please wait a while and start the procedure again',
    'help.migrationBudgetMeaning': 'You signed in correctly with a former or initial ID, but this ID has started the procedure the maximum number of times allowed in 24 hours. The limit stops an ID from being reused by someone else; it is not a failure or a lock.',
    'help.migrationBudgetTodo1': 'After the time shown on the page (Japan time), sign in again and complete the procedure.',

    'help.sessionMeaning': 'For your security you were signed out automatically, because there was no activity for {idle} minutes or {hours} hours have passed since you signed in.',
    'help.sessionTodo1': 'Sign in again. You will return to the page you were on.',
    'help.sessionTodo2': 'While you are signed in, the top of each page shows when you will be signed out. If you need more time, press “Stay signed in”.',
    'help.sessionEndedMeaning': 'You see this after signing out, after your password or My ID was changed (which also ends sign-ins on other devices and browsers), or after a long time without activity.',
    'help.sessionEndedTodo1': 'Sign in again. If you keep seeing this and did not change anything yourself, reset your password.',

    'help.flowExpiredMeaning': 'A procedure must be completed within {flowMinutes} minutes of starting it. Either that time passed or you started a new procedure in another window or browser, so this one is no longer valid. Nothing you entered was saved.',
    'help.flowExpiredTodo1': 'Start the procedure again from the sign-in page.',

    'help.flowCancelledMeaning': 'You chose “Cancel” or “No”, so the procedure was stopped. Nothing you entered was registered.',
    'help.flowCancelledTodo1': 'To continue, sign in again with your {legacy} ID or initial ID.',

    'help.cardEmailTakenMessage': 'The email address registered for your card is already registered as a My ID.',
    'help.cardEmailTakenMeaning': 'The email address registered for your card is already used as another My ID, so it cannot be used in this procedure.',
    'help.cardEmailTakenTodo1': 'On the next page, enter a different email address that only you use.',
    'help.cardEmailTakenTodo2': 'If that address is your own My ID, cancel this procedure and sign in with your My ID. If you forgot its password, reset it with “Forgot your password?”.',

    'help.emailInvalidMessage': 'The email address is not entered correctly.',
    'help.emailInvalidMeaning': 'The email address you entered is not in a valid form. Below the message we show which of these applies.',
    'help.emailRuleAscii': 'Use only the letters a–z, digits 0–9 and the symbols of a standard keyboard (letters typed with Japanese input are converted automatically; Japanese and other characters that cannot be converted are not allowed).',
    'help.emailRuleAt': 'It must contain exactly one “@”.',
    'help.emailRuleAtEdge': 'There must be characters both before and after the “@”.',
    'help.emailRuleSymbol': 'Check for symbols that email addresses cannot contain.',
    'help.emailRuleDot': 'The part after the “@” (the domain) must contain a “.” (for example example.jp).',
    'help.emailRuleLength': 'It must be at most 254 characters.',
    'help.emailInvalidTodo1': 'Check the address and enter it again. Spaces around a pasted address are removed automatically.',

    'help.emailUnavailableMessage': 'The email address you entered cannot be used.',
    'help.emailUnavailableMeaning': 'That email address is already registered as a My ID (including by another procedure at the same moment). For your security we do not say whose My ID it is.',
    'help.emailUnavailableTodo1': 'Enter a different email address that only you use.',
    'help.emailUnavailableTodo2': 'If it is your own My ID, sign in with it. If you forgot its password, reset it with “Forgot your password?”.',

    'help.codeMismatchMessage': 'The verification code does not match.',
    'help.codeMismatchMeaning': 'The code you entered differs from the latest code we sent. After a resend, earlier codes no longer work.',
    'help.codeMismatchTodo1': 'Enter the 4 digits from the newest email, text message or voice call.',
    'help.codeMismatchTodo2': 'If unsure, choose “Send the code again”. After {codeMax} wrong entries in a row the verification is locked.',

    'help.codeExpiredMessage': 'The verification code has expired.',
    'help.codeExpiredMeaning': 'A verification code is valid for {codeMinutes} minutes after it is sent. The page shows the expiry as a clock time, such as “Valid until 14:35”.',
    'help.codeExpiredTodo1': 'Choose “Send the code again” to get a new code.',

    'help.codeLockedMessage': 'Verification has been locked because of too many wrong entries. Please wait a while and try again.',
    'help.codeLockedMeaning': 'The verification code was entered wrongly {codeMax} times in a row, so to prevent misuse this verification is paused for {lockMinutes} minutes. Resending or starting the procedure again does not unlock it.',
    'help.codeLockedTodo1': 'Wait about {lockMinutes} minutes, then start the procedure again.',

    'help.resendHeading': 'When you cannot resend a code',
    'help.resendMeaning': 'Codes to the same address or number are sent at least {resendSeconds} seconds apart and at most {perHour} times an hour. The page shows when the next resend is possible.',
    'help.resendTodo1': 'After the time shown on the page, choose “Send the code again”.',

    'help.noCodeHeading': 'When a code does not arrive',
    'help.noCodeMeaning': 'The email may have been treated as spam, a filter may block it, or your phone may not be able to receive text messages.',
    'help.noCodeTodo1': 'Check your spam folder and any domain or text-message filtering settings.',
    'help.noCodeTodo2': 'If text messages do not arrive on your mobile, choose “Send the code by voice call” to hear the code in an automated call.',
    'help.noCodeTodo3': 'If you mistyped your email address, choose “Change the email address” on the code page and enter the right address. We then send a code to the new address.',

    'help.passwordHeading': 'When a new password does not meet the rules',
    'help.passwordMeaning': 'Your new password breaks one of these rules; we show one message for each rule it breaks. The rules make the password hard to guess.',
    'help.passwordTodo1': 'Enter a password that meets all the rules, and do not reuse a password from another service. Passwords made by a password manager, and pasting, are fine.',

    'help.forbiddenMeaning': 'For your security we did not accept what you sent, because the page had been open for a long time, it was sent from another site, or cookies are turned off.',
    'help.forbiddenTodo1': 'Open the page again and re-enter your details. This site uses cookies: please allow them in your browser settings.',
    'help.cardDetailsMeaning': 'The card number and date of birth you entered to create a My ID do not match what is registered. For your security we do not say which one is wrong.',
    'help.cardDetailsTodo1': 'Check the card number on the front of your card (spaces and hyphens are fine) and your date of birth, then enter them again. After {max} wrong attempts in a row that card number can no longer be used.',
    'help.cardLockedMeaning': 'Wrong details were entered {max} times in a row for this card number, so for your security creating a My ID with it has been stopped.',
    'help.cardLockedTodo1': 'The lock ends after {cardLockHours} hours: try again after the date and time shown on the page (Japan time). Completing a password reset, or the procedure with a former or initial ID, also ends it. If it is urgent, please call the number on the back of your card.',
    'help.currentLockedMeaning': 'Your current password was entered wrongly {max} times in a row on a change screen, so your ID has been disabled and you have been signed out.',
    'help.currentLockedTodo1': 'Reset your password with “Forgot your password?” and you can sign in again.',
  },
);
