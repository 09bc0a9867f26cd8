// Issue 19 item 12: code pages — the guide's 「※認証コードが届かない場合はこちら」 to the help page's section, no "valid
// until" once the code has expired, a resend time that never names a minute already begun, the expiry tied to the code
// field, and the voice fallback under 「携帯電話で受け取る」 explained (the guide's 「認証コードが届かない場合」).
import { describe, expect, it } from 'vitest';
import { makeHarness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { walkTo } from '../helpers/walk.js';

const codeInput = (html: string) => /<input[^>]*id="code"[^>]*>/.exec(html)?.[0] ?? '';
const describedBy = (html: string) => /aria-describedby="([^"]*)"/.exec(codeInput(html))?.[1]?.split(' ') ?? [];

async function atEmailCode(id: string) {
  const h = await makeHarness();
  await addHolder(h, { legacyId: id, phones: ['09012345678'], cards: [{ email: `${id}@example.jp` }] });
  const b = await walkTo(h, 'migration', 'email-code', { id, email: `${id}.new@example.jp` });
  return { h, b };
}

describe('issue 19 item 12: code pages', () => {
  it('the email code page links 「※認証コードが届かない場合はこちら」 to the help section, in both languages', async () => {
    const { b } = await atEmailCode('cp-01');
    const ja = (await b.get('/migration/email-code?lang=ja')).body;
    expect(ja).toContain('<a href="/help#no-code">※認証コードが届かない場合はこちら</a>');
    const en = (await b.get('/migration/email-code?lang=en')).body;
    expect(en).toContain('<a href="/help#no-code">If the code does not arrive</a>');
    expect((await b.get('/help?lang=ja')).body).toMatch(/<h3 id="no-code">/);
  });

  it('the code field names the expiry in aria-describedby; once expired, no "valid until" is shown', async () => {
    const { h, b } = await atEmailCode('cp-02');
    const page = (await b.get('/migration/email-code?lang=ja')).body;
    expect(describedBy(page)).toContain('code-validity');
    expect(page).toMatch(/<p class="meta" id="code-validity">認証コードは\d\d:\d\dまで有効です。<\/p>/);
    h.clock.advance(h.config.CODE_TTL_SECONDS * 1000 + 1000);
    const expired = (await b.get('/migration/email-code?lang=ja')).body;
    expect(expired).not.toContain('まで有効です');
    expect(expired).not.toContain('id="code-validity"');
    expect(describedBy(expired)).not.toContain('code-validity');
    expect((await b.get('/migration/email-code?lang=en')).body).not.toContain('The code is valid until');
  });

  it('the resend wait is said as the next whole minute, never one that has already begun', async () => {
    const { h, b } = await atEmailCode('cp-03');
    // the code went at the clock's start; the wait ends CODE_RESEND_SECONDS later, inside the same minute
    const sentAt = h.clock.now();
    const end = sentAt + h.config.CODE_RESEND_SECONDS * 1000;
    const hhmm = (ms: number) => new Date(ms + 9 * 3_600_000).toISOString().slice(11, 16);
    const up = hhmm(Math.ceil(end / 60_000) * 60_000);
    expect(hhmm(end)).not.toBe(up); // the wait ends mid-minute, so rounding down would name a begun minute
    expect((await b.get('/migration/email-code?lang=ja')).body).toContain(`認証コードの再送信は${up}以降に可能です。`);
    const tooSoon = await b.post('/migration/email-code/resend?lang=ja', {});
    expect(tooSoon.body).toContain(`${up}以降に再送信してください。`);
    expect((await b.get('/migration/email-code?lang=en')).body).toContain(`You can ask for another code from ${up} (Japan time).`);
  });

  it('the phone page explains the voice call under 「携帯電話で受け取る」, ties the expiry to the field, and links the help', async () => {
    const h = await makeHarness();
    await addHolder(h, { legacyId: 'cp-04', phones: ['09012345678'], cards: [{ email: 'cp-04@example.jp' }] });
    const b = await walkTo(h, 'migration', 'phone', { id: 'cp-04' });
    const ja = (await b.get('/migration/phone?lang=ja')).body;
    const mobile = /<section aria-labelledby="mobile-heading">[\s\S]*?<\/section>/.exec(ja)?.[0] ?? '';
    expect(mobile).toContain('携帯電話で受け取る');
    expect(mobile).toContain('SMSの認証コードが届かない場合は「音声電話で認証コードを送信」を押してください。カードに登録されている電話番号に、自動音声で認証コードをご案内します。');
    expect(describedBy(ja)).toContain('code-validity');
    expect(ja).toContain('<a href="/help#no-code">※認証コードが届かない場合はこちら</a>');
    const en = (await b.get('/migration/phone?lang=en')).body;
    expect(en).toContain('If the text message with the code does not arrive, select “Send the code by voice call”');
  });
});
