import { useState } from 'react';
import type { ToolStatus } from '../../../src-shared/domain/system';
import { mediaCheckResultSchema } from '../../../src-shared/domain/system';
import { useApi } from '../../api/api-context';
import { errorMessage, useJob, useLoad } from '../../api/hooks';
import { ErrorNote } from '../../components/ErrorNote';
import { JobProgress } from '../../components/JobProgress';

function ToolLine(props: { name: string; status: ToolStatus }) {
  return (
    <li className={props.status.found ? 'ok' : 'problem'}>
      <strong>{props.name}:</strong> {props.status.found ? `working (version ${props.status.version})` : props.status.message}
    </li>
  );
}

export function SystemCheckPage() {
  const api = useApi();
  const report = useLoad(() => api.system.doctor({}), 'doctor');
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const job = useJob(jobId);
  const result = job?.state === 'succeeded' ? mediaCheckResultSchema.safeParse(job.result) : null;

  const startCheck = () => {
    setError(null);
    api.system.startMediaCheck({}).then(
      (started) => setJobId(started.jobId),
      (failure: unknown) => setError(errorMessage(failure)),
    );
  };

  return (
    <section className="page">
      <h1>Check this computer</h1>
      <p className="lead">Handover needs a few tools to read recordings and make videos the police can play.</p>
      <ErrorNote message={report.error} />
      {report.data && (
        <div className="card">
          <p data-testid="doctor-summary">{report.data.ok ? 'Everything Handover needs is here.' : 'Something Handover needs is missing.'}</p>
          <ul className="tool-list">
            <ToolLine name="Video tool (ffmpeg)" status={report.data.ffmpeg} />
            <ToolLine name="Video reader (ffprobe)" status={report.data.ffprobe} />
          </ul>
          <details>
            <summary>Details</summary>
            <p>
              Handover {report.data.appVersion} · SQLite {report.data.sqliteVersion} · Node {report.data.nodeVersion}
            </p>
            <p>Your cases are kept in {report.data.dataDir}</p>
          </details>
        </div>
      )}
      <div className="card">
        <h2>Make a test video</h2>
        <p>This makes a 4-second video and reads it back, to prove this computer can make copies for the police.</p>
        <ErrorNote message={error} />
        {job && <JobProgress job={job} onCancel={() => void api.jobs.cancel({ jobId: job.id }).catch(() => undefined)} />}
        {result?.success && (
          <p className="ok" data-testid="media-check-result">
            It worked: a {result.data.width}×{result.data.height} video, {result.data.durationS.toFixed(1)} seconds long, made in{' '}
            {result.data.encodeSeconds.toFixed(1)} seconds.
          </p>
        )}
        <div className="actions">
          <button
            type="button"
            className="button primary"
            onClick={startCheck}
            disabled={job !== null && (job.state === 'queued' || job.state === 'running' || job.state === 'finalizing')}
          >
            {job ? 'Run the test again' : 'Run the test'}
          </button>
        </div>
      </div>
    </section>
  );
}
