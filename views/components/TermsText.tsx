// The member terms (fictional) in a scrollable, keyboard-focusable region (SPEC M1, G2, T4); shared by every flow that asks for acceptance.
import type { View } from '../view.js';

const ARTICLES = [
  ['terms.article1Title', 'terms.article1'],
  ['terms.article2Title', 'terms.article2'],
  ['terms.article3Title', 'terms.article3'],
  ['terms.article4Title', 'terms.article4'],
  ['terms.article5Title', 'terms.article5'],
  ['terms.article6Title', 'terms.article6'],
] as const;

/** tabindex=0 so a keyboard user can scroll it (WCAG 2.1.1); labelled so a screen reader names the region. */
export function TermsText({ v, version }: { v: View; version: string }) {
  return (
    <section class="terms" tabindex={0} aria-labelledby="terms-text-heading">
      <h2 id="terms-text-heading">{v.t('terms.regionLabel', { version })}</h2>
      {ARTICLES.map(([title, body]) => (
        <>
          <h3>{v.t(title)}</h3>
          <p>{v.t(body)}</p>
        </>
      ))}
    </section>
  );
}
