// T2: パスワード変更 — current password, then the two new-password fields of M7; button 変更する.
import { ErrorSummary, errorFor } from '../../components/ErrorSummary.js';
import { Button, ButtonRow, Form } from '../../components/Form.js';
import { TextField } from '../../components/TextField.js';
import { Page } from '../../layouts/Page.js';
import type { FieldError, View } from '../../view.js';
import { NewPasswordFields } from '../../components/NewPasswordFields.js';
import { paths } from '../../../src/paths.js';

export function ChangePasswordPage({ v, errors = [] }: { v: View; errors?: FieldError[] }) {
  return (
    <Page v={v} title={v.t('settings.passwordTitle')} hasErrors={errors.length > 0}>
      <ErrorSummary v={v} errors={errors} />
      <h1>{v.t('settings.passwordHeading')}</h1>
      <Form v={v} action={paths.settingsPassword}>
        <TextField v={v} id="current" type="password" label={v.t('settings.currentPasswordLabel')} error={errorFor(errors, 'current')} autocomplete="current-password" />
        <NewPasswordFields v={v} errors={errors} />
        <ButtonRow>
          <Button>{v.t('settings.submitChange')}</Button>
        </ButtonRow>
      </Form>
      <p>
        <a href={paths.settings}>{v.t('settings.cancel')}</a>
      </p>
    </Page>
  );
}
