// M7 as a flow step (migration ⑧, reset R2, new My ID G2): what 登録 will do (M, G), the rules, the two new-password fields, キャンセル / 登録.
import { Button, Form } from '../../components/Form.js';
import { Page } from '../../layouts/Page.js';
import type { FieldError, View } from '../../view.js';
import { NewPasswordFields } from '../../components/NewPasswordFields.js';
import { CancelForm, StepHeader, type StepText } from '../../components/StepParts.js';
import { CommitSummary } from '../../components/CommitSummary.js';
import type { CommitFacts } from '../../../src/flows/data.js';

/** `summary`: what the submit commits (issue 19 item 8), for a step whose button is irreversible. */
type Props = { v: View; text: StepText; summary?: CommitFacts; submit: string; errors?: FieldError[]; action: string; cancelAction: string };

export function NewPasswordStepPage({ v, text, summary, submit, errors = [], action, cancelAction }: Props) {
  return (
    <Page v={v} title={text.title} hasErrors={errors.length > 0} step={text.step} deadline={text.deadline}>
      <StepHeader v={v} text={text} errors={errors} />
      {summary && <CommitSummary v={v} facts={summary} />}
      <Form v={v} action={action}>
        <NewPasswordFields v={v} errors={errors} />
        <Button>{submit}</Button>
      </Form>
      <CancelForm v={v} action={cancelAction} />
    </Page>
  );
}
