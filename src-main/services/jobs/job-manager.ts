import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { JobKind, JobSnapshot, JobState } from '../../../src-shared/domain/jobs';
import { isTerminalJobState } from '../../../src-shared/domain/jobs';
import { AppError, isAppError } from '../errors';
import type { Logger } from '../logger';
import { createEtaEstimator } from './eta';

export interface JobContext {
  jobId: string;
  signal: AbortSignal;
  /** A private folder for this run; removed whatever the outcome, so put only temporary files here. */
  workDir(): string;
  /** Registers a file written outside workDir; it is deleted unless the job succeeds. */
  trackOutput(filePath: string): void;
  /** Marks a tracked output as kept for good (call after its final rename). */
  keepOutput(filePath: string): void;
  /** `ratio` is 0..1 across the whole job; smaller values than before are ignored so progress never goes backwards. */
  progress(update: { phase: string; ratio: number }): void;
  /** Enters the visible "finalizing" state; no more ratio updates are expected after this. */
  finalizing(phase: string): void;
  throwIfCancelled(): void;
}

export interface StartJobOptions<T> {
  kind: JobKind;
  caseId?: string | null;
  params?: Record<string, unknown>;
  run(ctx: JobContext): Promise<T>;
}

export interface JobManager {
  start<T>(options: StartJobOptions<T>): JobSnapshot;
  get(options: { jobId: string }): JobSnapshot;
  list(): JobSnapshot[];
  cancel(options: { jobId: string }): JobSnapshot;
  /** Resolves with the final snapshot once the job has stopped. */
  waitFor(options: { jobId: string }): Promise<JobSnapshot>;
  onUpdate(listener: (job: JobSnapshot) => void): () => void;
  /** Cancels every running job and waits for them; used at shutdown. */
  shutdown(): Promise<void>;
}

interface JobRow {
  id: string;
  kind: JobKind;
  case_id: string | null;
  state: JobState;
  phase: string;
  ratio: number;
  result_json: string | null;
  error_code: string | null;
  error_message: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

interface LiveJob {
  snapshot: JobSnapshot;
  controller: AbortController;
  done: Promise<JobSnapshot>;
  outputs: Set<string>;
  workDir: string | null;
}

export const CRASHED_JOB_MESSAGE = 'Handover closed while this was running. Nothing from it was kept. You can start it again.';

function rowToSnapshot(row: JobRow): JobSnapshot {
  return {
    id: row.id,
    kind: row.kind,
    caseId: row.case_id,
    state: row.state,
    progress: { phase: row.phase, ratio: row.ratio, etaS: null },
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
    result: row.result_json ? (JSON.parse(row.result_json) as unknown) : null,
  };
}

function removeQuietly(target: string, logger: Logger): void {
  try {
    fs.rmSync(target, { recursive: true, force: true });
  } catch (error) {
    logger.warn('could not remove partial output', { path: target, error: String(error) });
  }
}

/**
 * Runs long tasks (scans, exports, bundle writes) with one id, state and progress each. State changes are persisted so
 * a crash leaves the job marked failed; progress is pushed to listeners at most every `throttleMs`.
 */
export function createJobManager(options: {
  db: Database.Database;
  dataDir: string;
  logger: Logger;
  throttleMs?: number;
  now?: () => number;
}): JobManager {
  const { db, logger } = options;
  const throttleMs = options.throttleMs ?? 250;
  const now = options.now ?? (() => Date.now());
  const workRoot = path.join(options.dataDir, 'work');
  const live = new Map<string, LiveJob>();
  const listeners = new Set<(job: JobSnapshot) => void>();

  const insertStmt = db.prepare(
    'INSERT INTO jobs (id, kind, case_id, state, phase, ratio, params_json, created_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?)',
  );
  const saveStmt = db.prepare(
    `UPDATE jobs SET state = ?, phase = ?, ratio = ?, result_json = ?, error_code = ?, error_message = ?, started_at = ?, finished_at = ?
     WHERE id = ?`,
  );
  const getStmt = db.prepare<[string], JobRow>('SELECT * FROM jobs WHERE id = ?');
  const listStmt = db.prepare<[], JobRow>('SELECT * FROM jobs ORDER BY created_at DESC LIMIT 200');
  const addOutputStmt = db.prepare('INSERT OR IGNORE INTO job_outputs (job_id, path) VALUES (?, ?)');
  const dropOutputStmt = db.prepare('DELETE FROM job_outputs WHERE job_id = ? AND path = ?');
  const dropOutputsStmt = db.prepare('DELETE FROM job_outputs WHERE job_id = ?');

  recoverCrashedJobs();

  function recoverCrashedJobs(): void {
    const stale = db.prepare<[], { id: string }>("SELECT id FROM jobs WHERE state IN ('queued', 'running', 'finalizing')").all();
    for (const { id } of stale) {
      const outputs = db.prepare<[string], { path: string }>('SELECT path FROM job_outputs WHERE job_id = ?').all(id);
      for (const output of outputs) removeQuietly(output.path, logger);
      dropOutputsStmt.run(id);
      db.prepare("UPDATE jobs SET state = 'failed', error_code = 'internal', error_message = ?, finished_at = ? WHERE id = ?").run(
        CRASHED_JOB_MESSAGE,
        new Date(now()).toISOString(),
        id,
      );
      logger.warn('job was interrupted by a crash or forced quit', { jobId: id, removedOutputs: outputs.length });
    }
    // Work folders belong to runs of this process only; anything left is debris from an earlier crash.
    removeQuietly(workRoot, logger);
  }

  function persist(snapshot: JobSnapshot): void {
    saveStmt.run(
      snapshot.state,
      snapshot.progress.phase,
      snapshot.progress.ratio,
      snapshot.result === null ? null : JSON.stringify(snapshot.result),
      snapshot.error?.code ?? null,
      snapshot.error?.message ?? null,
      snapshot.startedAt,
      snapshot.finishedAt,
      snapshot.id,
    );
  }

  function emit(snapshot: JobSnapshot): void {
    const copy = structuredClone(snapshot);
    for (const listener of listeners) {
      try {
        listener(copy);
      } catch (error) {
        logger.error('job listener failed', { error: String(error) });
      }
    }
  }

  function start<T>(startOptions: StartJobOptions<T>): JobSnapshot {
    const id = randomUUID();
    const createdAt = new Date(now()).toISOString();
    insertStmt.run(id, startOptions.kind, startOptions.caseId ?? null, 'queued', 'Waiting to start', JSON.stringify(startOptions.params ?? {}), createdAt);
    const snapshot: JobSnapshot = {
      id,
      kind: startOptions.kind,
      caseId: startOptions.caseId ?? null,
      state: 'queued',
      progress: { phase: 'Waiting to start', ratio: 0, etaS: null },
      createdAt,
      startedAt: null,
      finishedAt: null,
      error: null,
      result: null,
    };
    const job: LiveJob = { snapshot, controller: new AbortController(), done: Promise.resolve(snapshot), outputs: new Set(), workDir: null };
    live.set(id, job);
    emit(snapshot);
    job.done = runJob(job, startOptions);
    return structuredClone(snapshot);
  }

  async function runJob<T>(job: LiveJob, startOptions: StartJobOptions<T>): Promise<JobSnapshot> {
    const { snapshot, controller } = job;
    const eta = createEtaEstimator({ now });
    let lastEmit = 0;
    let pendingEmit: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      if (pendingEmit) clearTimeout(pendingEmit);
      pendingEmit = null;
      lastEmit = now();
      emit(snapshot);
    };
    const throttledEmit = () => {
      const wait = throttleMs - (now() - lastEmit);
      if (wait <= 0) flush();
      else pendingEmit ??= setTimeout(flush, wait);
    };
    const setState = (state: JobState) => {
      snapshot.state = state;
      persist(snapshot);
      flush();
    };

    const ctx: JobContext = {
      jobId: snapshot.id,
      signal: controller.signal,
      workDir: () => {
        if (!job.workDir) {
          job.workDir = path.join(workRoot, snapshot.id);
          fs.mkdirSync(job.workDir, { recursive: true });
        }
        return job.workDir;
      },
      trackOutput: (filePath) => {
        job.outputs.add(filePath);
        addOutputStmt.run(snapshot.id, filePath);
      },
      keepOutput: (filePath) => {
        job.outputs.delete(filePath);
        dropOutputStmt.run(snapshot.id, filePath);
      },
      progress: ({ phase, ratio }) => {
        if (snapshot.state !== 'running') return;
        const clamped = Math.min(1, Math.max(snapshot.progress.ratio, Number.isFinite(ratio) ? ratio : 0));
        if (clamped === snapshot.progress.ratio && phase === snapshot.progress.phase) return;
        snapshot.progress = { phase, ratio: clamped, etaS: eta.update(clamped) };
        throttledEmit();
      },
      finalizing: (phase) => {
        if (snapshot.state !== 'running') return;
        snapshot.progress = { phase, ratio: snapshot.progress.ratio, etaS: null };
        setState('finalizing');
      },
      throwIfCancelled: () => {
        if (controller.signal.aborted) throw new AppError('cancelled', 'Cancelled.');
      },
    };

    // Let start() return the queued snapshot before any work begins.
    await Promise.resolve();
    if (controller.signal.aborted) return finish(job, 'cancelled', null, { code: 'cancelled', message: 'Cancelled before it started.' });
    snapshot.startedAt = new Date(now()).toISOString();
    snapshot.progress = { phase: 'Starting', ratio: 0, etaS: null };
    setState('running');
    try {
      const result = await startOptions.run(ctx);
      if (controller.signal.aborted) throw new AppError('cancelled', 'Cancelled.');
      if (pendingEmit) clearTimeout(pendingEmit);
      snapshot.progress = { phase: 'Done', ratio: 1, etaS: 0 };
      return finish(job, 'succeeded', result ?? null, null);
    } catch (error) {
      if (pendingEmit) clearTimeout(pendingEmit);
      if (controller.signal.aborted) return finish(job, 'cancelled', null, { code: 'cancelled', message: 'Cancelled. Nothing from it was kept.' });
      const body = isAppError(error)
        ? { code: error.code, message: error.message }
        : { code: 'internal', message: 'Something went wrong inside Handover. Nothing from this task was kept. Please try again.' };
      logger.error('job failed', { jobId: snapshot.id, kind: snapshot.kind, error: error instanceof Error ? error.stack : String(error) });
      return finish(job, 'failed', null, body);
    }
  }

  function finish(job: LiveJob, state: JobState, result: unknown, error: { code: string; message: string } | null): JobSnapshot {
    const { snapshot } = job;
    if (state !== 'succeeded') for (const output of job.outputs) removeQuietly(output, logger);
    if (job.workDir) removeQuietly(job.workDir, logger);
    dropOutputsStmt.run(snapshot.id);
    snapshot.state = state;
    snapshot.result = state === 'succeeded' ? result : null;
    snapshot.error = error;
    snapshot.finishedAt = new Date(now()).toISOString();
    if (state !== 'succeeded') snapshot.progress = { ...snapshot.progress, etaS: null };
    persist(snapshot);
    live.delete(snapshot.id);
    emit(snapshot);
    return structuredClone(snapshot);
  }

  function get({ jobId }: { jobId: string }): JobSnapshot {
    const running = live.get(jobId);
    if (running) return structuredClone(running.snapshot);
    const row = getStmt.get(jobId);
    if (!row) throw new AppError('not_found', 'That task could not be found. It may belong to another computer.');
    return rowToSnapshot(row);
  }

  return {
    start,
    get,
    list: () => listStmt.all().map((row) => (live.has(row.id) ? get({ jobId: row.id }) : rowToSnapshot(row))),
    cancel: ({ jobId }) => {
      const job = live.get(jobId);
      if (!job) {
        const snapshot = get({ jobId });
        if (isTerminalJobState(snapshot.state)) return snapshot;
        throw new AppError('not_found', 'That task is not running.');
      }
      job.controller.abort(new AppError('cancelled', 'Cancelled.'));
      return structuredClone(job.snapshot);
    },
    waitFor: async ({ jobId }) => {
      const job = live.get(jobId);
      return job ? job.done : get({ jobId });
    },
    onUpdate: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    shutdown: async () => {
      const running = [...live.values()];
      for (const job of running) job.controller.abort(new AppError('cancelled', 'Handover is closing.'));
      await Promise.allSettled(running.map((job) => job.done));
    },
  };
}



/**
 * A view of a job's context for one stage of a multi-stage job: its 0..1 progress lands in [from, to] of the whole
 * bar, so a stage written as a job of its own (a scan) can run inside a bigger one (demo footage, then a scan).
 */
export function stageContext(options: { ctx: JobContext; from: number; to: number }): JobContext {
  const { ctx, from, to } = options;
  return {
    ...ctx,
    progress: ({ phase, ratio }) => ctx.progress({ phase, ratio: from + (to - from) * Math.min(1, Math.max(0, ratio)) }),
    // The stage finishing is not the job finishing; only the outer job may enter "finalizing".
    finalizing: (phase) => ctx.progress({ phase, ratio: to }),
  };
}
