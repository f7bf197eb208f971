import fs from 'node:fs';
import path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { AppError } from '../errors';

export interface WalkedFile {
  /** '/'-separated, relative to the root. */
  relPath: string;
  absPath: string;
  /** False when the folder's modification time is the same as last scan, so its list of files has not changed. */
  dirChanged: boolean;
}

export interface WalkResult {
  /** Folder modification times, keyed by '/'-separated relative path ('' for the root). */
  dirMtimes: Map<string, number>;
  dirs: number;
}

/** Folders operating systems create on removable drives; never footage. */
const SYSTEM_FOLDERS = new Set(['$RECYCLE.BIN', 'System Volume Information', 'lost+found']);

function describeFsError(error: unknown, what: 'folder' | 'link'): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EACCES' || code === 'EPERM') return `Could not open this ${what}: permission denied.`;
  if (code === 'ENOENT') return what === 'link' ? 'This link points to something that does not exist.' : 'This folder disappeared during the scan.';
  if (code === 'ELOOP') return 'This link goes round in a loop.';
  if (code === 'EIO') return `Could not read this ${what}: the drive reported a read error.`;
  return `Could not read this ${what} (${code ?? 'unknown error'}).`;
}

/**
 * Walks a footage folder without blocking: synchronous directory reads in slices, yielding to the event loop between
 * them, because async fs calls one at a time are several times slower on trees of 100,000 files. Symlinked folders
 * are followed once; links back into the tree, or in circles, are skipped with a reason.
 */
export async function walkFootageTree(options: {
  root: string;
  knownDirMtimes: ReadonlyMap<string, number>;
  signal: AbortSignal;
  onFile: (file: WalkedFile) => void;
  onSkip: (skip: { relPath: string; reason: string }) => void;
  onProgress?: (progress: { dirsDone: number; dirsQueued: number }) => void;
  yieldEvery?: number;
}): Promise<WalkResult> {
  const { root, knownDirMtimes, signal, onFile, onSkip } = options;
  const yieldEvery = options.yieldEvery ?? 2000;
  let rootReal: string;
  try {
    rootReal = fs.realpathSync(root);
    if (!fs.statSync(rootReal).isDirectory()) throw new AppError('not_found', `"${root}" is a file, not a folder. Choose the folder the recorder saved to.`);
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
  const visitedLinkTargets = new Set<string>([rootReal]);
  const dirMtimes = new Map<string, number>();
  const stack: { abs: string; rel: string }[] = [{ abs: root, rel: '' }];
  let dirsDone = 0;
  let sinceYield = 0;

  while (stack.length > 0) {
    if (signal.aborted) throw new AppError('cancelled', 'Cancelled.');
    const dir = stack.pop()!;
    let entries: fs.Dirent[];
    let mtimeMs: number;
    try {
      mtimeMs = fs.statSync(dir.abs).mtimeMs;
      entries = fs.readdirSync(dir.abs, { withFileTypes: true });
    } catch (error) {
      onSkip({ relPath: dir.rel || '.', reason: describeFsError(error, 'folder') });
      continue;
    }
    dirMtimes.set(dir.rel, mtimeMs);
    const dirChanged = knownDirMtimes.get(dir.rel) !== mtimeMs;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // Pushed in reverse so folders are visited in name order, which keeps progress and output stable.
    const subdirs: { abs: string; rel: string }[] = [];
    for (const entry of entries) {
      const name = entry.name;
      if (name.startsWith('.') || SYSTEM_FOLDERS.has(name)) continue;
      const abs = path.join(dir.abs, name);
      const rel = dir.rel ? `${dir.rel}/${name}` : name;
      if (entry.isDirectory()) subdirs.push({ abs, rel });
      else if (entry.isFile()) onFile({ relPath: rel, absPath: abs, dirChanged });
      else if (entry.isSymbolicLink()) {
        try {
          const target = fs.statSync(abs);
          if (target.isFile()) onFile({ relPath: rel, absPath: abs, dirChanged });
          else if (target.isDirectory()) {
            const real = fs.realpathSync(abs);
            if (real === rootReal || real.startsWith(rootReal + path.sep) || visitedLinkTargets.has(real)) {
              onSkip({ relPath: rel, reason: 'This link points to a folder that is already being scanned, so it was not followed.' });
            } else {
              visitedLinkTargets.add(real);
              subdirs.push({ abs, rel });
            }
          }
        } catch (error) {
          onSkip({ relPath: rel, reason: describeFsError(error, 'link') });
        }
      }
      sinceYield += 1;
    }
    for (let i = subdirs.length - 1; i >= 0; i -= 1) stack.push(subdirs[i]!);
    dirsDone += 1;
    if (sinceYield >= yieldEvery) {
      sinceYield = 0;
      options.onProgress?.({ dirsDone, dirsQueued: stack.length });
      await yieldToEventLoop();
    }
  }
  options.onProgress?.({ dirsDone, dirsQueued: 0 });
  return { dirMtimes, dirs: dirsDone };
}
