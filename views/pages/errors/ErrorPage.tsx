// A styled page for a request the portal cannot serve: 403, 404, 413, 429, 500 (SPEC X2, X4, L7).
import { Page } from '../../layouts/Page.js';
import type { View } from '../../view.js';

type Props = { v: View; title: string; body: string; hint?: string; linkHref: string; linkText: string };

export function ErrorPage({ v, title, body, hint, linkHref, linkText }: Props) {
  return (
    <Page v={v} title={title} hasErrors>
      <div class="error-page">
        <h1>{title}</h1>
        <p>{body}</p>
        {hint && <p>{hint}</p>}
        <p>
          <a href={linkHref}>{linkText}</a>
        </p>
      </div>
    </Page>
  );
}
