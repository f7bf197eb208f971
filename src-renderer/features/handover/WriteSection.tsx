import type { JobSnapshot } from '../../../src-shared/domain/jobs';
import { ErrorNote } from '../../components/ErrorNote';
import { JobProgress } from '../../components/JobProgress';
import { ProgressBar } from '../../components/ProgressBar';
import type { ExportRunState } from '../export/export-format';

/** The big "Write to USB stick" button with what still blocks it, or the write's progress with Cancel. */
export function WriteSection(props: {
  state: ExportRunState | null;
  job: JobSnapshot | null;
  blockers: string[];
  sending: boolean;
  error: string | null;
  onWrite: () => void;
  onCancel: () => void;
}) {
  const { state, job } = props;
  if (state === 'starting' || state === 'running') {
    return (
      <section className="card job-card handover-write" aria-labelledby="handover-write-title" data-testid="bundle-job">
        <h2 id="handover-write-title">Writing the evidence</h2>
        {job && state === 'running' ? (
          <JobProgress job={job} onCancel={props.onCancel} />
        ) : (
          <div className="job" aria-live="polite">
            <div className="job-head">
              <strong>Getting ready to write…</strong>
            </div>
            <ProgressBar ratio={0} label="Getting ready to write" />
          </div>
        )}
        <p className="small muted">Do not unplug the USB stick until Handover says it is done. The footage on this computer is only read, never changed.</p>
        <ErrorNote message={props.error} />
      </section>
    );
  }
  const ready = props.blockers.length === 0;
  return (
    <section className="card handover-write" aria-labelledby="handover-write-title">
      <h2 id="handover-write-title">Write</h2>
      <p>Handover locks the evidence with the password, writes it to the USB stick and then reads it back to check every part.</p>
      {!ready && (
        <div className="write-blockers" data-testid="write-blockers">
          <p className="small">Before you can write:</p>
          <ul className="small">
            {props.blockers.map((blocker) => (
              <li key={blocker}>{blocker}</li>
            ))}
          </ul>
        </div>
      )}
      <ErrorNote message={props.error} />
      <div className="actions end">
        <button type="button" className="button primary big" disabled={!ready || props.sending} onClick={props.onWrite} data-testid="write-usb">
          Write to USB stick
        </button>
      </div>
    </section>
  );
}

/** A write that failed or was stopped: what happened (the job's plain words) and "Try again". */
export function WriteEnded(props: { state: 'failed' | 'cancelled'; message: string; busy: boolean; onTryAgain: () => void; onChooseAnother: () => void }) {
  return (
    <section className="card handover-ended" data-testid={props.state === 'failed' ? 'bundle-failed' : 'bundle-cancelled'}>
      <h2>{props.state === 'failed' ? 'The evidence was not written' : 'Writing was stopped'}</h2>
      <p className="error-note" role="alert">
        {props.message}
      </p>
      <p>Your footage and the export on this computer are safe. &ldquo;Try again&rdquo; checks the USB stick first, then writes the evidence again.</p>
      <div className="actions">
        <button type="button" className="button primary big" disabled={props.busy} onClick={props.onTryAgain} data-testid="bundle-try-again">
          Try again
        </button>
        <button type="button" className="button link" disabled={props.busy} onClick={props.onChooseAnother}>
          Choose a different USB stick
        </button>
      </div>
    </section>
  );
}
