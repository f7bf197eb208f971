import { useState } from 'react';
import { STEP_IDS } from '../../../src-shared/domain/cases';
import { useApi } from '../../api/api-context';
import { useLoad } from '../../api/hooks';
import { ErrorNote } from '../../components/ErrorNote';
import { ProgressBar } from '../../components/ProgressBar';
import { formatDateTime } from '../../format';
import { INCIDENT_TYPE_LABELS } from './incident-types';
import { NewCaseForm } from './NewCaseForm';

export function CaseListPage(props: { onOpen: (caseId: string) => void }) {
  const api = useApi();
  const cases = useLoad(() => api.cases.list({}), 'cases');
  const [creating, setCreating] = useState(false);

  return (
    <section className="page">
      <div className="page-head">
        <h1>Your cases</h1>
        {!creating && (
          <button type="button" className="button primary" onClick={() => setCreating(true)}>
            New case
          </button>
        )}
      </div>
      <p className="lead">Each case is one incident you are giving footage to the police for.</p>
      {creating && <NewCaseForm onCancel={() => setCreating(false)} onCreated={(created) => props.onOpen(created.id)} />}
      <ErrorNote message={cases.error} />
      {cases.data && cases.data.length === 0 && !creating && (
        <div className="card empty">
          <p>You have no cases yet.</p>
          <p className="muted">Press &ldquo;New case&rdquo; to start one. It takes a minute.</p>
        </div>
      )}
      {cases.data && cases.data.length > 0 && (
        <ul className="case-list" aria-label="Cases">
          {cases.data.map((item) => (
            <li key={item.id}>
              <button type="button" className="case-row" onClick={() => props.onOpen(item.id)}>
                <span className="case-title">{item.title}</span>
                <span className="muted">
                  {INCIDENT_TYPE_LABELS[item.incidentType]}
                  {item.reference ? ` · Crime ref ${item.reference}` : ' · No crime reference yet'} · Started {formatDateTime(item.createdAt)}
                </span>
                <span className="case-progress">
                  <ProgressBar ratio={item.stepsDone / STEP_IDS.length} label={`${item.stepsDone} of ${STEP_IDS.length} steps done`} />
                  <span className="muted">
                    {item.stepsDone} of {STEP_IDS.length} done
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
