/**
 * Synthetic recorder footage ("Try with demo footage", and tests): a folder laid out exactly like one recorder brand's,
 * holding test-pattern video with the recorder's clock burnt in. File names come from the layouts' own `format()`, so
 * the catalogue reads them back the way it reads a real recorder's.
 *
 * All or nothing: each file is written under a hidden temporary name and only renamed once ffmpeg has finished it, and
 * a cancelled or failed run removes everything it wrote, so a half-made set never looks like footage.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buildDemoSegmentArgs, type DemoVideoCodec } from '../../../src-shared/ffmpeg-args/demo-footage';
import { resolveRecorderLocalTime } from '../../../src-shared/domain/time';
import { AppError } from '../errors';
import { runPool } from '../jobs/pool';
import type { Logger } from '../logger';
import type { MediaTools } from '../media/binaries';
import { resolveBundledFont } from '../media/font';
import { runTool } from '../media/runner';
import { planDemoFootage, type DemoFootageFile, type PlanDemoFootageOptions } from './demo-nvr-plan';
import { absoluteFromRelPath } from './rel-path';

export { DEMO_CAMERA_NAMES, DEMO_LIMITS, defaultDemoStart, demoCameraName, planDemoFootage } from './demo-nvr-plan';
export type { DemoFootageFile, PlanDemoFootageOptions } from './demo-nvr-plan';

/** Two cores is the smallest machine Handover supports; more ffmpeg processes than that only fight each other. */
export const DEMO_MAX_PARALLEL_ENCODES = 2;

export interface DemoFootageProgress {
  /** 0..1 over the seconds of video to encode, across all files. */
  ratio: number;
  filesWritten: number;
  filesTotal: number;
}

export interface GenerateDemoFootageOptions extends PlanDemoFootageOptions {
  /** Created when missing; may already hold other files, but none where demo files would go. */
  dir: string;
  codec: DemoVideoCodec;
  tools: Pick<MediaTools, 'ffmpeg'>;
  logger: Logger;
  signal?: AbortSignal;
  onProgress?: (progress: DemoFootageProgress) => void;
  /** Defaults to the font bundled in resources/fonts. */
  fontFile?: string;
}

/** Files and folders this run made, to remove if the run does not finish. */
interface RunLeftovers {
  folders: string[];
  files: Set<string>;
}

const HARD_LINK_UNSUPPORTED = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK']);

function conflictError(relPaths: string[], root: string): AppError {
  const shown = relPaths.slice(0, 3).join(', ');
  const more = relPaths.length > 3 ? ` and ${relPaths.length - 3} more` : '';
  return new AppError(
    'conflict',
    `${root} already has files where the demo footage would go (${shown}${more}). Nothing was written. Choose an empty folder, or move those files away first.`,
  );
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

async function pathExists(target: string): Promise<boolean> {
  try {
    await fs.promises.lstat(target);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}

async function refuseExistingTargets(options: { root: string; files: readonly DemoFootageFile[] }): Promise<void> {
  const { root, files } = options;
  const rootStat = await fs.promises.stat(root).catch(() => null);
  if (rootStat && !rootStat.isDirectory()) throw new AppError('invalid_input', `${root} is a file, not a folder. Choose a folder for the demo footage.`);
  const taken: string[] = [];
  for (const file of files) {
    if (await pathExists(absoluteFromRelPath(root, file.relPath))) taken.push(file.relPath);
  }
  if (taken.length > 0) throw conflictError(taken, root);
}

/** The folder and any missing folders above it, deepest first, stopping at the first that exists. */
async function missingFolders(folder: string): Promise<string[]> {
  const missing: string[] = [];
  let current = folder;
  while (!(await pathExists(current))) {
    missing.push(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return missing;
}

async function createFolders(options: { folders: readonly string[]; leftovers: RunLeftovers }): Promise<void> {
  for (const folder of options.folders) {
    // Recorded before mkdir, so a mkdir that fails half-way still has its folders removed.
    options.leftovers.folders.push(...(await missingFolders(folder)));
    try {
      await fs.promises.mkdir(folder, { recursive: true });
    } catch (error) {
      throw new AppError('invalid_input', `Could not make the folder ${folder} (${errorCode(error) ?? String(error)}). Check that you can write there.`, { cause: error });
    }
  }
}

/**
 * Moves a finished file to its real name without ever replacing an existing file: a hard link fails if the name is
 * taken, where a rename would silently overwrite. FAT/exFAT sticks have no hard links, so there it checks, then renames.
 */
async function publishWithoutOverwriting(options: { from: string; to: string; root: string; relPath: string; leftovers: RunLeftovers }): Promise<void> {
  const { from, to, leftovers } = options;
  try {
    await fs.promises.link(from, to);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') throw conflictError([options.relPath], options.root);
    if (!HARD_LINK_UNSUPPORTED.has(errorCode(error) ?? '')) throw error;
    if (await pathExists(to)) throw conflictError([options.relPath], options.root);
    await fs.promises.rename(from, to);
    leftovers.files.delete(from);
    leftovers.files.add(to);
    return;
  }
  leftovers.files.add(to);
  await fs.promises.unlink(from);
  leftovers.files.delete(from);
}

async function removeLeftovers(leftovers: RunLeftovers): Promise<void> {
  for (const file of leftovers.files) await fs.promises.rm(file, { force: true }).catch(() => undefined);
  // Deepest first; a folder someone else has put files in meanwhile is not empty and stays.
  const folders = [...new Set(leftovers.folders)].sort((a, b) => b.length - a.length);
  for (const folder of folders) await fs.promises.rmdir(folder).catch(() => undefined);
}

function createProgressTracker(options: { files: readonly DemoFootageFile[]; onProgress?: (progress: DemoFootageProgress) => void }) {
  const totalS = options.files.reduce((sum, file) => sum + file.durationS, 0);
  const inProgressS = new Map<DemoFootageFile, number>();
  let finishedS = 0;
  let filesWritten = 0;
  const report = () => {
    let encodedS = finishedS;
    for (const seconds of inProgressS.values()) encodedS += seconds;
    options.onProgress?.({ ratio: totalS > 0 ? Math.min(1, encodedS / totalS) : 1, filesWritten, filesTotal: options.files.length });
  };
  return {
    update(file: DemoFootageFile, outTimeS: number | null) {
      if (outTimeS === null) return;
      inProgressS.set(file, Math.min(Math.max(outTimeS, 0), file.durationS));
      report();
    },
    finish(file: DemoFootageFile) {
      inProgressS.delete(file);
      finishedS += file.durationS;
      filesWritten += 1;
      report();
    },
  };
}

/** Writes the whole set, or nothing: on failure or cancel every file and folder this run made is removed again. */
export async function generateDemoFootage(options: GenerateDemoFootageOptions): Promise<{ files: DemoFootageFile[] }> {
  const files = planDemoFootage(options);
  if (options.dir.trim() === '') throw new AppError('invalid_input', 'Choose a folder to put the demo footage in.');
  const root = path.resolve(options.dir);
  const fontFile = options.fontFile ?? resolveBundledFont();
  await refuseExistingTargets({ root, files });

  // A fresh suffix per run, so a temporary file left by a crashed run can never be mistaken for this run's.
  const runId = randomBytes(4).toString('hex');
  const leftovers: RunLeftovers = { folders: [], files: new Set() };
  const progress = createProgressTracker({ files, onProgress: options.onProgress });

  const writeFile = async (file: DemoFootageFile, signal: AbortSignal) => {
    const finalPath = absoluteFromRelPath(root, file.relPath);
    // A leading dot hides it from the layouts (and from Finder/Explorer defaults) while ffmpeg is still writing.
    const tempPath = path.join(path.dirname(finalPath), `.${path.basename(finalPath)}.${runId}.partial`);
    leftovers.files.add(tempPath);
    const args = buildDemoSegmentArgs({
      outFile: tempPath,
      cameraIndex: file.cameraIndex,
      cameraName: file.cameraName,
      recorderStart: file.recorderStart,
      timeZone: options.timeZone,
      durationS: file.durationS,
      codec: options.codec,
      fontFile,
    });
    await runTool({ tool: options.tools.ffmpeg, args, logger: options.logger, signal, onProgress: (update) => progress.update(file, update.outTimeS) });
    // A recorder's file is last modified when it stops recording; the catalogue may fall back on that time.
    const endInstant = new Date(resolveRecorderLocalTime({ local: file.recorderEnd, timeZone: options.timeZone }).recorderInstantMs);
    await fs.promises.utimes(tempPath, endInstant, endInstant);
    await publishWithoutOverwriting({ from: tempPath, to: finalPath, root, relPath: file.relPath, leftovers });
    progress.finish(file);
  };

  // A failed encode stops its sibling at once rather than letting it run on to be deleted.
  const stopSiblings = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stopSiblings.signal]) : stopSiblings.signal;
  try {
    const folders = [...new Set(files.map((file) => path.dirname(absoluteFromRelPath(root, file.relPath))))];
    await createFolders({ folders: [root, ...folders], leftovers });
    await runPool({
      items: files,
      concurrency: DEMO_MAX_PARALLEL_ENCODES,
      signal,
      worker: async (file) => {
        try {
          await writeFile(file, signal);
        } catch (error) {
          stopSiblings.abort();
          throw error;
        }
      },
    });
    if (options.signal?.aborted) throw new AppError('cancelled', 'Cancelled. No demo footage was kept.');
  } catch (error) {
    await removeLeftovers(leftovers);
    throw error;
  }
  return { files };
}
