// M4 as used by migration, reset (R2), new My ID (G2) and My ID change (T2): enter the code emailed to the address, ask for another, or correct the address.
import { Callout } from '../../components/Callout.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { Button, Form } from '../../components/Form.js';
import { StepIndicator } from '../../components/StepIndicator.js';
import { Page } from '../../layouts/Page.js';
import type { FieldError, View } from '../../view.js';
import { CancelForm, CodeForm, CodeTimesNote, type CodeTimes, type StepText, FlowDeadline } from './CodeStepParts.js';

type Props = {
  v: View;
  text: StepText;
  action: string;
  resendAction: string;
  /** Back to where the address is typed, for a flow that offers it. */
  changeAction?: string;
  cancelAction: string;
  times: CodeTimes;
  errors?: FieldError[];
  resent?: boolean;
};

export function EmailCodePage({ v, text, action, resendAction, changeAction, cancelAction, times, errors = [], resent }: Props) {
  return (
    <Page v={v} title={text.title} hasErrors={errors.length > 0}>
      <ErrorSummary v={v} errors={errors} />
      {resent && errors.length === 0 && (
        <Callout kind="success" role="status">
          <p>{v.t('verify.codeResent')}</p>
        </Callout>
      )}
      {text.current !== undefined && text.total !== undefined && <StepIndicator v={v} current={text.current} total={text.total} />}
      <h1>{text.heading}</h1>
      {text.intro.map((p) => (
        <p>{p}</p>
      ))}
      <FlowDeadline v={v} deadline={text.deadline} />
      <CodeTimesNote v={v} times={times} />
      <CodeForm v={v} action={action} errors={errors} />
      <Form v={v} action={resendAction}>
        <Button secondary>{v.t('verify.codeResend')}</Button>
      </Form>
      {changeAction && (
        <Form v={v} action={changeAction}>
          <Button secondary>{v.t('verify.changeAddress')}</Button>
        </Form>
      )}
      <CancelForm v={v} action={cancelAction} note={text.cancelNote} />
    </Page>
  );
}
