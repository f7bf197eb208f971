import fs from 'node:fs';
import path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { AppError } from '../errors';
import { describeFsError, joinRelPath, parentOfRelPath } from './rel-path';

/** A folder whose list of entries may differ from last time, read in full. */
export interface ChangedDir {
  relPath: string;
  /**
   * Null for a folder the last scan did not list: it is read whatever its time, so its time is left to the
   * background check (`statDirs` in scanner.ts), which keeps a first scan to one readdir per folder.
   */
  mtimeMs: number | null;
  /** True when the last scan saw this folder too, so some of its files may already be known. */
  wasKnown: boolean;
  /** Names of the files directly in it (links to files included), sorted. */
  files: string[];
}

export interface WalkCallbacks {
  onChangedDir: (dir: ChangedDir) => void;
  /** A folder seen last time that is gone now: everything recorded under it has gone too. */
  onGoneDir: (relPath: string) => void;
  onSkip: (skip: { relPath: string; dirPath: string; reason: string }) => void;
  onProgress?: (progress: { dirsDone: number; dirsQueued: number }) => void;
}

/** Folders operating systems create on removable drives; never footage. */
const SYSTEM_FOLDERS = new Set(['$RECYCLE.BIN', 'System Volume Information', 'lost+found']);

/**
 * FAT keeps folder times to 2 seconds, so a file added just after the last scan might leave the time unchanged;
 * folders changed this close to the last scan are always read again.
 */
const MTIME_GRACE_MS = 10_000;


/** The footage folder's real path, or a plain error when it is missing, unreadable or a file. */
export function checkFootageFolder(root: string): string {
  try {
    const real = fs.realpathSync(root);
    if (!fs.statSync(real).isDirectory()) throw new AppError('not_found', `"${root}" is a file, not a folder. Choose the folder the recorder saved to.`);
    return real;
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError(
      'not_found',
      code === 'ENOENT'
        ? `The folder "${root}" does not exist. If it is on a USB stick or network drive, check it is connected.`
        : `The folder "${root}" could not be opened (${code ?? 'unknown error'}).`,
    );
  }
}

/**
 * Walks a footage folder, reading only folders whose modification time changed since the last scan (adding, removing
 * or renaming a file changes its folder's time); unchanged folders are only stat'ed, and their sub-folders come from
 * the last scan's list. Synchronous reads in slices with yields between them, because async fs calls one at a time
 * are several times slower on trees of 100,000 files. Symlinked folders are followed once; links back into the tree,
 * or in circles, are skipped with a reason.
 */
export async function walkFootageTree(
  options: {
    root: string;
    /** Folders the last scan listed ('' is the root), with their times (null: not stat'ed yet); empty on a first scan. */
    knownDirMtimes: ReadonlyMap<string, number | null>;
    lastScanMs: number;
    signal: AbortSignal;
    yieldEvery?: number;
  } & WalkCallbacks,
): Promise<{ dirMtimes: Map<string, number | null> }> {
  const { root, knownDirMtimes, signal } = options;
  const yieldEvery = options.yieldEvery ?? 2000;
  const rootReal = checkFootageFolder(root);
  const knownChildren = new Map<string, string[]>();
  for (const relPath of knownDirMtimes.keys()) {
    if (relPath === '') continue;
    const parent = parentOfRelPath(relPath);
    const list = knownChildren.get(parent) ?? [];
    list.push(relPath);
    knownChildren.set(parent, list);
  }
  const rootWithSep = root.endsWith(path.sep) ? root : `${root}${path.sep}`;
  const visitedLinkTargets = new Set<string>([rootReal]);
  const dirMtimes = new Map<string, number | null>();
  const stack: string[] = [''];
  let dirsDone = 0;
  let work = 0;

  while (stack.length > 0) {
    if (signal.aborted) throw new AppError('cancelled', 'Cancelled.');
    const rel = stack.pop()!;
    // Plain concatenation: names hold no separators, and path.join's normalising showed up at 100,000 files.
    const abs = rel ? `${rootWithSep}${path.sep === '/' ? rel : rel.replaceAll('/', path.sep)}` : root;
    const knownMtime = knownDirMtimes.get(rel);
    // A folder the last scan did not list is read whatever its time, so it is not stat'ed here (see ChangedDir).
    let mtimeMs: number | null = null;
    if (knownMtime !== undefined) {
      try {
        mtimeMs = fs.statSync(abs).mtimeMs;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') options.onGoneDir(rel);
        else options.onSkip({ relPath: rel || '.', dirPath: parentOfRelPath(rel), reason: describeFsError(error, 'folder') });
        continue;
      }
    }
    dirsDone += 1;
    work += 1;
    if (mtimeMs !== null && knownMtime === mtimeMs && mtimeMs < options.lastScanMs - MTIME_GRACE_MS) {
      dirMtimes.set(rel, mtimeMs);
      for (const child of knownChildren.get(rel) ?? []) stack.push(child);
    } else {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(abs, { withFileTypes: true });
      } catch (error) {
        // Keep what the index had for it: an unreadable folder is not proof its recordings are gone.
        options.onSkip({ relPath: rel || '.', dirPath: parentOfRelPath(rel), reason: describeFsError(error, 'folder') });
        continue;
      }
      dirMtimes.set(rel, mtimeMs);
      const files: string[] = [];
      const subdirs: string[] = [];
      for (const entry of entries) {
        const name = entry.name;
        if (name.startsWith('.') || SYSTEM_FOLDERS.has(name)) continue;
        if (entry.isFile()) {
          files.push(name);
          continue;
        }
        const childRel = joinRelPath(rel, name);
        if (entry.isDirectory()) subdirs.push(childRel);
        else if (entry.isSymbolicLink()) {
          const childAbs = path.join(abs, name);
          try {
            const target = fs.statSync(childAbs);
            if (target.isFile()) files.push(name);
            else if (target.isDirectory()) {
              const real = fs.realpathSync(childAbs);
              if (real === rootReal || real.startsWith(rootReal + path.sep) || visitedLinkTargets.has(real)) {
                options.onSkip({ relPath: childRel, dirPath: rel, reason: 'This link points to a folder that is already being scanned, so it was not followed.' });
              } else {
                visitedLinkTargets.add(real);
                subdirs.push(childRel);
              }
            }
          } catch (error) {
            options.onSkip({ relPath: childRel, dirPath: rel, reason: describeFsError(error, 'link') });
          }
        }
      }
      work += entries.length;
      files.sort();
      options.onChangedDir({ relPath: rel, mtimeMs, wasKnown: knownMtime !== undefined, files });
      // Sub-folders that were known but are no longer listed have gone, with everything in them.
      const knownSubdirs = knownChildren.get(rel);
      if (knownSubdirs) {
        const listed = new Set(subdirs);
        for (const child of knownSubdirs) if (!listed.has(child)) options.onGoneDir(child);
      }
      subdirs.sort();
      for (let i = subdirs.length - 1; i >= 0; i -= 1) stack.push(subdirs[i]!);
    }
    if (work >= yieldEvery) {
      work = 0;
      options.onProgress?.({ dirsDone, dirsQueued: stack.length });
      await yieldToEventLoop();
    }
  }
  options.onProgress?.({ dirsDone, dirsQueued: 0 });
  return { dirMtimes };
}
