// Issue 19 item 6: the date of birth as three labelled fields; errors point at the first wrong one; the card number is cc-number.
import { describe, expect, it } from 'vitest';
import { browser, makeHarness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';

describe('issue 19 item 6: date of birth in three fields', () => {
  it('accepts 年・月・日 and starts the flow', async () => {
    const h = await makeHarness();
    await addHolder(h, { birthdate: '1985-04-12', cards: [{ number: '4980123412345678' }] });
    const b = browser(h);
    await b.get('/register');
    const res = await b.post('/register', { card: '4980 1234 1234 5678', 'birthdate-year': '１９８５', 'birthdate-month': '4', 'birthdate-day': '12' });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/register/phone');
  });

  it('points the error at the first wrong field and keeps what was typed', async () => {
    const h = await makeHarness();
    const b = browser(h);
    await b.get('/register');
    const month = await b.post('/register', { card: '4980123412345678', 'birthdate-year': '1985', 'birthdate-month': '13', 'birthdate-day': '1' });
    expect(month.status).toBe(400);
    expect(month.body).toContain('<a href="#birthdate-month">生年月日の月を1〜12の数字で入力してください。</a>');
    expect(month.body).toMatch(/id="birthdate-month"[^>]*value="13" aria-invalid="true"/);
    expect(month.body).not.toMatch(/id="birthdate-year"[^>]*aria-invalid/);
    const unreal = await b.post('/register', { card: '4980123412345678', 'birthdate-year': '1979', 'birthdate-month': '2', 'birthdate-day': '30' });
    expect(unreal.body).toContain('<a href="#birthdate-year">生年月日に実在する日付を入力してください。</a>');
    const empty = await b.post('/register?lang=en', { card: '', 'birthdate-year': '', 'birthdate-month': '', 'birthdate-day': '' });
    expect(empty.body).toContain('<a href="#birthdate-year">Enter your date of birth.</a>');
    expect(empty.body).toContain('<legend class="label">Date of birth');
  });
});
