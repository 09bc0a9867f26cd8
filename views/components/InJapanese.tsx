// Text kept in Japanese (card names, a holder's name) marked lang="ja" on English pages (WCAG 3.1.2).
import type { View } from '../view.js';

export function InJapanese({ v, text }: { v: View; text: string }) {
  return v.lang === 'ja' ? <>{text}</> : <span lang="ja">{text}</span>;
}
