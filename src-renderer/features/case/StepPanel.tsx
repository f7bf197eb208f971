import { STEP_IDS, type CaseDetail, type StepId, type StepState } from '../../../src-shared/domain/cases';
import { ExportPanel } from '../export/ExportPanel';
import { FootagePanel } from '../footage/FootagePanel';
import { HandoverPanel } from '../handover/HandoverPanel';
import { ReceiptPanel } from '../receipt/ReceiptPanel';
import { STEP_STATE_LABELS, STEP_TEXTS } from './step-texts';

export function StepPanel(props: {
  detail: CaseDetail;
  step: StepId;
  busy: boolean;
  onSetState: (state: StepState) => void;
  onStep: (step: StepId) => void;
  /** Something on the step changed the case (adding footage starts step 1), so it should be read again. */
  onCaseChanged: () => void;
}) {
  const { detail, step } = props;
  const text = STEP_TEXTS[step];
  const state = detail.steps.find((item) => item.id === step)?.state ?? 'not_started';
  const nextStep = STEP_IDS[STEP_IDS.indexOf(step) + 1];
  return (
    <section className="step-panel" aria-labelledby="step-title">
      <p className="muted">
        Step {STEP_IDS.indexOf(step) + 1} of {STEP_IDS.length} · <span data-testid="step-state">{STEP_STATE_LABELS[state]}</span>
      </p>
      <h1 id="step-title">{text.title}</h1>
      <p className="lead">{text.why}</p>
      {step === 'review' ? (
        <FootagePanel caseId={detail.id} onCaseChanged={props.onCaseChanged} />
      ) : step === 'export' ? (
        <ExportPanel caseId={detail.id} onStep={props.onStep} onCaseChanged={props.onCaseChanged} />
      ) : step === 'usb' ? (
        <HandoverPanel caseId={detail.id} caseReference={detail.reference} caseTitle={detail.title} onStep={props.onStep} onCaseChanged={props.onCaseChanged} />
      ) : step === 'receipt' ? (
        <ReceiptPanel caseId={detail.id} onStep={props.onStep} onCaseChanged={props.onCaseChanged} />
      ) : (
        <>
          <h2>In this step</h2>
          <ul className="step-what">
            {text.what.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
      <div className="step-state-actions" role="group" aria-label="Step progress">
        {state !== 'in_progress' && state !== 'done' && (
          <button type="button" className="button secondary" disabled={props.busy} onClick={() => props.onSetState('in_progress')}>
            I&rsquo;ve started this
          </button>
        )}
        {state !== 'done' && (
          <button type="button" className="button secondary" disabled={props.busy} onClick={() => props.onSetState('done')}>
            Mark as done
          </button>
        )}
        {state === 'done' && (
          <button type="button" className="button secondary" disabled={props.busy} onClick={() => props.onSetState('in_progress')}>
            Not done after all
          </button>
        )}
      </div>
      {nextStep && (
        <div className="actions end">
          <button type="button" className="button primary" onClick={() => props.onStep(nextStep)}>
            Continue to {STEP_TEXTS[nextStep].title} &rarr;
          </button>
        </div>
      )}
    </section>
  );
}
