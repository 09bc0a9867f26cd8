// SPEC H1: the help page explains every message of L and M under a linkable heading, and every page links to it from the same place.
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../src/i18n/index.js';
import { browser, makeHarness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';

const ja = catalogues.ja;

// Each message of SPEC L and M as the guide words it, and the fragment that explains it.
const messages: [string, string][] = [
  ['cannot-sign-in', '入力されたIDとパスワードではログインできません。'],
  ['locked-legacy', '入力されたIDはロックされているためログインできません。'],
  ['locked', 'パスワードを一定回数以上誤って入力されたため、IDが無効となっています。'],
  ['throttled', 'しばらく時間をおいて再度お試しください。'],
  ['session-expired', ja['signin.sessionExpired']],
  ['session-ended', ja['signin.sessionEnded']],
  ['flow-expired', ja['signin.flowExpired']],
  ['flow-cancelled', 'ログイン画面から再度お手続きが必要です'],
  ['card-email-taken', 'クレジットカードに登録されているメールアドレスは既にMy IDとして登録されています。'],
  ['email-invalid', 'メールアドレスの入力に誤りがあります。'],
  ['email-unavailable', 'ご入力いただいたメールアドレスはご利用いただけません。'],
  ['code-mismatch', '認証コードが一致しません。'],
  ['code-expired', '認証コードの有効期限が切れています。'],
  ['code-locked', '一定回数以上入力に誤りがあったため、認証機能がロックされました。しばらく時間をおいて再度お試しください。'],
  ['resend-wait', '認証コードを再送信できないとき'],
  ['code-not-sent', '認証コードを送信できませんでした。しばらくしてから再送信してください。'],
  ['password-rules', 'パスワードの条件を満たしていないとき'],
];

/** The text of the section whose heading has this id, up to the next section. */
function section(body: string, id: string): string {
  const start = body.indexOf(`<h3 id="${id}">`);
  expect(start, `heading #${id}`).toBeGreaterThan(-1);
  const end = body.indexOf('</section>', start);
  return body.slice(start, end);
}

describe('H1 help page', () => {
  it.each(messages)('#%s quotes the message and says what it means and what to do', async (id, message) => {
    const { status, body } = await browser(await makeHarness()).get('/help');
    expect(status).toBe(200);
    const s = section(body, id);
    expect(s).toContain(message);
    expect(s).toContain('どういう意味？');
    expect(s).toContain('どうすればいい？');
    expect(body).toContain(`<a href="#${id}">`); // listed in the contents
  });

  it('lists every M3 email rule and every M7 password rule', async () => {
    const { body } = await browser(await makeHarness()).get('/help');
    const email = section(body, 'email-invalid');
    for (const rule of ['「@」はちょうど1つ', '「@」の前と後ろ', '使えない記号', '「.」が必要', '254文字以内', '半角の英数字']) expect(email).toContain(rule);
    const password = section(body, 'password-rules');
    for (const key of Object.keys(ja).filter((k) => k.startsWith('password.rule') && k !== 'password.rulesHeading' && k !== 'password.rulesIntro')) {
      expect(password).toContain(ja[key]);
    }
  });

  it('quotes the configured limits, not fixed numbers', async () => {
    const { body } = await browser(await makeHarness({ LOGIN_MAX_FAILURES: '7', IP_WINDOW_SECONDS: '1200', CODE_MAX_FAILURES: '4', CODE_LOCK_SECONDS: '3600' })).get('/help');
    expect(section(body, 'locked')).toContain('7回続けて');
    expect(section(body, 'throttled')).toContain('20分間');
    expect(section(body, 'code-locked')).toContain('4回続けて');
    expect(section(body, 'code-locked')).toContain('60分間');
  });

  it('the lock sections link to reset and to My ID creation', async () => {
    const { body } = await browser(await makeHarness()).get('/help');
    expect(section(body, 'locked')).toContain('href="/reset"');
    expect(section(body, 'locked')).toContain('href="/register"');
    expect(section(body, 'locked-legacy')).toContain('href="/register"');
  });

  it('is complete in English', async () => {
    const { body } = await browser(await makeHarness()).get('/help?lang=en');
    expect(body).toContain('<html lang="en">');
    expect(section(body, 'locked')).toContain('Your ID has been disabled because the password was entered wrongly too many times.');
    expect(section(body, 'code-mismatch')).toContain('What to do');
    const main = body.slice(body.indexOf('<main'), body.indexOf('</main>'));
    expect(main).not.toMatch(/[ぁ-ゖァ-ヺ一-龯]/u); // no Japanese left in the English page
    expect(section(body, 'locked')).toContain('<h3 id="locked">“Your ID has been disabled');
  });

  it('has one h1, unique ids, and a unique title', async () => {
    const { body } = await browser(await makeHarness()).get('/help');
    expect(body.match(/<h1>/g)).toHaveLength(1);
    const ids = [...body.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(body).toContain('<title>ログインにお困りの方へ | My Card</title>');
  });
});

describe('H1 the help link is in the same place on every page', () => {
  it('header and footer of the sign-in page, a failure page, the top page, the 404 and the help page itself', async () => {
    const h = await makeHarness();
    await addHolder(h, { account: { email: 'hanako@example.jp', password: 'Sakura#2025x' } });
    const b = browser(h);
    const pages = [await b.get('/login'), await b.post('/login', { id: 'x@example.jp', password: 'y' }), await b.get('/help'), await b.get('/no-such-page')];
    await b.post('/login', { id: 'hanako@example.jp', password: 'Sakura#2025x' });
    pages.push(await b.get('/top'));
    for (const page of pages) {
      const header = page.body.slice(page.body.indexOf('<header'), page.body.indexOf('</header>'));
      const footer = page.body.slice(page.body.indexOf('<footer'), page.body.indexOf('</footer>'));
      expect(header).toContain('<a href="/help">ログインにお困りの方はこちら</a>');
      expect(footer).toContain('<a href="/help">ログインにお困りの方はこちら</a>');
    }
  });

  it('each sign-in failure links to its own explanation', async () => {
    const h = await makeHarness({ LOGIN_MAX_FAILURES: '2' });
    const b = browser(h);
    expect((await b.post('/login', { id: 'x@example.jp', password: 'y' })).body).toContain('href="/help#cannot-sign-in"');
    expect((await b.post('/login', { id: 'x@example.jp', password: 'y' })).body).toContain('href="/help#locked"');
    await b.post('/login', { id: 'old-id', password: 'y' });
    expect((await b.post('/login', { id: 'old-id', password: 'y' })).body).toContain('href="/help#locked-legacy"');
  });
});
