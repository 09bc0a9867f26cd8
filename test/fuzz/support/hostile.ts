// fast-check arbitraries for hostile form input: odd strings, huge values, repeated/missing fields, broken encodings and content types.
import fc from 'fast-check';

/** How many cases per endpoint: bounded in `npm test`, 10,000 with `npm run fuzz` (FUZZ_RUNS). */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 40);
/** The fast-check seed, so a failure can be replayed with FUZZ_SEED=…; random otherwise. */
export const FUZZ_SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

const specials = [
  '',
  ' ',
  '\u3000',
  '\u0000',
  'a\u0000b',
  '\u200b\u200d\ufeff',
  '\u200f\u202e',
  'abc\u202edef',
  '\r\n',
  '\t',
  '\u0007\u001b[31m',
  '０９０－１２３４－５６７８',
  'ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ',
  'Ｓａｋｕｒａ＃２０２５ｘ',
  '１２３４',
  '😀👨‍👩‍👧‍👦🇯🇵',
  '\ud800',
  '\udfff\ud800',
  '\uffff\ufffe',
  '%00',
  '%',
  '<script>alert(1)</script>',
  '"><img src=x>',
  "' OR 1=1 --",
  '../../etc/passwd',
  '__proto__',
  'constructor',
  'toString',
  'NaN',
  '-1',
  '1e309',
  '0x10',
  'true',
  '[]',
  '{}',
  'null',
  'undefined',
  'a@b',
  '@example.jp',
  'a@@b.jp',
  'taro..yamada@docomo.ne.jp',
  'Ａ'.repeat(300),
];

/** One hostile field value; `plausible` adds values that reach deeper branches (right IDs, passwords, codes). */
export function hostileValue(plausible: string[] = []): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.string() },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.constantFrom(...specials) },
    { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((n) => String.fromCharCode(n)), maxLength: 30 }) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('x', 'あ', '😀', '%', '\u0000'), fc.integer({ min: 200, max: 20_000 })).map(([c, n]) => c.repeat(n)) },
    { weight: 1, arbitrary: fc.integer().map(String) },
    { weight: 1, arbitrary: fc.double().map(String) },
    { weight: plausible.length > 0 ? 4 : 0, arbitrary: plausible.length > 0 ? fc.constantFrom(...plausible) : fc.constant('') },
    { weight: 1, arbitrary: fc.stringMatching(/^[0-9]{4}$/) },
    { weight: 1, arbitrary: fc.emailAddress() },
  );
}

export type Encoding = 'urlencoded' | 'raw' | 'bytes' | 'multipart' | 'badMultipart' | 'json' | 'textPlain' | 'noType';
export type CsrfMode = 'valid' | 'missing' | 'wrong' | 'repeatedWrongFirst';
export type OriginMode = 'same' | 'none' | 'cross' | 'null' | 'crossSite';

export type HostileRequest = {
  fields: [string, string][];
  encoding: Encoding;
  csrf: CsrfMode;
  origin: OriginMode;
  junk: string;
  bytes: Uint8Array;
  /** a query string for the URL: next (T3 return address), lang, or junk */
  query: string;
};

/** A whole hostile POST: fields (known names, random names, repeats, some missing), how it is encoded and its CSRF/Origin. */
export function hostileRequest(knownFields: string[], plausible: string[]): fc.Arbitrary<HostileRequest> {
  const name = fc.oneof(
    { weight: 6, arbitrary: knownFields.length > 0 ? fc.constantFrom(...knownFields) : fc.constant('id') },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'csrf', 'id[]', 'a.b', '', '\u0000', 'フィールド') },
  );
  return fc.record({
    fields: fc.array(fc.tuple(name, hostileValue(plausible)), { maxLength: 8 }),
    encoding: fc.constantFrom<Encoding>('urlencoded', 'urlencoded', 'urlencoded', 'urlencoded', 'urlencoded', 'urlencoded', 'raw', 'bytes', 'multipart', 'multipart', 'badMultipart', 'json', 'textPlain', 'noType'),
    csrf: fc.constantFrom<CsrfMode>('valid', 'valid', 'valid', 'valid', 'valid', 'valid', 'valid', 'valid', 'missing', 'wrong', 'repeatedWrongFirst'),
    origin: fc.constantFrom<OriginMode>('same', 'same', 'same', 'same', 'same', 'none', 'none', 'cross', 'null', 'crossSite'),
    junk: fc.constantFrom('%', '%zz', '%E0%A4', '%FF%FE', '%C0%AF', '%ED%A0%80', '&&=&', '=%', '+%2', '%%', '%u0041', '%00', ''),
    bytes: fc.uint8Array({ maxLength: 200 }),
    query: fc.oneof(
      { weight: 6, arbitrary: fc.constant('') },
      { weight: 1, arbitrary: fc.constantFrom('?next=//evil.example', '?next=%2F%2Fevil', '?next=/top', '?next=%E0%A4%A', '?next=/\\evil', '?lang=en', '?lang=%FF', '?%', '?next=' + '/a'.repeat(400), '?lang=en&lang=ja&next=/settings') },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom('next', 'lang', 'resent', 'done', 'flow', 'id'), fc.string({ maxLength: 20 })).map(([k, v]) => `?${k}=${percent(v)}`) },
    ),
  });
}

function percent(s: string): string {
  // encodeURIComponent throws on lone surrogates: encode those as raw (invalid) UTF-8 bytes instead
  let out = '';
  for (const ch of s) {
    try {
      out += encodeURIComponent(ch);
    } catch {
      out += '%ED%A0%80';
    }
  }
  return out;
}

/** Turns a HostileRequest into fetch init (headers + body); `token` is this browser's valid CSRF token. */
export function encodeRequest(r: HostileRequest, token: string, origin: string, cookie: string): RequestInit {
  const csrfPairs: [string, string][] =
    r.csrf === 'valid' ? [['csrf', token]] : r.csrf === 'wrong' ? [['csrf', token.slice(0, -2) + 'xx']] : r.csrf === 'repeatedWrongFirst' ? [['csrf', 'wrong'], ['csrf', token]] : [];
  const pairs = [...csrfPairs, ...r.fields];
  const headers: Record<string, string> = { cookie };
  if (r.origin === 'same') headers.origin = origin;
  else if (r.origin === 'cross') headers.origin = 'https://evil.example';
  else if (r.origin === 'null') headers.origin = 'null';
  else if (r.origin === 'crossSite') headers['sec-fetch-site'] = 'cross-site';
  let body: BodyInit | undefined;
  switch (r.encoding) {
    case 'urlencoded':
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = pairs.map(([k, v]) => `${percent(k)}=${percent(v)}`).join('&');
      break;
    case 'raw':
      headers['content-type'] = 'application/x-www-form-urlencoded; charset=UTF-8';
      body = pairs.map(([k, v]) => `${percent(k)}=${v.replace(/[&=%]/g, '')}`).join('&') + r.junk;
      break;
    case 'bytes': {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      const head = new TextEncoder().encode(pairs.map(([k, v]) => `${percent(k)}=${percent(v)}`).join('&') + '&x=');
      const all = new Uint8Array(head.length + r.bytes.length);
      all.set(head);
      all.set(r.bytes, head.length);
      body = all;
      break;
    }
    case 'multipart': {
      const form = new FormData();
      for (const [k, v] of pairs) form.append(k, v);
      if (r.bytes.length > 100) form.append('upload', new Blob([new Uint8Array(r.bytes)]), 'x.bin');
      body = form;
      break;
    }
    case 'badMultipart':
      headers['content-type'] = 'multipart/form-data; boundary=zzz';
      body = `--zzz\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${token}\r\n--zz${r.junk}`;
      break;
    case 'json':
      headers['content-type'] = 'application/json';
      body = JSON.stringify(Object.fromEntries(pairs));
      break;
    case 'textPlain':
      headers['content-type'] = 'text/plain';
      body = pairs.map(([k, v]) => `${k}=${v}`).join('\r\n');
      break;
    case 'noType':
      body = new TextEncoder().encode(pairs.map(([k, v]) => `${percent(k)}=${percent(v)}`).join('&'));
      break;
  }
  return { method: 'POST', headers, body };
}
