import fs from 'node:fs';
import path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ScanSummary } from '../../../src-shared/domain/catalogue';
import { AppError, isAppError } from '../errors';
import type { JobContext } from '../jobs/job-manager';
import { runPool } from '../jobs/pool';
import type { Logger } from '../logger';
import type { MediaTools } from '../media/binaries';
import { probeMedia } from '../media/probe';
import type { CatalogueStore, KnownFile, RecordingRow, SourceRow } from './catalogue-store';
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

/** Rows are saved in chunks of this many, each its own short transaction, yielding in between. */
const SAVE_CHUNK = 2500;

/**
 * Indexes one footage folder: walks it, reads camera and times from each file's path, and opens (ffprobe) only the
 * files whose path lacks a time. Only folders whose entries changed since the last scan are read, and unchanged files
 * are not read again. Rows are saved in chunks and the folder times last, so a scan stopped half way simply redoes
 * the unfinished folders next time.
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
  const knownDirMtimes = store.knownDirMtimes(source.id);
  const isRescan = knownDirMtimes.size > 0;
  const rows: RecordingRow[] = [];
  const removed: { sourceId: string; relPath: string }[] = [];
  const skips: { relPath: string; dirPath: string; reason: string }[] = [];
  const changedDirs: string[] = [];
  const goneDirs: string[] = [];
  const counts = { added: 0, changed: 0 };

  const indexFile = (file: { relPath: string; absPath: string; dirPath: string; previous: KnownFile | undefined }) => {
    const parsed = detectLayout(file.relPath);
    if (!parsed) {
      skips.push({ relPath: file.relPath, dirPath: file.dirPath, reason: 'Not a video file.' });
      return;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file.absPath);
    } catch (error) {
      skips.push({ relPath: file.relPath, dirPath: file.dirPath, reason: plainStatError(error) });
      if (file.previous) removed.push({ sourceId: source.id, relPath: file.relPath });
      return;
    }
    if (file.previous && file.previous.size === stat.size && file.previous.mtimeMs === stat.mtimeMs) return;
    rows.push(buildRecordingRow({ sourceId: source.id, relPath: file.relPath, parsed, size: stat.size, mtimeMs: stat.mtimeMs, source }));
    if (file.previous) counts.changed += 1;
    else counts.added += 1;
  };

  ctx.progress({ phase: 'Looking through the folders', ratio: 0 });
  const walk = await walkFootageTree({
    root: source.root_path,
    knownDirMtimes,
    lastScanMs,
    signal: ctx.signal,
    onSkip: (skip) => skips.push(skip),
    onGoneDir: (relPath) => goneDirs.push(relPath),
    onProgress: ({ dirsDone, dirsQueued }) =>
      ctx.progress({ phase: 'Looking through the folders', ratio: WALK_SHARE * 0.8 * (dirsDone / (dirsDone + dirsQueued)) }),
    onChangedDir: (dir) => {
      changedDirs.push(dir.relPath);
      const known = isRescan ? store.filesInDir({ sourceId: source.id, dirRel: dir.relPath }) : new Map<string, KnownFile>();
      for (const file of dir.files) {
        indexFile({ relPath: file.relPath, absPath: file.absPath, dirPath: dir.relPath, previous: known.get(file.relPath) });
        known.delete(file.relPath);
      }
      for (const relPath of known.keys()) removed.push({ sourceId: source.id, relPath });
    },
  });
  // Files that grow in place (a recorder appending without renaming) do not change their folder's time.
  if (isRescan) {
    const readDirs = new Set(changedDirs);
    for (const candidate of store.growingCandidates({ sourceId: source.id, modifiedAfterMs: lastScanMs - STILL_WRITING_WINDOW_MS })) {
      const dirPath = candidate.rel_path.includes('/') ? candidate.rel_path.slice(0, candidate.rel_path.lastIndexOf('/')) : '';
      // Files in folders that were read in full have been dealt with already, including those that are gone.
      if (readDirs.has(dirPath) || goneDirs.some((gone) => candidate.rel_path.startsWith(`${gone}/`))) continue;
      const absPath = path.join(source.root_path, ...candidate.rel_path.split('/'));
      indexFile({ relPath: candidate.rel_path, absPath, dirPath, previous: { size: candidate.size, mtimeMs: candidate.mtime_ms, status: candidate.status } });
    }
  }
  const walkedAt = performance.now();
  ctx.throwIfCancelled();

  for (let from = 0; from < Math.max(rows.length, removed.length); from += SAVE_CHUNK) {
    ctx.throwIfCancelled();
    store.saveRows({ rows: rows.slice(from, from + SAVE_CHUNK), removed: removed.slice(from, from + SAVE_CHUNK) });
    ctx.progress({ phase: 'Saving the list of recordings', ratio: WALK_SHARE * (0.8 + 0.2 * Math.min(1, (from + SAVE_CHUNK) / Math.max(1, rows.length))) });
    await yieldToEventLoop();
  }
  store.finishScan({ sourceId: source.id, dirMtimes: walk.dirMtimes, goneDirs, changedDirs, skips, scannedAt });
  const files = store.countRecordings(source.id);
  const savedAt = performance.now();
  logger.info('scan indexed', {
    sourceId: source.id,
    files,
    ...counts,
    removed: removed.length,
    goneDirs: goneDirs.length,
    changedDirs: changedDirs.length,
    skipped: skips.length,
    ms: { walk: Math.round(walkedAt - startedAt), save: Math.round(savedAt - walkedAt) },
  });

  const probed = await probePending({ ...options, sourceRoot: source.root_path });
  return {
    sourceId: source.id,
    files,
    ...counts,
    unchanged: Math.max(0, files - counts.added - counts.changed),
    removed: removed.length,
    skipped: store.skips(source.id).length,
    probed,
  };
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
