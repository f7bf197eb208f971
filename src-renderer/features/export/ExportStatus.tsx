import type { JobSnapshot } from '../../../src-shared/domain/jobs';
import { JobProgress } from '../../components/JobProgress';
import { ProgressBar } from '../../components/ProgressBar';
import type { ExportRunState } from './export-format';

/** The export job while it runs (a progress bar with the phase, time left and Cancel), or how it ended. */
export function ExportStatus(props: {
  state: ExportRunState;
  job: JobSnapshot | null;
  busy: boolean;
  onCancel: () => void;
  onExportAgain: () => void;
  onTryAgain: () => void;
}) {
  const { state, job } = props;
  if (state === 'starting' || state === 'running') {
    return (
      <div className="card job-card" data-testid="export-job">
        {job && state === 'running' ? (
          <JobProgress job={job} onCancel={props.onCancel} />
        ) : (
          <div className="job" aria-live="polite">
            <div className="job-head">
              <strong>Starting the export…</strong>
            </div>
            <ProgressBar ratio={0} label="Starting the export" />
            <button type="button" className="button secondary" onClick={props.onCancel}>
              Cancel
            </button>
          </div>
        )}
        <p className="small muted">You can keep using Handover while this runs. The original recordings are only read, never changed.</p>
      </div>
    );
  }
  if (state === 'cancelled') {
    return (
      <div className="card export-ended" data-testid="export-cancelled">
        <p className="lead">Export cancelled. Nothing was kept.</p>
        <button type="button" className="button primary" disabled={props.busy} onClick={props.onExportAgain}>
          Export again
        </button>
      </div>
    );
  }
  if (state === 'failed') {
    return (
      <div className="card export-ended" data-testid="export-failed">
        <p className="error-note" role="alert">
          {job?.error?.message ?? 'The export stopped before it finished. Nothing from it was kept.'}
        </p>
        <p>The original recordings are safe. Press &ldquo;Try again&rdquo; to run the same export again.</p>
        <button type="button" className="button primary" disabled={props.busy} onClick={props.onTryAgain}>
          Try again
        </button>
      </div>
    );
  }
  return null;
}
