import { useCallback, useEffect, useRef, useState } from 'react';
import { isTerminalJobState, type JobSnapshot } from '../../../src-shared/domain/jobs';
import { useApi } from '../../api/api-context';

const FOOTAGE_JOB_KINDS: ReadonlySet<JobSnapshot['kind']> = new Set(['catalogue.scan', 'catalogue.check', 'catalogue.demo']);

/** A scan (or demo) that succeeded names the background check it started; the screen follows that next. */
function checkJobOf(snapshot: JobSnapshot): string | null {
  if (snapshot.state !== 'succeeded' || typeof snapshot.result !== 'object' || snapshot.result === null) return null;
  const checkJobId = (snapshot.result as { checkJobId?: unknown }).checkJobId;
  return typeof checkJobId === 'string' ? checkJobId : null;
}

function runningFootageJob(jobs: readonly JobSnapshot[], caseId: string, except: ReadonlySet<string>): JobSnapshot | undefined {
  return jobs.find((job) => job.caseId === caseId && FOOTAGE_JOB_KINDS.has(job.kind) && !isTerminalJobState(job.state) && !except.has(job.id));
}

/**
 * Follows the case's footage job: one started on this screen (`track`), or one already running when the screen opens
 * (after a reload, say). When it ends, `onEnd` runs once and any job it led to is picked up next: the background check
 * a scan starts (named in its result, so it is followed even if it has already finished, and "done" is shown only
 * once the checks are), or a scan started by demo footage.
 */
export function useFootageJob(options: { caseId: string; onEnd: () => void }): { job: JobSnapshot | null; track: (jobId: string) => void } {
  const api = useApi();
  const { caseId } = options;
  const [jobId, setJobId] = useState<string | null>(null);
  const [job, setJob] = useState<JobSnapshot | null>(null);
  const onEndRef = useRef(options.onEnd);
  const endedRef = useRef(new Set<string>());
  useEffect(() => {
    onEndRef.current = options.onEnd;
  });

  // A job already running for this case, e.g. a scan still going when the page was reloaded.
  useEffect(() => {
    let current = true;
    api.jobs.list({}).then(
      (jobs) => {
        const running = runningFootageJob(jobs, caseId, endedRef.current);
        if (current && running) setJobId((seen) => seen ?? running.id);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, caseId]);

  useEffect(() => {
    if (!jobId) return undefined;
    let current = true;
    let pushed = false;
    const seen = (snapshot: JobSnapshot) => {
      if (!current || snapshot.id !== jobId) return;
      const checkJobId = checkJobOf(snapshot);
      // The scan is done but its check is not: keep showing progress rather than "finished".
      if (!checkJobId) setJob(snapshot);
      if (!isTerminalJobState(snapshot.state) || endedRef.current.has(snapshot.id)) return;
      endedRef.current.add(snapshot.id);
      // The timeline is ready when the scan ends; the check refines sizes and statuses after.
      onEndRef.current();
      if (checkJobId) {
        setJobId(checkJobId);
        return;
      }
      api.jobs.list({}).then(
        (jobs) => {
          const next = runningFootageJob(jobs, caseId, endedRef.current);
          if (current && next) setJobId(next.id);
        },
        () => undefined,
      );
    };
    const unsubscribe = api.events.subscribe((event) => {
      if (event.type !== 'job.update' || event.job.id !== jobId) return;
      pushed = true;
      seen(event.job);
    });
    // A pushed update is never older than this answer, so the answer only counts when nothing was pushed yet.
    api.jobs.get({ jobId }).then((snapshot) => pushed || seen(snapshot), () => undefined);
    return () => {
      current = false;
      unsubscribe();
    };
  }, [api, caseId, jobId]);

  const track = useCallback((id: string) => setJobId(id), []);
  return { job: job && job.id === jobId ? job : null, track };
}
