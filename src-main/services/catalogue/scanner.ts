import fs from 'node:fs';
import path from 'node:path';
import type { ScanSummary } from '../../../src-shared/domain/catalogue';
import { AppError, isAppError } from '../errors';
import type { JobContext } from '../jobs/job-manager';
import { runPool } from '../jobs/pool';
import type { Logger } from '../logger';
import type { MediaTools } from '../media/binaries';
import { probeMedia } from '../media/probe';
import type { CatalogueStore, RecordingRow, SourceRow } from './catalogue-store';
import { detectLayout } from './layouts';
import { buildRecordingRow, probeToStored, refreshRecordingRow } from './recording-row';
import { walkFootageTree } from './walker';

/** A file changed this recently before the last scan may still have been growing, so its folder's mtime is not trusted. */
const STILL_WRITING_WINDOW_MS = 10 * 60_000;
const PROBE_SAVE_BATCH = 25;
/** Share of the progress bar for walking the tree; the rest is for opening files that need it. */
const WALK_SHARE = 0.5;

function plainStatError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return 'This file disappeared during the scan (the recorder may have overwritten it).';
  if (code === 'EACCES' || code === 'EPERM') return 'Could not read this file: permission denied.';
  if (code === 'EIO') return 'Could not read this file: the drive reported a read error.';
  return `Could not read this file (${code ?? 'unknown error'}).`;
}

function plainProbeError(options: { error: unknown; file: string }): string {
  const { error, file } = options;
  const detail = (isAppError(error) ? error.message.replace(/^ffprobe stopped with error code \d+: /, '') : String(error)).replace(`${file}: `, '');
  return `This file could not be read as video, so it may be damaged or cut short (${detail.slice(0, 160)}).`;
}

/**
 * Indexes one footage folder: walks it, reads camera and times from each file's path, and opens (ffprobe) only the
 * files whose path lacks a time. Unchanged files are not read again. The walk's results are written in one
 * transaction, so cancelling during the walk changes nothing; probe results are saved as they come.
 */
export async function scanSource(options: {
  ctx: JobContext;
  store: CatalogueStore;
  source: SourceRow;
  mediaTools: () => MediaTools;
  logger: Logger;
  probeConcurrency?: number;
  now?: () => Date;
}): Promise<ScanSummary> {
  const { ctx, store, source, logger } = options;
  const now = options.now ?? (() => new Date());
  const scannedAt = now().toISOString();
  const lastScanMs = source.last_scan_at ? Date.parse(source.last_scan_at) : Number.NEGATIVE_INFINITY;
  const startedAt = performance.now();
  const known = store.knownFiles(source.id);
  const knownLoadedAt = performance.now();
  const seen = new Set<string>();
  const upserts: RecordingRow[] = [];
  const skips: { relPath: string; reason: string }[] = [];
  const counts = { added: 0, changed: 0, unchanged: 0 };

  ctx.progress({ phase: 'Looking through the folders', ratio: 0 });
  const walk = await walkFootageTree({
    root: source.root_path,
    knownDirMtimes: store.knownDirMtimes(source.id),
    signal: ctx.signal,
    onSkip: (skip) => skips.push(skip),
    onProgress: ({ dirsDone, dirsQueued }) =>
      ctx.progress({ phase: `Looking through the folders (${seen.size.toLocaleString('en-GB')} recordings so far)`, ratio: WALK_SHARE * 0.9 * (dirsDone / (dirsDone + dirsQueued)) }),
    onFile: ({ relPath, absPath, dirChanged }) => {
      const previous = known.get(relPath);
      const mayBeGrowing = previous !== undefined && (previous.status === 'partial' || previous.mtimeMs > lastScanMs - STILL_WRITING_WINDOW_MS);
      // The common rescan case: same folder listing, file not recently written. No stat, no parse.
      if (previous && !dirChanged && !mayBeGrowing) {
        seen.add(relPath);
        counts.unchanged += 1;
        return;
      }
      const parsed = detectLayout(relPath);
      if (!parsed) {
        skips.push({ relPath, reason: 'Not a video file.' });
        return;
      }
      seen.add(relPath);
      let stat: fs.Stats;
      try {
        stat = fs.statSync(absPath);
      } catch (error) {
        seen.delete(relPath);
        skips.push({ relPath, reason: plainStatError(error) });
        return;
      }
      if (previous && previous.size === stat.size && previous.mtimeMs === stat.mtimeMs) {
        counts.unchanged += 1;
        return;
      }
      upserts.push(buildRecordingRow({ sourceId: source.id, relPath, parsed, size: stat.size, mtimeMs: stat.mtimeMs, source }));
      if (previous) counts.changed += 1;
      else counts.added += 1;
    },
  });
  const walkedAt = performance.now();
  const removed = [...known.keys()].filter((relPath) => !seen.has(relPath));
  ctx.throwIfCancelled();
  ctx.progress({ phase: 'Saving the list of recordings', ratio: WALK_SHARE * 0.95 });
  store.applyScan({ sourceId: source.id, upserts, removed, skips, dirMtimes: walk.dirMtimes, scannedAt });
  const savedAt = performance.now();
  logger.info('scan indexed', {
    sourceId: source.id,
    files: seen.size,
    ...counts,
    removed: removed.length,
    skipped: skips.length,
    ms: { loadIndex: Math.round(knownLoadedAt - startedAt), walk: Math.round(walkedAt - knownLoadedAt), save: Math.round(savedAt - walkedAt) },
  });

  const probed = await probePending({ ...options, sourceRoot: source.root_path });
  return { sourceId: source.id, files: seen.size, ...counts, removed: removed.length, skipped: skips.length, probed };
}

/** Opens the files whose names lack a time, two at a time; each result is saved as it comes, so a cancel keeps them. */
async function probePending(options: {
  ctx: JobContext;
  store: CatalogueStore;
  source: SourceRow;
  sourceRoot: string;
  mediaTools: () => MediaTools;
  logger: Logger;
  probeConcurrency?: number;
}): Promise<number> {
  const { ctx, store, source, logger } = options;
  const pending = store.pendingProbes(source.id);
  if (pending.length === 0) return 0;
  const tools = options.mediaTools();
  let done = 0;
  let unsaved: (RecordingRow & { id: number })[] = [];
  const save = () => {
    if (unsaved.length) store.updateRecordings(unsaved);
    unsaved = [];
  };
  try {
    await runPool({
      items: pending,
      concurrency: options.probeConcurrency ?? 2,
      signal: ctx.signal,
      worker: async (row) => {
        let next: RecordingRow & { id: number };
        const file = path.join(options.sourceRoot, ...row.rel_path.split('/'));
        try {
          const probe = await probeMedia({ ffprobe: tools.ffprobe, file, logger, signal: ctx.signal });
          next = { ...row, probe_state: 'done', probe_json: JSON.stringify(probeToStored(probe)) };
        } catch (error) {
          if (ctx.signal.aborted) throw new AppError('cancelled', 'Cancelled.');
          if (isAppError(error) && error.code === 'missing_tool') throw error;
          next = { ...row, probe_state: 'failed', reason: plainProbeError({ error, file }) };
        }
        unsaved.push(refreshRecordingRow({ row: next, source }));
        done += 1;
        if (unsaved.length >= PROBE_SAVE_BATCH) save();
        ctx.progress({ phase: `Opening recordings that need it (${done} of ${pending.length})`, ratio: WALK_SHARE + (1 - WALK_SHARE) * 0.98 * (done / pending.length) });
      },
    });
  } finally {
    save();
  }
  ctx.throwIfCancelled();
  return done;
}
