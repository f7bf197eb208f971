import fs from 'node:fs';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { AppError, isAppError } from '../errors';
import type { JobContext } from '../jobs/job-manager';
import { runPool } from '../jobs/pool';
import type { Logger } from '../logger';
import type { MediaTools } from '../media/binaries';
import { probeMedia } from '../media/probe';
import type { CatalogueStore, DirRow, FileCheck, ScanSkip, SourceRow } from './catalogue-store';
import { isVideoFileName } from './layouts';
import { createSourceIndexBuilder, probeToStored, type SourceIndex } from './recording-index';
import { absoluteFromRelPath, describeFsError, joinRelPath, parentOfRelPath } from './rel-path';
import { walkFootageTree } from './walker';

/** A file changed this recently before the last scan may still have been growing, so its folder's mtime is not trusted. */
const STILL_WRITING_WINDOW_MS = 10 * 60_000;
const PROBE_SAVE_BATCH = 25;
/** Files stat'ed per saved chunk of the background check. */
const CHECK_CHUNK = 2500;
/** Share of the check job's progress bar for stat'ing files; the rest is for opening files that need it. */
const STAT_SHARE = 0.5;


function plainProbeError(options: { error: unknown; file: string }): string {
  const { error, file } = options;
  const detail = (isAppError(error) ? error.message.replace(/^ffprobe stopped with error code \d+: /, '') : String(error)).replace(`${file}: `, '');
  return `This file could not be read as video, so it may be damaged or cut short (${detail.slice(0, 160)}).`;
}


/** Whether a file's size or time differs from what the check saw (a file that cannot be stat'ed counts as changed). */
function changedSince(options: { absPath: string; check: FileCheck }): boolean {
  try {
    const stat = fs.statSync(options.absPath);
    return stat.size !== options.check.size || stat.mtimeMs !== options.check.mtime_ms;
  } catch {
    return true;
  }
}

/** Names are stored joined by line breaks, so a name holding one cannot be listed. */
function isListable(name: string): boolean {
  return isVideoFileName(name) && !name.includes('\n');
}

export interface ScanCounts {
  added: number;
  changed: number;
  removed: number;
  changedDirs: number;
  goneDirs: number;
  /** On a first scan, the index built from the names as the walk found them, rather than read back after saving. */
  firstScanIndex: SourceIndex | null;
}

/**
 * The scan job proper: walks the footage folder and stores, for each folder whose entries changed, its time and the
 * names of its video files (classified by extension). No file is stat'ed on a first scan; on a rescan only files
 * already known in changed folders, and the few that may be growing in place, are stat'ed, to find changed ones.
 * Their checks are dropped so the background check looks at them again. Everything is saved in one transaction at
 * the end, so a scan stopped half way leaves the index as it was.
 */
export async function scanSource(options: { ctx: JobContext; store: CatalogueStore; source: SourceRow; logger: Logger; now?: () => Date }): Promise<ScanCounts> {
  const { ctx, store, source, logger } = options;
  const now = options.now ?? (() => new Date());
  const scannedAt = now().toISOString();
  const lastScanMs = source.last_scan_at ? Date.parse(source.last_scan_at) : Number.NEGATIVE_INFINITY;
  const startedAt = performance.now();
  const knownDirMtimes = store.knownDirMtimes(source.id);
  const isRescan = knownDirMtimes.size > 0;
  const changedDirs: DirRow[] = [];
  const goneDirs: string[] = [];
  const skips: ScanSkip[] = [];
  const staleChecks: string[] = [];
  const counts = { added: 0, changed: 0, removed: 0 };
  // A first scan parses names as folders arrive, while the walk waits on the disk (see walker.ts).
  const indexBuilder = isRescan ? null : createSourceIndexBuilder({ source, checks: new Map(store.allChecks(source.id).map((check) => [check.rel_path, check])) });

  ctx.progress({ phase: 'Looking through the folders', ratio: 0 });
  await walkFootageTree({
    root: source.root_path,
    knownDirMtimes,
    lastScanMs,
    signal: ctx.signal,
    onSkip: (skip) => skips.push(skip),
    onGoneDir: (relPath) => goneDirs.push(relPath),
    onProgress: ({ dirsDone, dirsQueued }) => ctx.progress({ phase: 'Looking through the folders', ratio: 0.9 * (dirsDone / (dirsDone + dirsQueued)) }),
    onChangedDir: (dir) => {
      // Usually every file is a recording, and the walker's list is kept as it is.
      const names = dir.files.every(isListable) ? dir.files : dir.files.filter(isListable);
      if (names !== dir.files) {
        for (const name of dir.files) {
          if (isListable(name)) continue;
          const reason = name.includes('\n') ? 'This file name contains a line break, which Handover cannot list.' : 'Not a video file.';
          skips.push({ relPath: joinRelPath(dir.relPath, name), dirPath: dir.relPath, reason });
        }
      }
      changedDirs.push({ relPath: dir.relPath, mtimeMs: dir.mtimeMs, names, wasKnown: dir.wasKnown });
      indexBuilder?.addDir(dir.relPath, names);
      if (!dir.wasKnown) {
        counts.added += names.length;
        return;
      }
      const before = new Set(store.dirNames({ sourceId: source.id, dirRel: dir.relPath }));
      const checks = store.checksInDir({ sourceId: source.id, dirRel: dir.relPath });
      for (const name of names) {
        const relPath = joinRelPath(dir.relPath, name);
        if (!before.delete(name)) {
          counts.added += 1;
          continue;
        }
        const check = checks.get(relPath);
        if (!check) continue;
        if (check.stat_error) staleChecks.push(relPath);
        else if (changedSince({ absPath: absoluteFromRelPath(source.root_path, relPath), check })) {
          staleChecks.push(relPath);
          counts.changed += 1;
        }
      }
      for (const name of before) {
        counts.removed += 1;
        staleChecks.push(joinRelPath(dir.relPath, name));
      }
    },
  });
  // Files that grow in place (a recorder appending without renaming) do not change their folder's time.
  if (isRescan) {
    const readDirs = new Set(changedDirs.map((dir) => dir.relPath));
    for (const candidate of store.growingCandidates({ sourceId: source.id, modifiedAfterMs: lastScanMs - STILL_WRITING_WINDOW_MS })) {
      // Files in folders that were read in full have been dealt with already, including those that are gone.
      if (candidate.stat_error || readDirs.has(parentOfRelPath(candidate.rel_path)) || goneDirs.some((gone) => candidate.rel_path.startsWith(`${gone}/`))) continue;
      if (changedSince({ absPath: absoluteFromRelPath(source.root_path, candidate.rel_path), check: candidate })) {
        staleChecks.push(candidate.rel_path);
        counts.changed += 1;
      }
    }
  }
  const walkedAt = performance.now();
  ctx.throwIfCancelled();
  ctx.progress({ phase: 'Saving the list of recordings', ratio: 0.9 });
  counts.removed += store.finishScan({ sourceId: source.id, changedDirs, goneDirs, staleChecks, skips, scannedAt });
  logger.info('scan indexed', {
    sourceId: source.id,
    ...counts,
    goneDirs: goneDirs.length,
    changedDirs: changedDirs.length,
    staleChecks: staleChecks.length,
    skipped: skips.length,
    ms: { walk: Math.round(walkedAt - startedAt), save: Math.round(performance.now() - walkedAt) },
  });
  return { ...counts, changedDirs: changedDirs.length, goneDirs: goneDirs.length, firstScanIndex: indexBuilder?.finish() ?? null };
}

/** A file the background check has to look at, as the index sees it. */
export interface UncheckedFile {
  relPath: string;
  partial: boolean;
  /** The name lacks a start or end time, so the file is opened (unless it is empty). */
  needsProbe: boolean;
}

/**
 * The background check: stats each file not checked yet (size and time: empty files, growth, and the time of files
 * whose names have none), saving in chunks, then opens (ffprobe) only the files whose names lack a time, saving each
 * batch of results. Every saved chunk is valid on its own, so a cancel keeps what was done and the next check carries on.
 */
export async function checkFiles(options: {
  ctx: JobContext;
  store: CatalogueStore;
  source: SourceRow;
  files: readonly UncheckedFile[];
  mediaTools: () => MediaTools;
  logger: Logger;
  probeConcurrency?: number;
}): Promise<{ checked: number; probed: number }> {
  const { ctx, store, source, files } = options;
  statDirs({ store, source });
  for (let from = 0; from < files.length; from += CHECK_CHUNK) {
    ctx.throwIfCancelled();
    const checks: FileCheck[] = [];
    for (const file of files.slice(from, from + CHECK_CHUNK)) {
      const check: FileCheck = {
        rel_path: file.relPath,
        size: null,
        mtime_ms: null,
        partial: file.partial ? 1 : 0,
        probe_state: 'not_needed',
        probe_json: null,
        stat_error: null,
        reason: '',
      };
      try {
        const stat = fs.statSync(absoluteFromRelPath(source.root_path, file.relPath));
        check.size = stat.size;
        check.mtime_ms = stat.mtimeMs;
        if (file.needsProbe && stat.size > 0) check.probe_state = 'pending';
      } catch (error) {
        check.stat_error = describeFsError(error, 'file');
      }
      checks.push(check);
    }
    store.saveChecks({ sourceId: source.id, checks });
    const done = Math.min(files.length, from + CHECK_CHUNK);
    ctx.progress({ phase: `Checking file sizes (${done} of ${files.length})`, ratio: STAT_SHARE * (done / files.length) });
    await yieldToEventLoop();
  }
  const probed = await probePending(options);
  return { checked: files.length, probed };
}

/**
 * Times of the folders a scan listed without stat'ing (see walker.ts); a folder that cannot be stat'ed keeps no time,
 * so the next scan reads it again.
 */
function statDirs(options: { store: CatalogueStore; source: SourceRow }): void {
  const { store, source } = options;
  const mtimes: [string, number][] = [];
  for (const relPath of store.dirsWithoutMtime(source.id)) {
    try {
      mtimes.push([relPath, fs.statSync(absoluteFromRelPath(source.root_path, relPath)).mtimeMs]);
    } catch {
      // Gone or unreadable now: left without a time, so the next scan looks again.
    }
  }
  store.setDirMtimes({ sourceId: source.id, mtimes });
}

/** Opens the files whose names lack a time, two at a time; results are saved in small batches, so a cancel keeps them. */
async function probePending(options: {
  ctx: JobContext;
  store: CatalogueStore;
  source: SourceRow;
  mediaTools: () => MediaTools;
  logger: Logger;
  probeConcurrency?: number;
}): Promise<number> {
  const { ctx, store, source, logger } = options;
  const pending = store.pendingProbes(source.id);
  if (pending.length === 0) return 0;
  const tools = options.mediaTools();
  let done = 0;
  let unsaved: FileCheck[] = [];
  const save = () => {
    store.saveChecks({ sourceId: source.id, checks: unsaved });
    unsaved = [];
  };
  try {
    await runPool({
      items: pending,
      concurrency: options.probeConcurrency ?? 2,
      signal: ctx.signal,
      worker: async (check) => {
        const file = absoluteFromRelPath(source.root_path, check.rel_path);
        try {
          const probe = await probeMedia({ ffprobe: tools.ffprobe, file, logger, signal: ctx.signal });
          unsaved.push({ ...check, probe_state: 'done', probe_json: JSON.stringify(probeToStored(probe)), reason: '' });
        } catch (error) {
          if (ctx.signal.aborted) throw new AppError('cancelled', 'Cancelled.');
          if (isAppError(error) && error.code === 'missing_tool') throw error;
          unsaved.push({ ...check, probe_state: 'failed', reason: plainProbeError({ error, file }) });
        }
        done += 1;
        if (unsaved.length >= PROBE_SAVE_BATCH) save();
        ctx.progress({ phase: `Opening recordings that need it (${done} of ${pending.length})`, ratio: STAT_SHARE + (1 - STAT_SHARE) * 0.98 * (done / pending.length) });
      },
    });
  } finally {
    save();
  }
  ctx.throwIfCancelled();
  return done;
}
