/**
 * A stored row (an export, a bundle) that says 'running' only as a claim: its job's end settles it. The row is
 * settled when the job ends, and again whenever it is read, because a crash leaves 'running' with no job behind it
 * (the job was marked failed at the next start, or is gone).
 */
import type { JobSnapshot } from '../../../src-shared/domain/jobs';
import { isAppError } from '../errors';
import type { Logger } from '../logger';
import type { JobManager } from './job-manager';

export function createRowSettling<Row extends { state: string; job_id: string }>(options: {
  jobs: Pick<JobManager, 'get' | 'waitFor'>;
  /** Moves the row to the job's final state once; `job` is null when the job cannot be found. */
  settle: (row: Row, job: JobSnapshot | null) => void;
  logger: Logger;
  /** For the log line when settling fails: "export", "bundle". */
  what: string;
}) {
  const { jobs, settle, logger, what } = options;
  return {
    /** Settles the row when its job ends; `row` is read then, so it sees whatever the job wrote. */
    whenJobEnds: (input: { jobId: string; id: string; row: () => Row }): void => {
      void jobs
        .waitFor({ jobId: input.jobId })
        .then((final) => settle(input.row(), final))
        .catch((error: unknown) => logger.error(`${what}: could not record how it ended`, { id: input.id, error: String(error) }));
    },
    /** Settles every row still claiming 'running' whose job has ended or is gone. */
    reconcile: (rows: readonly Row[]): void => {
      for (const row of rows) {
        if (row.state !== 'running') continue;
        let job: JobSnapshot | null = null;
        try {
          job = jobs.get({ jobId: row.job_id });
        } catch (error) {
          if (!isAppError(error) || error.code !== 'not_found') throw error;
        }
        settle(row, job);
      }
    },
  };
}
