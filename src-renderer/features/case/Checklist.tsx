import { STEP_IDS, type CaseStep, type StepId } from '../../../src-shared/domain/cases';
import { ProgressBar } from '../../components/ProgressBar';
import { STEP_STATE_LABELS, STEP_TEXTS } from './step-texts';

const STATE_MARKS = { not_started: '○', in_progress: '●', done: '✔' } as const;

export function Checklist(props: { steps: CaseStep[]; current: StepId; onStep: (step: StepId) => void }) {
  const done = props.steps.filter((step) => step.state === 'done').length;
  return (
    <nav className="checklist" aria-label="Handover steps">
      <ol>
        {props.steps.map((step, index) => (
          <li key={step.id}>
            <button
              type="button"
              className={`step-link state-${step.state}${step.id === props.current ? ' current' : ''}`}
              aria-current={step.id === props.current ? 'step' : undefined}
              onClick={() => props.onStep(step.id)}
            >
              <span className="step-mark" aria-hidden="true">
                {STATE_MARKS[step.state]}
              </span>
              <span className="step-name">
                {index + 1} {STEP_TEXTS[step.id].title}
              </span>
              <span className="visually-hidden">, {STEP_STATE_LABELS[step.state]}</span>
            </button>
          </li>
        ))}
      </ol>
      <div className="checklist-progress">
        <ProgressBar ratio={done / STEP_IDS.length} label="Steps done" />
        <span data-testid="steps-done">
          {done} of {STEP_IDS.length} done
        </span>
      </div>
    </nav>
  );
}
