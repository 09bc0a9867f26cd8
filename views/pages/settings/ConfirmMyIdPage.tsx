// T2 My ID変更: confirm the new address with the current password; button 変更する.
import { ErrorSummary, errorFor } from '../../components/ErrorSummary.js';
import { Button, Form } from '../../components/Form.js';
import { TextField } from '../../components/TextField.js';
import { Page } from '../../layouts/Page.js';
import type { FieldError, View } from '../../view.js';
import { CancelForm } from '../../components/StepParts.js';
import { paths } from '../../../src/paths.js';

export function ConfirmMyIdPage({ v, deadline, email, errors = [] }: { v: View; deadline: number; email: string; errors?: FieldError[] }) {
  return (
    <Page v={v} title={v.t('settings.confirmTitle')} hasErrors={errors.length > 0} deadline={deadline}>
      <ErrorSummary v={v} errors={errors} />
      <h1>{v.t('settings.confirmHeading')}</h1>
      <p>{v.t('settings.confirmIntro')}</p>
      <dl class="summary-list">
        <div>
          <dt>{v.t('settings.confirmNewMyId')}</dt>
          <dd>{email}</dd>
        </div>
      </dl>
      <p class="hint">{v.t('settings.confirmCardEmail')}</p>
      <Form v={v} action={`${paths.settingsMyId}/confirm`}>
        <TextField v={v} id="current" type="password" label={v.t('settings.currentPasswordLabel')} error={errorFor(errors, 'current')} autocomplete="current-password" />
        <Button>{v.t('settings.submitChange')}</Button>
      </Form>
      <CancelForm v={v} action={`${paths.settingsMyId}/cancel`} note={v.t('verify.cancelNoteSettings')} />
    </Page>
  );
}
