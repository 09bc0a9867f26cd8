// T2 My ID変更: the new email address (M3 rules); a code is then sent to it.
import { ErrorSummary, errorFor } from '../../components/ErrorSummary.js';
import { Button, Form } from '../../components/Form.js';
import { TextField } from '../../components/TextField.js';
import { Page } from '../../layouts/Page.js';
import type { FieldError, View } from '../../view.js';
import { paths } from '../../../src/paths.js';

/** `action`: the form before the flow, or the flow's own address step when a mistyped address is corrected. */
export function NewMyIdPage({ v, current, email, errors = [], action = paths.settingsMyId }: { v: View; current: string; email?: string; errors?: FieldError[]; action?: string }) {
  return (
    <Page v={v} title={v.t('settings.myIdTitle')} hasErrors={errors.length > 0}>
      <ErrorSummary v={v} errors={errors} />
      <h1>{v.t('settings.myIdHeading')}</h1>
      <p class="meta">{v.t('settings.currentMyId', { email: current })}</p>
      <p>{v.t('settings.myIdIntro')}</p>
      <Form v={v} action={action}>
        <TextField
          v={v}
          id="email"
          type="email"
          label={v.t('settings.emailLabel')}
          hint={v.t('settings.emailHint')}
          example={v.t('registration.emailExample')}
          value={email}
          error={errorFor(errors, 'email')}
          autocomplete="email"
          inputmode="email"
          spellcheck={false}
        />
        <Button>{v.t('settings.submitEmail')}</Button>
      </Form>
      <p>
        <a href={paths.settings}>{v.t('settings.cancel')}</a>
      </p>
    </Page>
  );
}
