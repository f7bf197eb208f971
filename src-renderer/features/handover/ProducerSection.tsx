import { useId, useState, type FormEvent } from 'react';
import type { ProducerProfile } from '../../../src-shared/domain/bundle';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/hooks';
import { ErrorNote } from '../../components/ErrorNote';
import { describeProducer, producerFormFrom, toProfile, withInitials, withPerson, type ProducerForm } from './handover-format';

/** "Who is handing over": a one-line summary with "Edit", or the form when nothing is saved yet (or Edit was pressed). */
export function ProducerSection(props: {
  profile: ProducerProfile | null;
  editing: boolean;
  disabled: boolean;
  onEdit: () => void;
  onSaved: (profile: ProducerProfile) => void;
  onCancel: () => void;
}) {
  const { profile } = props;
  if (profile && !props.editing) {
    return (
      <section className="card handover-producer" aria-labelledby="handover-producer-title">
        <h2 id="handover-producer-title">Who is handing over the footage</h2>
        <p data-testid="producer-summary">
          {describeProducer(profile)}{' '}
          <button type="button" className="button link" disabled={props.disabled} onClick={props.onEdit} data-testid="producer-edit">
            Edit
          </button>
        </p>
      </section>
    );
  }
  return <ProducerFormCard profile={profile} onSaved={props.onSaved} onCancel={profile ? props.onCancel : null} />;
}

function ProducerFormCard(props: { profile: ProducerProfile | null; onSaved: (profile: ProducerProfile) => void; onCancel: (() => void) | null }) {
  const api = useApi();
  const ids = useId();
  const [form, setForm] = useState<ProducerForm>(() => producerFormFrom(props.profile));
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    setError(null);
    api.producer.set({ profile: toProfile(form) }).then(
      (saved) => {
        setSending(false);
        props.onSaved(saved);
      },
      (failure: unknown) => {
        setSending(false);
        setError(errorMessage(failure));
      },
    );
  };

  return (
    <section className="card handover-producer" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>Who is handing over the footage</h2>
      <p className="muted">This goes on the evidence and on the signature, so the police know who made it.</p>
      <form className="form producer-form" onSubmit={save} aria-label="Who is handing over the footage" data-testid="producer-form">
        <label>
          <span>Shop or business name</span>
          <input
            value={form.organisation}
            onChange={(event) => setForm({ ...form, organisation: event.target.value })}
            autoComplete="organization"
            required
            maxLength={120}
          />
        </label>
        <label>
          <span>Your name</span>
          <input value={form.person} onChange={(event) => setForm(withPerson(form, event.target.value))} autoComplete="name" required maxLength={120} />
        </label>
        <label>
          <span>Phone or email the police can use</span>
          <input value={form.contact} onChange={(event) => setForm({ ...form, contact: event.target.value })} required maxLength={200} />
        </label>
        <label className="initials-field">
          <span>Your initials</span>
          <input
            value={form.initials}
            onChange={(event) => setForm(withInitials(form, event.target.value))}
            required
            maxLength={4}
            spellCheck={false}
            aria-describedby={`${ids}-initials`}
          />
          <span id={`${ids}-initials`} className="muted small">
            They start the name of each piece of evidence, for example {form.initials || 'JS'}/1.
          </span>
        </label>
        <ErrorNote message={error} />
        <div className="actions">
          <button type="submit" className="button primary" disabled={sending} data-testid="producer-save">
            Save these details
          </button>
          {props.onCancel && (
            <button type="button" className="button secondary" disabled={sending} onClick={props.onCancel}>
              Keep the saved details
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
