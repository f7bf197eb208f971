import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobSnapshot } from '../../../src-shared/domain/jobs';
import { useTempDirs } from '../../../test/helpers/temp-dir';
import { openDatabase } from '../db/connection';
import { AppError } from '../errors';
import { createMemoryLogger } from '../logger';
import { CRASHED_JOB_MESSAGE, createJobManager, stageContext, type JobContext } from './job-manager';

const tempDir = useTempDirs();

function setup(options: { throttleMs?: number } = {}) {
  const dataDir = tempDir();
  const db = openDatabase({ dataDir });
  const jobs = createJobManager({ db, dataDir, logger: createMemoryLogger(), throttleMs: options.throttleMs ?? 0 });
  const updates: JobSnapshot[] = [];
  jobs.onUpdate((job) => updates.push(job));
  return { dataDir, db, jobs, updates };
}

/** Resolves once the job's run function has been entered, handing over its context. */
function controllableRun() {
  let resolveCtx: (ctx: JobContext) => void = () => undefined;
  const entered = new Promise<JobContext>((resolve) => (resolveCtx = resolve));
  let finish: (value: unknown) => void = () => undefined;
  const run = (ctx: JobContext) =>
    new Promise<unknown>((resolve, reject) => {
      finish = resolve;
      ctx.signal.addEventListener('abort', () => reject(new AppError('cancelled', 'Cancelled.')));
      resolveCtx(ctx);
    });
  return { run, entered, finish: (value: unknown) => finish(value) };
}

describe('JobManager', () => {
  it('runs a job through queued, running, finalizing and succeeded, with its result', async () => {
    const { db, jobs, updates } = setup();
    const started = jobs.start({
      kind: 'system.mediaCheck',
      run: (ctx) => {
        ctx.progress({ phase: 'Working', ratio: 0.5 });
        ctx.progress({ phase: 'Working', ratio: 0.25 });
        ctx.finalizing('Checking');
        return Promise.resolve({ answer: 42 });
      },
    });
    expect(started.state).toBe('queued');
    const done = await jobs.waitFor({ jobId: started.id });
    expect(done).toMatchObject({ state: 'succeeded', result: { answer: 42 }, error: null, progress: { ratio: 1 } });
    expect(updates.map((u) => u.state)).toEqual(['queued', 'running', 'running', 'finalizing', 'succeeded']);
    // Progress never goes backwards, even when a phase reports a smaller ratio.
    expect(updates.filter((u) => u.state === 'running').map((u) => u.progress.ratio)).toEqual([0, 0.5]);
    expect(jobs.get({ jobId: started.id })).toMatchObject({ state: 'succeeded', result: { answer: 42 } });
    db.close();
  });

  it('cancels by id and removes the work folder and tracked outputs', async () => {
    const { dataDir, db, jobs } = setup();
    const control = controllableRun();
    const job = jobs.start({ kind: 'system.mediaCheck', run: control.run });
    const ctx = await control.entered;
    const scratch = path.join(ctx.workDir(), 'partial.mp4');
    fs.writeFileSync(scratch, 'half a video');
    const outside = path.join(dataDir, 'export-part.mp4');
    fs.writeFileSync(outside, 'half an export');
    ctx.trackOutput(outside);

    expect(jobs.cancel({ jobId: job.id }).id).toBe(job.id);
    const final = await jobs.waitFor({ jobId: job.id });
    expect(final.state).toBe('cancelled');
    expect(fs.existsSync(scratch)).toBe(false);
    expect(fs.existsSync(outside)).toBe(false);
    expect(db.prepare('SELECT count(*) FROM job_outputs').pluck().get()).toBe(0);
    db.close();
  });

  it('keeps outputs the job marked as kept, and removes the rest on failure', async () => {
    const { dataDir, db, jobs } = setup();
    const kept = path.join(dataDir, 'kept.txt');
    const dropped = path.join(dataDir, 'dropped.txt');
    const job = jobs.start({
      kind: 'system.mediaCheck',
      run: (ctx) => {
        for (const file of [kept, dropped]) {
          fs.writeFileSync(file, 'x');
          ctx.trackOutput(file);
        }
        ctx.keepOutput(kept);
        return Promise.reject(new AppError('media_failed', 'The recording is damaged.'));
      },
    });
    const final = await jobs.waitFor({ jobId: job.id });
    expect(final).toMatchObject({ state: 'failed', error: { code: 'media_failed', message: 'The recording is damaged.' } });
    expect(fs.existsSync(kept)).toBe(true);
    expect(fs.existsSync(dropped)).toBe(false);
    db.close();
  });

  it('hides internal error details behind a plain message', async () => {
    const { db, jobs } = setup();
    const job = jobs.start({ kind: 'system.mediaCheck', run: () => Promise.reject(new TypeError('x is undefined')) });
    const final = await jobs.waitFor({ jobId: job.id });
    expect(final.error?.code).toBe('internal');
    expect(final.error?.message).not.toMatch(/undefined/);
    db.close();
  });

  it('marks jobs interrupted by a crash as failed and removes their outputs on the next start', () => {
    const dataDir = tempDir();
    const db = openDatabase({ dataDir });
    const orphan = path.join(dataDir, 'orphan.part');
    fs.writeFileSync(orphan, 'x');
    fs.mkdirSync(path.join(dataDir, 'work', 'old-job'), { recursive: true });
    db.prepare("INSERT INTO jobs (id, kind, state, created_at) VALUES ('j1', 'system.mediaCheck', 'running', '2026-01-01')").run();
    db.prepare("INSERT INTO job_outputs (job_id, path) VALUES ('j1', ?)").run(orphan);

    const jobs = createJobManager({ db, dataDir, logger: createMemoryLogger() });
    expect(jobs.get({ jobId: 'j1' })).toMatchObject({ state: 'failed', error: { message: CRASHED_JOB_MESSAGE } });
    expect(fs.existsSync(orphan)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'work'))).toBe(false);
    db.close();
  });

  it('throttles progress updates but always sends state changes', async () => {
    const { db, jobs, updates } = setup({ throttleMs: 10_000 });
    const job = jobs.start({
      kind: 'system.mediaCheck',
      run: (ctx) => {
        for (let i = 1; i <= 100; i += 1) ctx.progress({ phase: 'Working', ratio: i / 100 });
        return Promise.resolve(null);
      },
    });
    await jobs.waitFor({ jobId: job.id });
    expect(updates.map((u) => u.state)).toEqual(['queued', 'running', 'succeeded']);
    db.close();
  });

  it('says plainly when a job id is unknown', () => {
    const { db, jobs } = setup();
    expect(() => jobs.get({ jobId: '00000000-0000-4000-8000-000000000000' })).toThrow(/could not be found/);
    db.close();
  });

  it('cancels everything at shutdown', async () => {
    const { db, jobs } = setup();
    const control = controllableRun();
    const job = jobs.start({ kind: 'system.mediaCheck', run: control.run });
    await control.entered;
    await jobs.shutdown();
    expect(jobs.get({ jobId: job.id }).state).toBe('cancelled');
    db.close();
  });
});

describe('stageContext', () => {
  it('maps a stage’s progress into its slice of the whole bar and never finalizes the outer job', async () => {
    const { db, jobs, updates } = setup();
    const job = jobs.start({
      kind: 'catalogue.demo',
      run: (ctx) => {
        ctx.progress({ phase: 'Making demo recordings', ratio: 0.8 });
        const stage = stageContext({ ctx, from: 0.8, to: 1 });
        stage.progress({ phase: 'Scanning', ratio: 0.5 });
        stage.finalizing('Checking the list');
        return Promise.resolve(null);
      },
    });
    await jobs.waitFor({ jobId: job.id });
    const running = updates.filter((update) => update.state === 'running').map((update) => [update.progress.phase, update.progress.ratio]);
    expect(running).toEqual([
      ['Starting', 0],
      ['Making demo recordings', 0.8],
      ['Scanning', 0.9],
      ['Checking the list', 1],
    ]);
    expect(updates.some((update) => update.state === 'finalizing')).toBe(false);
    db.close();
  });
});
