import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { exportOptionsSchema, type ExportEstimate, type ExportOptions, type ExportOutput, type ExportSummary } from '../../../src-shared/domain/export';
import { isTerminalJobState, type JobSnapshot } from '../../../src-shared/domain/jobs';
import type { CasesService } from '../cases/cases-service';
import type { CatalogueService } from '../catalogue/catalogue-service';
import type { CustodyLog } from '../custody/custody-log';
import { AppError } from '../errors';
import type { JobManager } from '../jobs/job-manager';
import { createRowSettling } from '../jobs/rows-settled-by-jobs';
import type { Logger } from '../logger';
import type { MediaTools } from '../media/binaries';
import { createProbeCache } from '../playback/probe-cache';
import type { ReviewService } from '../review/review-service';
import { costExport, NO_CLIPS_WARNING, probeClipSources, toEstimate } from './export-estimate';
import { runExportJob, type ExportJobResult } from './export-job';
import { planExport, type CameraLookup, type ExportPlan } from './export-plan';
import { createExportStore, type ExportRow, type ExportState } from './export-store';
import type { WorkingCopyTools } from './export-working';
import { DEFAULT_SPLIT_BYTES } from './hashed-copy';
import { detectH264Encoder, makeWorkingCopy, splitWorkingCopy } from './working-copy';

export interface ExportServiceOptions {
  db: Database.Database;
  custody: CustodyLog;
  cases: CasesService;
  catalogue: CatalogueService;
  review: ReviewService;
  jobs: JobManager;
  mediaTools: () => MediaTools;
  dataDir: string;
  logger: Logger;
  /** Outputs bigger than this are split (FAT32 sticks); 3.9 GiB unless a test needs splitting on small files. */
  splitBytes?: number;
  /** The ffmpeg side of working copies; working-copy.ts unless a test puts in its own. */
  workingCopies?: WorkingCopyTools;
  now?: () => Date;
}

/** What export.json says of itself, so whoever opens the folder knows what they are looking at. */
const MANIFEST_ABOUT =
  'Made by Handover. Masters are the recorder’s own files, copied byte for byte (their SHA-256 equals the original’s) unless marked as ' +
  'trimmed; working copies are H.264 MP4 files made from them for playing on any computer, with every processing step listed; stills are ' +
  'the pictures taken in Handover. Each file is listed with its size and SHA-256.';

/** SHA-256 over the sorted list of output hashes: one value the custody log can hold for the whole export. */
export function outputsFingerprint(outputs: readonly ExportOutput[]): string {
  const hashes = outputs.map((output) => output.sha256).filter(Boolean).sort();
  return createHash('sha256').update(hashes.join('\n')).digest('hex');
}

/** Step 2: masters, working copies and stills into an export folder, as one job, with every file fingerprinted. */
export function createExportService(options: ExportServiceOptions) {
  const { db, custody, cases, catalogue, review, jobs, dataDir, logger } = options;
  const now = options.now ?? (() => new Date());
  const splitBytes = options.splitBytes ?? DEFAULT_SPLIT_BYTES;
  const workingCopies = options.workingCopies ?? { makeWorkingCopy, splitWorkingCopy, detectH264Encoder };
  const store = createExportStore(db);
  const probeCache = createProbeCache({ mediaTools: options.mediaTools, logger });

  const absoluteFolder = (row: Pick<ExportRow, 'folder'>) => path.join(dataDir, ...row.folder.split('/'));

  function planFor(input: { caseId: string; exportOptions: ExportOptions }): ExportPlan {
    const lookup: CameraLookup = (camera) => {
      const source = catalogue.getSource(camera.sourceId);
      const timeline = catalogue.cameraTimelines({ sourceId: source.id }).find((candidate) => candidate.cameraKey === camera.cameraKey);
      return timeline ? { timeline, rootPath: source.root_path, timeZone: source.time_zone } : null;
    };
    return planExport({ state: review.state({ caseId: input.caseId }), lookup, dataDir, caseId: input.caseId, masters: input.exportOptions.masters });
  }

  async function estimate(input: { caseId: string; options: ExportOptions }): Promise<ExportEstimate> {
    const exportOptions = exportOptionsSchema.parse(input.options);
    cases.get({ caseId: input.caseId });
    const plan = planFor({ caseId: input.caseId, exportOptions });
    const tools = options.mediaTools();
    const [encoder, probes] = await Promise.all([workingCopies.detectH264Encoder({ tools, logger }), probeClipSources({ plan, probeCache, logger })]);
    return toEstimate({ costed: costExport({ plan, probes, exportOptions, encoder }), encoder });
  }

  /** Removes what a failed or cancelled export left (the job manager already has, unless it crashed mid-way). */
  function removeLeftovers(row: ExportRow): void {
    const folder = absoluteFolder(row);
    try {
      fs.rmSync(folder, { recursive: true, force: true });
      // An empty "exports" folder would be the only sign of an export that never was.
      fs.rmdirSync(path.dirname(folder));
    } catch {
      // Not empty (other exports), or already gone: both fine.
    }
  }

  /** Moves a running export to its job's final state, once, with its custody entry. */
  function settle(row: ExportRow, job: JobSnapshot | null): void {
    const jobState = job?.state ?? 'failed';
    if (!isTerminalJobState(jobState)) return;
    const state: ExportState = jobState === 'succeeded' ? 'succeeded' : jobState === 'cancelled' ? 'cancelled' : 'failed';
    const finishedAt = job?.finishedAt ?? now().toISOString();
    let details: Record<string, unknown> = { exportId: row.id, jobId: row.job_id, folder: row.folder };
    if (state === 'succeeded') {
      const outputs = store.outputs(row.id);
      let exportJsonSha256: string | null = null;
      try {
        exportJsonSha256 = createHash('sha256').update(fs.readFileSync(path.join(absoluteFolder(row), 'export.json'))).digest('hex');
      } catch (error) {
        logger.warn('export: could not read export.json back', { exportId: row.id, error: String(error) });
      }
      const result = job?.result as ExportJobResult | null;
      details = {
        ...details,
        outputs: outputs.length,
        totalBytes: outputs.reduce((sum, output) => sum + output.size, 0),
        incomplete: result?.incomplete ?? outputs.filter((output) => output.status === 'incomplete').length,
        outputsSha256: outputsFingerprint(outputs),
        exportJsonSha256,
      };
    } else if (state === 'failed') {
      details = { ...details, error: job?.error ?? { code: 'internal', message: 'The export’s task could not be found.' } };
    }
    const settled = db
      .transaction(() => {
        if (!store.settle({ exportId: row.id, state, finishedAt })) return false;
        if (state !== 'succeeded') store.dropOutputs(row.id);
        custody.append({ caseId: row.case_id, actor: row.actor, action: `export.${state === 'succeeded' ? 'finished' : state}`, details });
        return true;
      })
      .immediate();
    if (settled && state !== 'succeeded') removeLeftovers(row);
    // Exported and fingerprinted: step 2 is done (the person can still say otherwise on the checklist).
    if (settled && state === 'succeeded') cases.setStepState({ caseId: row.case_id, step: 'export', state: 'done', actor: row.actor });
  }

  /** A crash leaves exports 'running' with no job behind them: their jobs were marked failed at the next start. */
  const settling = createRowSettling<ExportRow>({ jobs, settle, logger, what: 'export' });
  const reconcile = settling.reconcile;

  function startExport(input: { caseId: string; options: ExportOptions; actor: string; restartOf: string | null }): { exportId: string; jobId: string } {
    const exportOptions = exportOptionsSchema.parse(input.options);
    const detail = cases.get({ caseId: input.caseId });
    const plan = planFor({ caseId: input.caseId, exportOptions });
    if (plan.clips.length === 0) throw new AppError('invalid_input', NO_CLIPS_WARNING);
    // Resolved now so a missing ffmpeg is said at once, not as a failed job.
    const tools = options.mediaTools();
    const exportId = randomUUID();
    const row: ExportRow = {
      id: exportId,
      case_id: input.caseId,
      job_id: '',
      restart_of: input.restartOf,
      actor: input.actor,
      options_json: JSON.stringify(exportOptions),
      state: 'running',
      created_at: now().toISOString(),
      finished_at: null,
      folder: `cases/${input.caseId}/exports/${exportId}`,
    };
    const job = jobs.start({
      kind: 'export.run',
      caseId: input.caseId,
      params: { exportId },
      run: (ctx) =>
        runExportJob({
          ctx,
          exportId,
          folder: absoluteFolder(row),
          plan,
          exportOptions,
          caseReference: detail.reference ?? detail.title,
          tools,
          workingCopies,
          probeCache,
          splitBytes,
          logger,
          describe: ({ outputs, ffmpegVersion, encoder }) => {
            const summary: ExportSummary = {
              ...store.toSummary({ ...row, state: 'succeeded' }),
              finishedAt: now().toISOString(),
              outputs,
              totalBytes: outputs.reduce((sum, output) => sum + output.size, 0),
            };
            return { about: MANIFEST_ABOUT, ...summary, case: { reference: detail.reference, title: detail.title }, software: { ffmpeg: ffmpegVersion, h264Encoder: encoder } };
          },
          saveOutputs: (outputs) => store.saveOutputs({ exportId, outputs }),
        }),
    });
    row.job_id = job.id;
    // The job's work starts on a later tick, so the row is in place before anything can settle it.
    db.transaction(() => {
      store.insert(row);
      custody.append({
        caseId: input.caseId,
        actor: input.actor,
        action: 'export.started',
        details: {
          exportId,
          jobId: job.id,
          folder: row.folder,
          options: exportOptions,
          restartOf: input.restartOf,
          clips: plan.clips.map((planned) => planned.clip.id),
          masters: plan.masters.length,
          stills: plan.stills.map((planned) => planned.still.id),
        },
      });
    }).immediate();
    settling.whenJobEnds({ jobId: job.id, id: exportId, row: () => store.get(exportId)! });
    return { exportId, jobId: job.id };
  }

  function getRow(exportId: string): ExportRow {
    const row = store.get(exportId);
    if (!row) throw new AppError('not_found', 'That export could not be found. It may belong to another computer.');
    reconcile([row]);
    return store.get(exportId)!;
  }

  return {
    estimate,
    start: (input: { caseId: string; options: ExportOptions; actor: string }): { exportId: string; jobId: string } => startExport({ ...input, restartOf: null }),
    /** A failed or cancelled export again, with the same options, into a fresh folder. */
    restart: (input: { exportId: string; actor: string }): { exportId: string; jobId: string } => {
      const row = getRow(input.exportId);
      if (row.state === 'running') throw new AppError('conflict', 'This export is still running.');
      if (row.state === 'succeeded') throw new AppError('conflict', 'This export finished. To make another, start a new export.');
      return startExport({ caseId: row.case_id, options: exportOptionsSchema.parse(JSON.parse(row.options_json)), actor: input.actor, restartOf: row.id });
    },
    list: (input: { caseId: string }): ExportSummary[] => {
      cases.get({ caseId: input.caseId });
      reconcile(store.byCase(input.caseId));
      return store.byCase(input.caseId).map((row) => store.toSummary(row));
    },
    get: (input: { exportId: string }): ExportSummary => store.toSummary(getRow(input.exportId)),
    /** Where a finished export's files are on disk; its outputs' paths are relative to it. */
    folderOf: (input: { exportId: string }): string => absoluteFolder(getRow(input.exportId)),
  };
}

export type ExportService = ReturnType<typeof createExportService>;
