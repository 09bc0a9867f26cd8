// M4 as used by migration, reset (R2), new My ID (G2) and My ID change (T2): enter the code emailed to the address, ask for another, or correct the address.
import { Callout } from '../../components/Callout.js';
import { Button, Form } from '../../components/Form.js';
import { Page } from '../../layouts/Page.js';
import type { FieldError, View } from '../../view.js';
import { CancelForm, CodeForm, CodeTimesNote, StepHeader, type CodeTimes, type StepText } from '../../components/StepParts.js';

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
    <Page v={v} title={text.title} hasErrors={errors.length > 0} step={text.step} deadline={text.deadline}>
      <StepHeader
        v={v}
        text={text}
        errors={errors}
        notice={
          resent &&
          errors.length === 0 && (
            <Callout kind="success" role="status">
              <p>{v.t('verify.codeResent')}</p>
            </Callout>
          )
        }
      />
      <CodeTimesNote v={v} times={times} />
      <CodeForm v={v} action={action} errors={errors} times={times} />
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
