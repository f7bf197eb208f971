import { useEffect, useRef, useState } from 'react';
import type { StepId } from '../../../src-shared/domain/cases';
import type { ExportOutput } from '../../../src-shared/domain/export';
import { isTerminalJobState } from '../../../src-shared/domain/jobs';
import { useApi } from '../../api/api-context';
import { useCaseRefreshOnSuccess } from '../../api/use-case-refresh';
import { errorMessage, useJob, useLoad } from '../../api/hooks';
import { ErrorNote } from '../../components/ErrorNote';
import { ExportClipList } from './ExportClipList';
import { ExportEstimateView } from './ExportEstimateView';
import { ExportOptionsForm } from './ExportOptionsForm';
import { ExportResults } from './ExportResults';
import { ExportStatus } from './ExportStatus';
import { DEFAULT_EXPORT_FORM, exportRunState, newestFirst, toExportOptions, type ExportForm } from './export-format';
import { useExportEstimates } from './use-export-estimates';

/** How often, at most, the list of exports is read again while it still says "running" for a job that has ended. */
const MAX_CATCH_UPS = 20;

/**
 * Step 2's content: the clips to export, the quality and options with their size and time, the Export button, the
 * job's progress, and the files of the latest export with their fingerprints.
 */
export function ExportPanel(props: { caseId: string; onStep: (step: StepId) => void; onCaseChanged: () => void }) {
  const api = useApi();
  const { caseId } = props;
  const review = useLoad(() => api.review.state({ caseId }), caseId);
  const sources = useLoad(() => api.footage.listSources({ caseId }), caseId);
  const exports = useLoad(() => api.export.list({ caseId }), caseId);
  const [form, setForm] = useState<ExportForm>(DEFAULT_EXPORT_FORM);
  // The export started (or restarted) on this screen; otherwise the newest one stored is shown.
  const [followed, setFollowed] = useState<{ exportId: string; jobId: string } | null>(null);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const clips = review.data?.clips ?? [];
  const options = toExportOptions(form);
  const estimates = useExportEstimates({ caseId, exportOptions: options, enabled: clips.length > 0 });

  const newest = newestFirst(exports.data ?? [])[0] ?? null;
  const current = followed ?? (newest ? { exportId: newest.id, jobId: newest.jobId } : null);
  const summary = exports.data?.find((item) => item.id === current?.exportId) ?? null;
  const job = useJob(current?.jobId ?? null);
  const runState = exportRunState({ current: current !== null, job, summary });
  const busy = sending || runState === 'starting' || runState === 'running';
  useCaseRefreshOnSuccess({ succeeded: runState === 'succeeded', onCaseChanged: props.onCaseChanged });

  // When the job ends, the stored export (its files and hashes) is read again until it says how it ended too.
  const jobEnded = job !== null && isTerminalJobState(job.state);
  const behind = jobEnded && (summary === null || summary.state === 'running');
  const catchUps = useRef(0);
  const exportsRef = useRef(exports);
  useEffect(() => {
    exportsRef.current = exports;
  });
  useEffect(() => {
    catchUps.current = 0;
  }, [current?.jobId]);
  useEffect(() => {
    if (!behind || exports.loading || catchUps.current >= MAX_CATCH_UPS) return undefined;
    const timer = setTimeout(
      () => {
        catchUps.current += 1;
        exportsRef.current.reload();
      },
      catchUps.current === 0 ? 0 : 400,
    );
    return () => clearTimeout(timer);
  }, [behind, exports.loading]);

  const run = (call: () => Promise<{ exportId: string; jobId: string }>) => {
    setSending(true);
    setError(null);
    call().then(
      (started) => {
        setSending(false);
        setFollowed(started);
        exports.reload();
      },
      (failure: unknown) => {
        setSending(false);
        setError(errorMessage(failure));
      },
    );
  };
  const start = () => run(() => api.export.start({ caseId, options }));
  const tryAgain = () => {
    if (current) run(() => api.export.restart({ exportId: current.exportId }));
  };
  const cancel = () => {
    if (!current) return;
    api.jobs.cancel({ jobId: current.jobId }).catch((failure: unknown) => setError(errorMessage(failure)));
  };

  if (review.error) return <ErrorNote message={review.error} />;
  if (!review.data) return <p className="muted">Getting the clips ready…</p>;

  const fallbackTimeZone = sources.data?.[0]?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const timeZoneFor = (output: ExportOutput) => {
    const clip = clips.find((item) => item.id === output.clipId);
    return sources.data?.find((source) => source.id === clip?.camera.sourceId)?.timeZone ?? fallbackTimeZone;
  };

  const nameOf = (ref: string) => {
    const clip = clips.find((item) => item.id === ref);
    if (clip) return `Clip ${clip.position} (${clip.cameraLabel})`;
    return review.data?.stills.some((still) => still.id === ref) ? 'A still picture from step 1' : ref;
  };

  const outcome = (
    <>
      <ErrorNote message={exports.error} />
      {runState && <ExportStatus state={runState} job={job} busy={busy} onCancel={cancel} onExportAgain={start} onTryAgain={tryAgain} />}
      {runState === 'succeeded' &&
        (summary?.state === 'succeeded' ? <ExportResults summary={summary} timeZoneFor={timeZoneFor} nameOf={nameOf} /> : <p className="muted">Reading the list of exported files…</p>)}
    </>
  );

  if (clips.length === 0) {
    return (
      <div className="export-panel">
        <div className="card" data-testid="export-no-clips">
          <p className="lead">There are no clips to export yet.</p>
          <p>Mark the moments that show what happened in step 1, then come back here.</p>
          <button type="button" className="button primary big" onClick={() => props.onStep('review')}>
            Go to step 1: Review footage
          </button>
        </div>
        {outcome}
      </div>
    );
  }

  return (
    <div className="export-panel">
      <ExportClipList clips={clips} sources={sources.data ?? []} fallbackTimeZone={fallbackTimeZone} />
      <ExportOptionsForm form={form} estimates={estimates.byPreset} updating={estimates.updating} disabled={busy} onChange={setForm} />
      <ExportEstimateView estimate={estimates.byPreset?.[form.preset] ?? null} error={estimates.error} updating={estimates.updating} />
      <ErrorNote message={error} />
      <div className="actions end export-start">
        <button type="button" className="button primary big" data-testid="export-start" disabled={busy} onClick={start}>
          Export
        </button>
      </div>
      {outcome}
    </div>
  );
}
