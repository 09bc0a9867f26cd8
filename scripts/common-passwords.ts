// SPEC M7: writes src/auth/common-passwords.txt, zxcvbn-ts's common-password list lower-cased, deduplicated and sorted by
// byte, one a line, so the server binary-searches a Buffer instead of importing the language package (about 13 MB resident).
// `npm run gen:common-passwords` (tsx) after upgrading @zxcvbn-ts/language-common; test/unit/common-passwords.test.ts fails until then.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const listFile = fileURLToPath(new URL('../src/auth/common-passwords.txt', import.meta.url));

/** The file's exact contents for the package's list: the same strings the old `Set` held, in byte order. */
export function renderCommonPasswords(words: readonly string[]): Buffer {
  const unique = [...new Set(words.map((w) => w.toLowerCase()))];
  for (const w of unique) if (w === '' || w.includes('\n')) throw new Error(`cannot store ${JSON.stringify(w)} one a line`);
  const sorted = unique.map((w) => Buffer.from(w, 'utf8')).sort(Buffer.compare);
  return Buffer.concat(sorted.flatMap((b) => [b, Buffer.from('\n')]));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { dictionary } = await import('@zxcvbn-ts/language-common');
  const bytes = renderCommonPasswords(dictionary['passwords-common']);
  writeFileSync(listFile, bytes);
  console.log(`wrote ${listFile}: ${bytes.length} bytes`);
}
