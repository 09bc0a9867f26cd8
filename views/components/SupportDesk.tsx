// The support desk of SPEC §2 (SUPPORT_PHONE, SUPPORT_HOURS), as lock pages, closures and notices name it.
import type { View } from '../view.js';

export type Support = { phone: string; hours: string };

export function SupportDesk({ v, support }: { v: View; support: Support }) {
  return (
    <section id="support" aria-labelledby="support-heading" class="panel">
      <h2 id="support-heading">{v.t('common.supportHeading')}</h2>
      <p>{v.t('common.supportBody', { phone: support.phone, hours: support.hours })}</p>
    </section>
  );
}
