// M6 as used by reset (R2) and new My ID (G2): code by SMS to a mobile (voice as fallback), or by voice call to a chosen landline.
import { Callout } from '../../components/Callout.js';
import { Masked, SLOT, around } from '../../components/Masked.js';
import { errorFor } from '../../components/ErrorSummary.js';
import { Button, ButtonRow, Form } from '../../components/Form.js';
import { Page } from '../../layouts/Page.js';
import type { FieldError, View } from '../../view.js';
import { CancelForm, CodeForm, CodeTimesNote, StepHeader, type CodeTimes, type StepText } from '../../components/StepParts.js';

/** One registered number, masked, with its position in the holder's list. */
export type PhoneChoice = { index: number; masked: string; last4: string; kind: 'mobile' | 'landline' };
export type PhoneSent = { masked: string; last4: string; channel: 'sms' | 'voice'; index: number };

type Props = {
  v: View;
  text: StepText;
  action: string;
  sendAction: string;
  cancelAction: string;
  phones: PhoneChoice[];
  sent?: PhoneSent;
  times: CodeTimes;
  errors?: FieldError[];
};

function PhoneRadios({ v, name, legend, phones, checked, error }: { v: View; name: string; legend: string; phones: PhoneChoice[]; checked?: number; error?: string }) {
  const first = phones[0]?.index;
  const selected = phones.some((p) => p.index === checked) ? checked : first;
  return (
    <fieldset class={`field${error ? ' field-error' : ''}`} aria-describedby={error ? `${name}-error` : undefined}>
      <legend class="label">{legend}</legend>
      {error && (
        <p class="error-message" id={`${name}-error`}>
          <span class="visually-hidden">{v.t('common.errorPrefix')}</span>
          {error}
        </p>
      )}
      {phones.map((p) => (
        <div class="radio">
          <input type="radio" id={p.index === first ? name : `${name}-${p.index}`} name="phone" value={String(p.index)} checked={selected === p.index} />
          <label for={p.index === first ? name : `${name}-${p.index}`}>
            <Masked shown={p.masked} spoken={v.t('verify.phoneEnding', { last4: p.last4 })} />
          </label>
        </div>
      ))}
    </fieldset>
  );
}

function SentTo({ v, sent }: { v: View; sent: PhoneSent }) {
  const [before, after] = around(v.t(sent.channel === 'sms' ? 'verify.phoneSentSms' : 'verify.phoneSentVoice', { phone: SLOT }));
  return (
    <>
      {before}
      <Masked shown={sent.masked} spoken={v.t('verify.phoneEnding', { last4: sent.last4 })} />
      {after}
    </>
  );
}

export function PhonePage({ v, text, action, sendAction, cancelAction, phones, sent, times, errors = [] }: Props) {
  const mobiles = phones.filter((p) => p.kind === 'mobile');
  const landlines = phones.filter((p) => p.kind === 'landline');
  return (
    <Page v={v} title={text.title} hasErrors={errors.length > 0} step={text.step} deadline={text.deadline}>
      <StepHeader v={v} text={text} errors={errors} />
      {phones.length === 0 && (
        <Callout kind="warning">
          <p>{v.t('verify.phoneNone')}</p>
        </Callout>
      )}
      {sent && (
        <>
          <Callout kind="info" role="status">
            <p>
              <SentTo v={v} sent={sent} />
            </p>
          </Callout>
          <CodeTimesNote v={v} times={times} />
          <CodeForm v={v} action={action} errors={errors} times={times} />
        </>
      )}
      {!sent && <CodeTimesNote v={v} times={{ ...times, expiresAt: null }} />}
      {mobiles.length > 0 && (
        <section aria-labelledby="mobile-heading">
          <h2 id="mobile-heading">{v.t('verify.phoneMobileHeading')}</h2>
          <Form v={v} action={sendAction}>
            <PhoneRadios v={v} name="mobile" legend={v.t('verify.phoneMobileLegend')} phones={mobiles} checked={sent?.index} error={errorFor(errors, 'mobile')} />
            {/* the guide ⑦-1: 認証コードが届かない場合 — the voice call to the card's registered number */}
            <p class="hint">{v.t('verify.phoneVoiceFallback')}</p>
            <ButtonRow>
              <Button name="channel" value="sms" secondary={sent !== undefined}>
                {sent ? v.t('verify.phoneSendSms') : v.t('verify.phoneSendSmsFirst')}
              </Button>
              <Button name="channel" value="voice" secondary>
                {v.t('verify.phoneSendVoice')}
              </Button>
            </ButtonRow>
          </Form>
        </section>
      )}
      {landlines.length > 0 && (
        <section aria-labelledby="landline-heading">
          <h2 id="landline-heading">{v.t('verify.phoneLandlineHeading')}</h2>
          <p>{v.t('verify.phoneLandlineIntro')}</p>
          <Form v={v} action={sendAction}>
            <PhoneRadios v={v} name="landline" legend={v.t('verify.phoneLandlineLegend')} phones={landlines} checked={sent?.index} error={errorFor(errors, 'landline')} />
            <Button name="channel" value="voice" secondary={sent !== undefined}>
              {v.t('verify.phoneSendVoice')}
            </Button>
          </Form>
        </section>
      )}
      <CancelForm v={v} action={cancelAction} />
    </Page>
  );
}
