import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import type { CameraOverview, CatalogueOverview, CheckSummary, ClockCheck, DemoLayout, ScanSummary, SourceSummary } from '../../../src-shared/domain/catalogue';
import type { DemoVideoCodec } from '../../../src-shared/ffmpeg-args/demo-footage';
import { isTerminalJobState, type JobSnapshot } from '../../../src-shared/domain/jobs';
import { describeClockOffset, isValidTimeZone } from '../../../src-shared/domain/time';
import { summariseCameraTimeline } from '../../../src-shared/domain/timeline';
import type { CustodyLog } from '../custody/custody-log';
import { AppError } from '../errors';
import { CRASHED_JOB_MESSAGE, type JobContext, type JobManager } from '../jobs/job-manager';
import type { Logger } from '../logger';
import type { MediaTools } from '../media/binaries';
import { createCatalogueStore, type FileCheck, type SourceRow } from './catalogue-store';
import { runDemoSourceJob } from './demo-source';
import { buildSourceIndex, sortedRecordings, type RecordingRow, type SourceIndex, type TimelineRow } from './recording-index';
import { buildCameraTimelines, recordingAt, type CameraTimeline } from './camera-timelines';
import { absoluteFromRelPath } from './rel-path';
import { checkFiles, scanSource } from './scanner';
import { checkFootageFolder } from './walker';

export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function cameraOverviews(rows: readonly TimelineRow[]): CameraOverview[] {
  const byCamera = new Map<string, TimelineRow[]>();
  for (const row of rows) {
    const list = byCamera.get(row.camera_key) ?? [];
    list.push(row);
    byCamera.set(row.camera_key, list);
  }
  return [...byCamera.entries()]
    .map(([key, cameraRows]) => {
      const playable = cameraRows.filter((row) => (row.status === 'ok' || row.status === 'partial') && row.true_start_ms !== null);
      const summary = summariseCameraTimeline({
        segments: playable.map((row, index) => ({ id: index, startMs: row.true_start_ms!, endMs: row.true_end_ms ?? row.true_start_ms! })),
      });
      const first = cameraRows[0]!;
      return {
        key,
        label: first.camera_label,
        layout: first.layout,
        segments: summary.segments,
        startMs: summary.startMs,
        endMs: summary.endMs,
        coveredMs: summary.coveredMs,
        gaps: summary.gaps,
        overlaps: summary.overlaps,
        duplicates: summary.duplicates.reduce((total, group) => total + group.length - 1, 0),
        motionEvents: cameraRows.filter((row) => row.event_kind === 'motion').length,
        alarmEvents: cameraRows.filter((row) => row.event_kind === 'alarm').length,
      };
    })
    .sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }));
}

/** A skipped check must not read as "the clock is right": the offset is 0 only because nobody measured it. */
function describeClock(source: Pick<SourceRow, 'clock_check' | 'clock_offset_s' | 'clock_note'>): string {
  if (source.clock_check === 'unanswered') return "The recorder's clock has not been checked yet.";
  if (source.clock_check === 'skipped') return `The recorder's clock was not checked${source.clock_note ? `: ${source.clock_note}` : '.'}`;
  return describeClockOffset(source.clock_offset_s);
}

export type ClockAnswer =
  | { kind: 'offset'; clockOffsetS: number; check: Extract<ClockCheck, 'measured' | 'entered'>; note?: string }
  | { kind: 'skip'; reason: string };

/** Footage folders of a case, their scans, and the per-camera picture of what was recorded when. */
export function createCatalogueService(options: {
  db: Database.Database;
  dataDir: string;
  jobs: JobManager;
  custody: CustodyLog;
  mediaTools: () => MediaTools;
  logger: Logger;
}) {
  const { db, jobs, custody, logger } = options;
  const store = createCatalogueStore(db);

  function getSource(sourceId: string): SourceRow {
    const source = store.getSource(sourceId);
    if (!source) throw new AppError('not_found', 'That footage folder is not in this case any more.');
    return source;
  }

  /**
   * The source's index, built from the stored folder names and file checks on first use and kept until a write to
   * either (the store's generation) or a new time zone; a new clock offset only shifts the true times in place.
   */
  const indexes = new Map<string, { generation: number; dataVersion: number; index: SourceIndex }>();
  function sourceIndex(source: SourceRow, justScanned?: SourceIndex): SourceIndex {
    const generation = store.generation(source.id);
    // data_version changes when another connection (the CLI beside the app) commits, which `generation` cannot see.
    const dataVersion = db.pragma('data_version', { simple: true }) as number;
    const cached = indexes.get(source.id);
    if (!justScanned && cached?.generation === generation && cached.dataVersion === dataVersion && cached.index.timeZone === source.time_zone) {
      // A new clock offset moves every true time by the same amount; rows are made with the index's offset.
      cached.index.clockOffsetS = source.clock_offset_s;
      return cached.index;
    }
    // The index a first scan built as it walked holds the time zone it started with; the user may have changed it since.
    if (justScanned?.timeZone === source.time_zone) {
      justScanned.clockOffsetS = source.clock_offset_s;
      indexes.set(source.id, { generation, dataVersion, index: justScanned });
      return justScanned;
    }
    const started = performance.now();
    const checks = new Map<string, FileCheck>();
    for (const check of store.allChecks(source.id)) checks.set(check.rel_path, check);
    const index = buildSourceIndex({
      source,
      dirs: store.dirs(source.id).map(([relPath, names]) => [relPath, store.splitNames(names)] as const),
      checks,
    });
    indexes.set(source.id, { generation, dataVersion, index });
    logger.info('catalogue index built', { sourceId: source.id, files: index.count, checks: checks.size, ms: Math.round(performance.now() - started) });
    return index;
  }

  function summarise(source: SourceRow): SourceSummary {
    const index = sourceIndex(source);
    const counts = { files: index.count, problems: index.problems };
    return {
      id: source.id,
      caseId: source.case_id,
      rootPath: source.root_path,
      label: source.label,
      timeZone: source.time_zone,
      clockOffsetS: source.clock_offset_s,
      clockCheck: source.clock_check,
      clockNote: source.clock_note,
      clockDescription: describeClock(source),
      retentionDays: source.retention_days,
      createdAt: source.created_at,
      lastScanAt: source.last_scan_at,
      fileCount: counts.files,
      problemCount: counts.problems,
    };
  }

  function addSource(input: { caseId: string | null; rootPath: string; timeZone?: string; label?: string; actor: string }): SourceRow {
    checkFootageFolder(input.rootPath);
    const rootPath = path.resolve(input.rootPath);
    const existing = store.findSourceByRoot({ caseId: input.caseId, rootPath });
    if (existing) return existing;
    const timeZone = input.timeZone ?? systemTimeZone();
    if (!isValidTimeZone(timeZone)) throw new AppError('invalid_input', `"${timeZone}" is not a time zone Handover knows, e.g. Europe/London.`);
    const row: SourceRow = {
      id: randomUUID(),
      case_id: input.caseId,
      root_path: rootPath,
      label: input.label ?? path.basename(rootPath),
      time_zone: timeZone,
      clock_offset_s: 0,
      clock_check: 'unanswered',
      clock_note: null,
      retention_days: null,
      created_at: new Date().toISOString(),
      last_scan_at: null,
    };
    db.transaction(() => {
      store.insertSource(row);
      custody.append({ caseId: input.caseId, actor: input.actor, action: 'footage.folderAdded', details: { sourceId: row.id, folder: rootPath, timeZone } });
    }).immediate();
    return row;
  }

  function startScan(input: { sourceId: string; actor: string }): JobSnapshot {
    const source = getSource(input.sourceId);
    return jobs.start({
      kind: 'catalogue.scan',
      caseId: source.case_id,
      params: { sourceId: source.id },
      run: (ctx) => runScanJob({ ctx, sourceId: source.id, actor: input.actor }),
    });
  }

  /** The background check running for each source, so a new scan can stop it before changing what it works from. */
  const checkJobs = new Map<string, string>();
  async function stopChecks(sourceId: string): Promise<void> {
    const jobId = checkJobs.get(sourceId);
    if (!jobId) return;
    checkJobs.delete(sourceId);
    if (!isTerminalJobState(jobs.get({ jobId }).state)) jobs.cancel({ jobId });
    await jobs.waitFor({ jobId });
  }

  /**
   * Scan job: walks the folder and stores the names, then builds the index, so the timeline is ready when it ends.
   * Files not checked yet (or changed) are then checked by a separate background job, whose id is in the result.
   */
  async function runScanJob(input: { ctx: JobContext; sourceId: string; actor: string }): Promise<ScanSummary> {
    await stopChecks(input.sourceId);
    const source = getSource(input.sourceId);
    const counts = await scanSource({ ctx: input.ctx, store, source, logger });
    input.ctx.finalizing('Checking the list of recordings');
    const scanned = getSource(input.sourceId);
    const index = sourceIndex(scanned, counts.firstScanIndex ?? undefined);
    const files = index.count;
    const needsChecks = index.unchecked > 0 || index.pendingProbes > 0 || store.dirsWithoutMtime(source.id).length > 0;
    const checkJobId = needsChecks ? startChecks(scanned).id : null;
    const summary: ScanSummary = {
      sourceId: source.id,
      files,
      added: counts.added,
      changed: counts.changed,
      unchanged: Math.max(0, files - counts.added - counts.changed),
      removed: counts.removed,
      skipped: store.skips(source.id).length + index.skips.length,
      checkJobId,
    };
    custody.append({ caseId: source.case_id, actor: input.actor, action: 'footage.scanned', details: { ...summary } });
    return summary;
  }

  function startChecks(source: SourceRow): JobSnapshot {
    const job = jobs.start({
      kind: 'catalogue.check',
      caseId: source.case_id,
      params: { sourceId: source.id },
      run: (ctx) => runCheckJob({ ctx, sourceId: source.id }),
    });
    checkJobs.set(source.id, job.id);
    return job;
  }

  async function runCheckJob(input: { ctx: JobContext; sourceId: string }): Promise<CheckSummary> {
    // Let the scan job that started this one finish first: its end (timeline ready) must not wait on this work.
    await yieldToEventLoop();
    input.ctx.throwIfCancelled();
    const source = getSource(input.sourceId);
    const files = sourceIndex(source).uncheckedFiles();
    const done = await checkFiles({ ctx: input.ctx, store, source, files, mediaTools: options.mediaTools, logger });
    input.ctx.finalizing('Updating the list of recordings');
    // Rebuilt now, in the background job, so the screen's next look is quick.
    sourceIndex(getSource(input.sourceId));
    if (checkJobs.get(input.sourceId) === input.ctx.jobId) checkJobs.delete(input.sourceId);
    return { sourceId: source.id, ...done };
  }

  function setClock(input: { sourceId: string; timeZone: string; answer: ClockAnswer; actor: string }): SourceSummary {
    const source = getSource(input.sourceId);
    if (!isValidTimeZone(input.timeZone)) throw new AppError('invalid_input', `"${input.timeZone}" is not a time zone Handover knows, e.g. Europe/London.`);
    const answer = input.answer;
    const clockOffsetS = answer.kind === 'offset' ? answer.clockOffsetS : 0;
    if (!Number.isFinite(clockOffsetS) || Math.abs(clockOffsetS) > 400 * 86_400) {
      throw new AppError('invalid_input', 'That clock difference is more than a year; check the two times and try again.');
    }
    const updated: SourceRow = {
      ...source,
      time_zone: input.timeZone,
      clock_offset_s: clockOffsetS,
      clock_check: answer.kind === 'offset' ? answer.check : 'skipped',
      clock_note: answer.kind === 'offset' ? (answer.note ?? null) : answer.reason,
    };
    db.transaction(() => {
      store.updateSourceClock({ id: source.id, timeZone: updated.time_zone, clockOffsetS, clockCheck: updated.clock_check, clockNote: updated.clock_note });
      // Nothing per recording is stored: the index in memory shifts its true times to the new offset, or is worked
      // out again for a new zone (which changes how every name's wall-clock time reads), the next time it is read.
      custody.append({
        caseId: source.case_id,
        actor: input.actor,
        action: 'footage.clockSet',
        details: { sourceId: source.id, timeZone: updated.time_zone, clockOffsetS, check: updated.clock_check, note: updated.clock_note },
      });
    }).immediate();
    return summarise(updated);
  }

  // Summarising 100,000 recordings takes a moment; the screen asks again after every job, usually unchanged.
  const cameraCache = new WeakMap<SourceIndex, { clockOffsetS: number; cameras: CameraOverview[] }>();
  function cachedCameras(index: SourceIndex): CameraOverview[] {
    const cached = cameraCache.get(index);
    if (cached?.clockOffsetS === index.clockOffsetS) return cached.cameras;
    const cameras = cameraOverviews(sortedRecordings(index.rows()));
    cameraCache.set(index, { clockOffsetS: index.clockOffsetS, cameras });
    return cameras;
  }

  function overview(input: { sourceId: string }): CatalogueOverview {
    const source = getSource(input.sourceId);
    const index = sourceIndex(source);
    const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
    return {
      source: summarise(source),
      cameras: structuredClone(cachedCameras(index)),
      problems: index
        .problemRows()
        .map((row) => ({ path: row.rel_path, status: row.status, reason: row.reason }))
        .sort(byPath),
      skipped: [...store.skips(source.id), ...index.skips].map((skip) => ({ path: skip.rel_path, reason: skip.reason })).sort(byPath),
    };
  }

  // Per-camera timelines are worked out once per index and clock offset: the player asks for one on every seek.
  const timelineCache = new WeakMap<SourceIndex, { clockOffsetS: number; timelines: CameraTimeline[] }>();
  function cameraTimelines(input: { sourceId: string }): CameraTimeline[] {
    const index = sourceIndex(getSource(input.sourceId));
    const cached = timelineCache.get(index);
    if (cached?.clockOffsetS === index.clockOffsetS) return cached.timelines;
    const timelines = buildCameraTimelines(sortedRecordings(index.rows()));
    timelineCache.set(index, { clockOffsetS: index.clockOffsetS, timelines });
    return timelines;
  }

  /**
   * The recording of one camera at a true instant, with its file's absolute path (which never leaves main), or the
   * start of the next recording when nothing covers the instant.
   */
  function findRecording(input: { sourceId: string; cameraKey: string; atMs: number }):
    | { found: true; row: RecordingRow; absPath: string; cameraLabel: string; source: SourceRow }
    | { found: false; nextStartMs: number | null; cameraLabel: string; source: SourceRow } {
    const source = getSource(input.sourceId);
    const timeline = cameraTimelines({ sourceId: source.id }).find((camera) => camera.cameraKey === input.cameraKey);
    if (!timeline) throw new AppError('not_found', 'That camera has no recordings in this footage folder.');
    const { index, nextIndex } = recordingAt({ timeline, atMs: input.atMs });
    if (index < 0) return { found: false, nextStartMs: nextIndex === null ? null : timeline.starts[nextIndex]!, cameraLabel: timeline.label, source };
    const row = timeline.rows[index]!;
    return { found: true, row, absPath: absoluteFromRelPath(source.root_path, row.rel_path), cameraLabel: timeline.label, source };
  }

  function setRetention(input: { sourceId: string; retentionDays: number | null; actor: string }): SourceSummary {
    const source = getSource(input.sourceId);
    db.transaction(() => {
      db.prepare('UPDATE sources SET retention_days = ? WHERE id = ?').run(input.retentionDays, source.id);
      custody.append({ caseId: source.case_id, actor: input.actor, action: 'footage.retentionSet', details: { sourceId: source.id, retentionDays: input.retentionDays } });
    }).immediate();
    return summarise(getSource(source.id));
  }

  /** "Try with demo footage": makes a demo recorder folder, adds it to the case and scans it, as one job. */
  function startDemo(input: { caseId: string | null; layout: DemoLayout; codec: DemoVideoCodec; actor: string }): JobSnapshot {
    return jobs.start({
      kind: 'catalogue.demo',
      caseId: input.caseId,
      params: { layout: input.layout, codec: input.codec },
      run: (ctx) =>
        runDemoSourceJob({
          ctx,
          dataDir: options.dataDir,
          layout: input.layout,
          codec: input.codec,
          timeZone: systemTimeZone(),
          mediaTools: options.mediaTools,
          logger,
          addAndScan: ({ ctx: stage, rootPath }) => {
            const source = addSource({ caseId: input.caseId, rootPath, label: `Demo footage (${input.layout})`, actor: input.actor });
            return runScanJob({ ctx: stage, sourceId: source.id, actor: input.actor });
          },
        }),
    });
  }

  /**
   * File checks run in the background after a scan; if Handover was closed or crashed during one, nothing else would
   * start it again before the next scan, leaving sizes and empty files unknown. Started again on the next launch.
   */
  function resumeInterruptedChecks(): string[] {
    const latest = db
      .prepare<[], { source_id: string; state: string; error_message: string | null }>(
        `SELECT json_extract(params_json, '$.sourceId') AS source_id, state, error_message FROM jobs j
         WHERE kind = 'catalogue.check' AND created_at = (
           SELECT max(created_at) FROM jobs WHERE kind = 'catalogue.check' AND json_extract(params_json, '$.sourceId') = json_extract(j.params_json, '$.sourceId'))`,
      )
      .all();
    const resumed: string[] = [];
    for (const job of latest) {
      if (job.state !== 'failed' || job.error_message !== CRASHED_JOB_MESSAGE || !store.getSource(job.source_id)) continue;
      resumed.push(startChecks(getSource(job.source_id)).id);
      logger.info('resuming file checks interrupted by a crash or quit', { sourceId: job.source_id });
    }
    return resumed;
  }

  return {
    store,
    resumeInterruptedChecks,
    startDemo,
    getSource,
    summarise,
    addSource,
    startScan,
    setClock,
    overview,
    cameraTimelines,
    findRecording,
    setRetention,
    listSources: (input: { caseId: string }) => store.listSources(input.caseId).map(summarise),
    /** Every recording, by camera and true start (fresh objects: callers cannot change the cached index). */
    recordings: (input: { sourceId: string }): RecordingRow[] => sortedRecordings(sourceIndex(getSource(input.sourceId)).rows()),
  };
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;
