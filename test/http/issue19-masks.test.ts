// Issue 19 item 5: masks are hidden from assistive technology and said in words; landlines keep their own shape.
import { describe, expect, it } from 'vitest';
import { maskPhone } from '../../src/auth/normalise.js';
import { makeHarness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { startMigration, walkTo } from '../helpers/walk.js';

describe('issue 19 item 5: masks', () => {
  it('the card email on /migration/email-choice is aria-hidden and said in words', async () => {
    const h = await makeHarness();
    await addHolder(h, { legacyId: 'mask-01', cards: [{ email: 'taro@example.jp' }] });
    const { b } = await startMigration(h, 'mask-01', 'legacy-pass');
    const page = await b.get('/migration/email-choice');
    expect(page.body).toContain('<span aria-hidden="true">t***@e******.jp</span><span class="visually-hidden">「t」で始まり、@の後ろが「e」で始まって「.jp」で終わるメールアドレス</span>');
    const en = await b.get('/migration/email-choice?lang=en');
    expect(en.body).toContain('the address starting with “t”, at a domain starting with “e” and ending “.jp”');
  });

  it('phone radios and the sent notice say “the number ending 5678”; a landline is masked as a landline', async () => {
    const h = await makeHarness();
    await addHolder(h, { legacyId: 'mask-02', phones: ['09012345678', '0312345678'], cards: [{ email: 'mask-02@example.jp' }] });
    const b = await walkTo(h, 'migration', 'phone', { id: 'mask-02' });
    const page = await b.get('/migration/phone');
    expect(page.body).toContain('<span aria-hidden="true">***-****-5678</span><span class="visually-hidden">末尾5678の電話番号</span>');
    expect(page.body).toContain('<span aria-hidden="true">**-****-5678</span>');
    expect(page.body).toMatch(/<span aria-hidden="true">\*\*\*-\*\*\*\*-5678<\/span><span class="visually-hidden">末尾5678の電話番号<\/span> あてにSMSで認証コードをお送りしました。/);
    expect((await b.get('/migration/phone?lang=en')).body).toContain('the number ending 5678');
  });

  it('masks each kind of number in its own shape', () => {
    expect(maskPhone('09012345678')).toBe('***-****-5678');
    expect(maskPhone('0312345678')).toBe('**-****-5678');
    expect(maskPhone('0451234567')).toBe('***-***-4567');
    expect(maskPhone('0120123456')).toBe('****-**-3456');
  });
});
