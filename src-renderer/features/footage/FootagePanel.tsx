import { useState } from 'react';
import type { SourceSummary } from '../../../src-shared/domain/catalogue';
import type { JobSnapshot } from '../../../src-shared/domain/jobs';
import { useApi } from '../../api/api-context';
import { useLoad } from '../../api/hooks';
import { ErrorNote } from '../../components/ErrorNote';
import { JobProgress } from '../../components/JobProgress';
import { ReviewSection } from '../review/ReviewSection';
import { AddFootage, type StartedFootageJob } from './AddFootage';
import { CameraList } from './CameraList';
import { FolderCard } from './FolderCard';
import { ProblemFiles } from './ProblemFiles';
import { useFootageJob } from './use-footage-job';

function FootageJobStatus(props: { job: JobSnapshot; onCancel: () => void }) {
  if (props.job.state === 'succeeded') {
    return (
      <p className="ok job-done" data-testid="footage-job-done">
        Finished: the recordings have been read.
      </p>
    );
  }
  return (
    <div className="card job-card" data-testid="footage-job">
      <JobProgress job={props.job} onCancel={props.onCancel} />
    </div>
  );
}

/** Step 1's content: the case's footage folders, their clocks, their cameras, and adding more. */
export function FootagePanel(props: { caseId: string; onCaseChanged: () => void }) {
  const api = useApi();
  const { caseId } = props;
  const sources = useLoad(() => api.footage.listSources({ caseId }), caseId);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  // Bumped whenever footage or a clock answer changes, so the review timeline is read again.
  const [footageVersion, setFootageVersion] = useState(0);
  const list = sources.data ?? [];
  // The chosen folder, else the newest one (just added, say).
  const selected = list.find((source) => source.id === selectedId) ?? list.at(-1) ?? null;
  const overview = useLoad(() => (selected ? api.footage.overview({ sourceId: selected.id }) : Promise.resolve(null)), selected?.id ?? '');
  const { job, track } = useFootageJob({
    caseId,
    onEnd: () => {
      sources.reload();
      overview.reload();
      setFootageVersion((n) => n + 1);
      props.onCaseChanged();
    },
  });
  const busy = job !== null && (job.state === 'queued' || job.state === 'running' || job.state === 'finalizing');

  const started = (start: StartedFootageJob) => {
    track(start.jobId);
    if (start.sourceId) setSelectedId(start.sourceId);
    sources.reload();
    // Adding footage marks this step as started.
    props.onCaseChanged();
  };

  const clockSaved = (updated: SourceSummary) => {
    sources.set(list.map((source) => (source.id === updated.id ? updated : source)));
    // True times move with the clock answer.
    overview.reload();
    setFootageVersion((n) => n + 1);
  };

  if (sources.error) return <ErrorNote message={sources.error} />;
  if (!sources.data) return <p className="muted">Looking for this case&rsquo;s footage…</p>;

  const jobStatus = job && <FootageJobStatus job={job} onCancel={() => void api.jobs.cancel({ jobId: job.id }).catch(() => undefined)} />;
  const addFootage = <AddFootage caseId={caseId} busy={busy} hasFolders={list.length > 0} onStarted={started} />;

  if (list.length === 0) {
    return (
      <div className="footage-panel">
        {jobStatus}
        {addFootage}
      </div>
    );
  }

  return (
    <div className="footage-panel">
      <h2>Footage folders</h2>
      {list.map((source) => (
        <FolderCard
          key={source.id}
          source={source}
          selected={source.id === selected?.id}
          selectable={list.length > 1}
          busy={busy}
          onSelect={() => setSelectedId(source.id)}
          onRescan={track}
          onClockSaved={clockSaved}
        />
      ))}
      {jobStatus}
      {selected && (
        <section className="card cameras-card" aria-labelledby="cameras-title">
          <h2 id="cameras-title">Cameras in {selected.label}</h2>
          <ErrorNote message={overview.error} />
          {overview.data ? (
            <>
              <CameraList
                cameras={overview.data.cameras}
                timeZone={overview.data.source.timeZone}
                clockOffsetS={overview.data.source.clockOffsetS}
                clockCheck={overview.data.source.clockCheck}
              />
              <ProblemFiles problems={overview.data.problems} skipped={overview.data.skipped} />
            </>
          ) : (
            !overview.error && <p className="muted">Reading the list of cameras…</p>
          )}
        </section>
      )}
      <ReviewSection caseId={caseId} footageVersion={footageVersion} />
      {addFootage}
    </div>
  );
}
