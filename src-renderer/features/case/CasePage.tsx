import { useState } from 'react';
import type { StepId, StepState } from '../../../src-shared/domain/cases';
import { useApi } from '../../api/api-context';
import { errorMessage, useLoad } from '../../api/hooks';
import { ErrorNote } from '../../components/ErrorNote';
import { INCIDENT_TYPE_LABELS } from '../cases/incident-types';
import { Checklist } from './Checklist';
import { StepPanel } from './StepPanel';

export function CasePage(props: { caseId: string; step: StepId; onStep: (step: StepId) => void }) {
  const api = useApi();
  const detail = useLoad(() => api.cases.get({ caseId: props.caseId }), props.caseId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (detail.error) {
    return (
      <section className="page">
        <ErrorNote message={detail.error} />
        <a className="button secondary" href="#/">
          Back to your cases
        </a>
      </section>
    );
  }
  if (!detail.data) return <p className="page muted">Opening the case…</p>;
  const data = detail.data;

  const setState = (state: StepState) => {
    setBusy(true);
    setError(null);
    api.cases.setStepState({ caseId: data.id, step: props.step, state }).then(
      (updated) => {
        detail.set(updated);
        setBusy(false);
      },
      (failure: unknown) => {
        setError(errorMessage(failure));
        setBusy(false);
      },
    );
  };

  return (
    <div className="case-page">
      <div className="case-bar">
        <h2 className="case-name" data-testid="case-title">
          {data.title}
        </h2>
        <span className="muted">
          {INCIDENT_TYPE_LABELS[data.incidentType]} · {data.reference ? `Crime ref ${data.reference}` : 'No crime reference yet'}
        </span>
      </div>
      <div className="case-body">
        <Checklist steps={data.steps} current={props.step} onStep={props.onStep} />
        <div className="case-content">
          <ErrorNote message={error} />
          <StepPanel detail={data} step={props.step} busy={busy} onSetState={setState} onStep={props.onStep} onCaseChanged={() => detail.reload()} />
        </div>
      </div>
    </div>
  );
}
