import { useState, type FormEvent } from 'react';
import { RECEIPT_METHODS, RECEIPT_METHOD_LABELS, type ReceiptInput, type ReceiptMethod } from '../../../src-shared/domain/receipt';
import { ErrorNote } from '../../components/ErrorNote';
import { emptyReceiptForm, receiptInputFrom, type ReceiptForm as Form } from './receipt-form';

/** "Who received it": the officer as on their warrant card, when, how, and the confirmation they gave. */
export function ReceiptForm(props: { busy: boolean; error: string | null; onRecord: (input: ReceiptInput) => void }) {
  const [form, setForm] = useState<Form>(() => emptyReceiptForm({ now: new Date() }));
  const [problem, setProblem] = useState<string | null>(null);
  const set = <K extends keyof Form>(name: K, value: Form[K]) => setForm((before) => ({ ...before, [name]: value }));
  const text = (name: 'name' | 'rank' | 'badgeNumber' | 'force' | 'station' | 'receivedAt' | 'reference' | 'confirmation') => ({
    value: form[name],
    onChange: (event: { target: { value: string } }) => set(name, event.target.value),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = receiptInputFrom(form);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setProblem(null);
    props.onRecord(result.input);
  };
  return (
    <form className="form receipt-form" onSubmit={submit} aria-label="Who received the evidence" data-testid="receipt-form">
      <fieldset>
        <legend>The officer who received it</legend>
        <label>
          <span>Name</span>
          <input {...text('name')} autoComplete="off" data-testid="receipt-name" />
        </label>
        <label>
          <span>Rank (optional)</span>
          <input {...text('rank')} placeholder="For example PC or Detective" data-testid="receipt-rank" />
        </label>
        <label>
          <span>Collar or badge number (optional)</span>
          <input {...text('badgeNumber')} data-testid="receipt-badge" />
        </label>
        <label>
          <span>Police force or agency</span>
          <input {...text('force')} placeholder="For example Metropolitan Police" data-testid="receipt-force" />
        </label>
        <label>
          <span>Station (optional)</span>
          <input {...text('station')} data-testid="receipt-station" />
        </label>
      </fieldset>
      <fieldset>
        <legend>When and how</legend>
        <label>
          <span>Date and time it was received</span>
          <input type="datetime-local" {...text('receivedAt')} data-testid="receipt-when" />
        </label>
        <div className="radio-group" role="radiogroup" aria-label="How the evidence reached the police">
          {RECEIPT_METHODS.map((method: ReceiptMethod) => (
            <label key={method} className="check-row">
              <input type="radio" name="receipt-method" checked={form.method === method} onChange={() => set('method', method)} data-testid={`receipt-method-${method}`} />
              <span>{RECEIPT_METHOD_LABELS[method]}</span>
            </label>
          ))}
        </div>
        {form.method !== 'in_person' && (
          <label>
            <span>{form.method === 'courier' ? 'Tracking number' : 'Upload reference'}</span>
            <input {...text('reference')} data-testid="receipt-reference" />
          </label>
        )}
        <label>
          <span>The officer&rsquo;s written confirmation (optional: paste their email or note)</span>
          <textarea {...text('confirmation')} rows={3} data-testid="receipt-confirmation" />
        </label>
        <label className="check-row">
          <input type="checkbox" checked={form.copyKept} onChange={(event) => set('copyKept', event.target.checked)} data-testid="receipt-copy-kept" />
          <span>I kept a copy of the evidence (step 7 backs it up)</span>
        </label>
      </fieldset>
      <ErrorNote message={problem ?? props.error} />
      <div className="actions">
        <button type="submit" className="button primary big" disabled={props.busy} data-testid="receipt-record">
          {props.busy ? 'Recording…' : 'Record that the police received it'}
        </button>
      </div>
    </form>
  );
}
