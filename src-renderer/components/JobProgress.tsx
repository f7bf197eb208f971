import type { JobSnapshot } from '../../src-shared/domain/jobs';
import { ProgressBar } from './ProgressBar';

export function formatEta(etaS: number | null): string {
  if (etaS === null) return 'Working out how long this will take…';
  if (etaS < 5) return 'Almost done';
  if (etaS < 60) return `About ${Math.round(etaS / 5) * 5} seconds left`;
  const minutes = Math.round(etaS / 60);
  return minutes < 90 ? `About ${minutes} minute${minutes === 1 ? '' : 's'} left` : `About ${Math.round(etaS / 3600)} hours left`;
}

/** A progress bar with the phase in words, the time left and Cancel: no spinner without words. */
export function JobProgress(props: { job: JobSnapshot; onCancel?: () => void }) {
  const { job } = props;
  const running = job.state === 'queued' || job.state === 'running' || job.state === 'finalizing';
  return (
    <div className="job" aria-live="polite">
      <div className="job-head">
        <strong>{job.state === 'finalizing' ? `Finishing: ${job.progress.phase}` : job.progress.phase}</strong>
        {running && <span className="muted">{job.state === 'finalizing' ? 'Finishing up…' : formatEta(job.progress.etaS)}</span>}
      </div>
      <ProgressBar ratio={job.progress.ratio} label={job.progress.phase} />
      {running && props.onCancel && (
        <button type="button" className="button secondary" onClick={props.onCancel}>
          Cancel
        </button>
      )}
      {job.state === 'cancelled' && <p className="muted">Cancelled. Nothing from it was kept.</p>}
      {job.state === 'failed' && job.error && (
        <p className="error-note" role="alert">
          {job.error.message}
        </p>
      )}
    </div>
  );
}
