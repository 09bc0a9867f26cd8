// SPEC M7: the common-password list as one Buffer, binary-searched. common-passwords.txt is generated from zxcvbn-ts's list by
// scripts/common-passwords.mjs (lower case, one a line, sorted by byte); about 0.6 MB resident against ~15 MB for the package.
import { readFileSync } from 'node:fs';

type List = { bytes: Buffer; starts: Uint32Array };

let list: List | undefined;

/** Reads the file once (next to this module: src/auth/ under tsx, dist/ in the bundle) and indexes where each line starts,
 * straight into a typed array: a growing JS array of 49,000 numbers leaves ~5 MB of heap pages resident. */
function loadList(): List {
  const bytes = readFileSync(new URL('./common-passwords.txt', import.meta.url));
  let lines = 0;
  for (let at = bytes.indexOf(0x0a); at >= 0; at = bytes.indexOf(0x0a, at + 1)) lines++;
  const starts = new Uint32Array(lines);
  for (let i = 1, at = bytes.indexOf(0x0a); i < lines; i++, at = bytes.indexOf(0x0a, at + 1)) starts[i] = at + 1;
  return { bytes, starts };
}

/** The line bytes[start, end) against key, in byte order (a JS loop: Buffer#compare's checks cost more than the bytes). */
function compareLine(bytes: Buffer, start: number, end: number, key: Buffer): number {
  const n = Math.min(end - start, key.length);
  for (let i = 0; i < n; i++) {
    const d = bytes[start + i] - key[i];
    if (d !== 0) return d;
  }
  return end - start - key.length;
}

/** Whether `word` (already lower case) is a line of the list: exact, byte for byte. */
export function isOnCommonList(word: string): boolean {
  list ??= loadList();
  const { bytes, starts } = list;
  const key = Buffer.from(word, 'utf8');
  let lo = 0;
  let hi = starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const end = mid + 1 < starts.length ? starts[mid + 1] - 1 : bytes.length - 1;
    const order = compareLine(bytes, starts[mid], end, key);
    if (order === 0) return true;
    if (order < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
