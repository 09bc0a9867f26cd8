// M7 as a flow step (reset R2, new My ID G2): the rules, the two new-password fields, buttons キャンセル / 登録.
import { Button, Form } from '../../components/Form.js';
import { Page } from '../../layouts/Page.js';
import type { FieldError, View } from '../../view.js';
import { NewPasswordFields } from '../../components/NewPasswordFields.js';
import { CancelForm, StepHeader, type StepText } from '../../components/StepParts.js';

type Props = { v: View; text: StepText; submit: string; errors?: FieldError[]; action: string; cancelAction: string };

export function NewPasswordStepPage({ v, text, submit, errors = [], action, cancelAction }: Props) {
  return (
    <Page v={v} title={text.title} hasErrors={errors.length > 0} step={text.step} deadline={text.deadline}>
      <StepHeader v={v} text={text} errors={errors} />
      <Form v={v} action={action}>
        <NewPasswordFields v={v} errors={errors} />
        <Button>{submit}</Button>
      </Form>
      <CancelForm v={v} action={cancelAction} />
    </Page>
  );
}
