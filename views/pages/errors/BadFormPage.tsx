// 400 for a form that could not be read: the error summary and a way back to the page (SPEC X4).
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { Page } from '../../layouts/Page.js';
import type { View } from '../../view.js';

export function BadFormPage({ v, backHref }: { v: View; backHref: string }) {
  return (
    <Page v={v} title={v.t('errors.badFormTitle')} hasErrors>
      <ErrorSummary v={v} errors={[{ field: '', message: v.t('errors.badForm') }]} />
      <h1>{v.t('errors.badFormTitle')}</h1>
      <p>
        <a href={backHref}>{v.t('errors.startAgain')}</a>
      </p>
    </Page>
  );
}
