import { useState, type FormEvent } from 'react';
import { INCIDENT_TYPES, type CaseDetail, type IncidentType } from '../../../src-shared/domain/cases';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/hooks';
import { ErrorNote } from '../../components/ErrorNote';
import { INCIDENT_TYPE_LABELS } from './incident-types';

export function NewCaseForm(props: { onCreated: (created: CaseDetail) => void; onCancel: () => void }) {
  const api = useApi();
  const [title, setTitle] = useState('');
  const [reference, setReference] = useState('');
  const [incidentType, setIncidentType] = useState<IncidentType>('theft');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    api.cases.create({ title, incidentType, ...(reference.trim() ? { reference } : {}) }).then(
      (created) => props.onCreated(created),
      (failure: unknown) => {
        setError(errorMessage(failure));
        setSaving(false);
      },
    );
  };

  return (
    <form className="card form" onSubmit={submit} aria-label="New case">
      <h2>Start a new case</h2>
      <label>
        <span>What happened, in a few words</span>
        <input name="title" value={title} onChange={(e) => setTitle(e.target.value)} placeholder="Theft at till 2" autoFocus required maxLength={200} />
      </label>
      <label>
        <span>What kind of incident was it?</span>
        <select name="incidentType" value={incidentType} onChange={(e) => setIncidentType(e.target.value as IncidentType)}>
          {INCIDENT_TYPES.map((type) => (
            <option key={type} value={type}>
              {INCIDENT_TYPE_LABELS[type]}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Police crime reference (if you have one yet)</span>
        <input name="reference" value={reference} onChange={(e) => setReference(e.target.value)} placeholder="For example 44/12345/26" maxLength={64} />
        <small className="muted">You can add this later, when the police give it to you.</small>
      </label>
      <ErrorNote message={error} />
      <div className="actions">
        <button type="button" className="button secondary" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={saving}>
          {saving ? 'Creating…' : 'Create case'}
        </button>
      </div>
    </form>
  );
}
