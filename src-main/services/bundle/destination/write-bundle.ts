/**
 * Writes a bundle folder onto a USB stick (or any folder) and proves it by reading it back. The folder is built as
 * `<bundleName>.partial`, read back from the drive, and renamed to `<bundleName>` only when every file was checked; if
 * anything fails, is cancelled or does not verify, the folder is removed (or at least renamed out of the way), so a
 * folder named `<bundleName>` on a stick always means evidence that was checked. There is no partial success.
 */
import path from 'node:path';
import { AppError } from '../../errors';
import { cancelledError, destinationError, type DestinationStage } from './destination-errors';
import { errnoCode, fsyncDirectory, pathExists, realDestinationFs, type DestinationFs } from './destination-fs';
import { bundleNameProblems } from './names';
import { createProgressReporter, type WriteBundleProgress } from './progress';
import { settleWithin } from '../../settle-within';
import { checkWrittenBundle } from './check-written-bundle';
import { createVerifyReader, type VerifyMethod } from './verify-read';
import { writeBundleFile, type BundleFileSource } from './write-file';

export type { BundleFileSource } from './write-file';
export type { WriteBundleProgress } from './progress';
export type { VerifyMethod } from './verify-read';

export interface WrittenBundle {
  bundleDir: string;
  files: { name: string; size: number; sha256: string }[];
  writeSeconds: number;
  verifySeconds: number;
  /**
   * 'direct' when every file was read with the cache bypassed, 'uncached' when some were read after their cached copy
   * was dropped, 'cached' when the OS may have answered from memory.
   */
  verifyMethod: VerifyMethod;
}

const PARTIAL_SUFFIX = '.partial';
/** A stick that has gone away can make every call hang for a long time; cleaning up must not hold the error back. */
const CLEANUP_TIMEOUT_MS = 15_000;

export async function writeBundleToDestination(options: {
  destinationDir: string;
  bundleName: string;
  files: BundleFileSource[];
  /** Files written last (e.g. the checksum file), in this order; default: files in the given order. */
  lastFiles?: string[];
  signal?: AbortSignal;
  onProgress?: (p: WriteBundleProgress) => void;
  fs?: DestinationFs;
  /** Tests only: pretend to be another OS (which decides whether reads can bypass the cache). */
  platform?: NodeJS.Platform;
}): Promise<WrittenBundle> {
  const fs = options.fs ?? realDestinationFs;
  const { destinationDir, bundleName, signal } = options;
  const ordered = orderForWriting({ files: validated(options), lastFiles: options.lastFiles ?? [] });
  const bundleDir = path.join(destinationDir, bundleName);
  const partialDir = bundleDir + PARTIAL_SUFFIX;
  const bytesTotal = ordered.reduce((sum, file) => sum + file.size, 0);

  let stage: DestinationStage = 'writing';
  let created = false;
  let renamed = false;
  try {
    signal?.throwIfAborted();
    await checkCanStart({ fs, destinationDir, bundleName });
    try {
      await fs.mkdir(partialDir);
    } catch (error) {
      if (errnoCode(error) === 'EEXIST') throw leftoverPartial({ bundleName });
      throw error;
    }
    created = true;

    const writeStarted = performance.now();
    const writing = createProgressReporter({ phase: 'writing', bytesTotal, onProgress: options.onProgress });
    writing.flush();
    for (const source of ordered) {
      await writeBundleFile({ fs, dir: partialDir, source, signal, onBytes: (bytes) => writing.add(bytes) });
    }
    writing.flush();
    await fsyncDirectory({ fs, dir: partialDir });
    const writeSeconds = (performance.now() - writeStarted) / 1000;
    signal?.throwIfAborted();

    // Read back while the folder still says ".partial": a crash or a pulled stick during the check must not leave
    // a folder that looks finished but was never checked.
    stage = 'verifying';
    const verifyStarted = performance.now();
    const verifying = createProgressReporter({ phase: 'verifying', bytesTotal, onProgress: options.onProgress });
    verifying.flush();
    const files = options.files.map(({ name, size, sha256 }) => ({ name, size, sha256: sha256.toLowerCase() }));
    const verifyMethod = await checkWrittenBundle({
      fs,
      bundleDir: partialDir,
      files,
      reader: createVerifyReader({ fs, platform: options.platform }),
      signal,
      onBytes: (bytes) => verifying.add(bytes),
    });
    verifying.flush();
    const verifySeconds = (performance.now() - verifyStarted) / 1000;
    signal?.throwIfAborted();

    stage = 'writing';
    // Linux would rename over an empty folder without a word; only a check first keeps "never overwrite" true.
    if (await pathExists({ fs, file: bundleDir })) throw alreadyThere({ bundleName });
    await renameWithRetry({ fs, from: partialDir, to: bundleDir, platform: options.platform ?? process.platform });
    renamed = true;
    await fsyncDirectory({ fs, dir: destinationDir });
    // A rename moves names, not data; the folder's listing under its final name shows it arrived whole.
    stage = 'verifying';
    const listed = new Set((await fs.readdir(bundleDir)).map((name) => name.normalize('NFC').toLowerCase()));
    const lost = files.filter((file) => !listed.has(file.name.normalize('NFC').toLowerCase()));
    if (lost.length > 0) throw new AppError('verify_failed', `After the last step, ${lost.map((file) => file.name).join(', ')} could not be found on the USB stick. Nothing on it is usable. Press Try again.`);
    return { bundleDir, files, writeSeconds, verifySeconds, verifyMethod };
  } catch (error) {
    const failure = signal?.aborted ? cancelledError() : destinationError({ error, stage });
    if (renamed) await withTimeout(retract({ fs, destinationDir, bundleName }));
    else if (created) await withTimeout(fs.rm(partialDir).catch(() => undefined));
    throw failure;
  }
}

async function checkCanStart(options: { fs: DestinationFs; destinationDir: string; bundleName: string }): Promise<void> {
  const { fs, destinationDir, bundleName } = options;
  try {
    if (!(await fs.stat(destinationDir)).isDirectory()) throw new AppError('invalid_input', `${destinationDir} is a file, not a folder. Choose a folder or a USB stick.`);
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT') throw error;
    throw new AppError('drive_gone', `Handover cannot find ${destinationDir}: the USB stick may have been removed. Plug it back in and press Try again.`, { cause: error });
  }
  if (await pathExists({ fs, file: path.join(destinationDir, bundleName) })) throw alreadyThere({ bundleName });
}

function alreadyThere(options: { bundleName: string }): AppError {
  return new AppError(
    'conflict',
    `There is already a folder called ${options.bundleName} on the USB stick. Handover never writes over evidence: choose another folder or stick, or move that folder away first.`,
  );
}

function leftoverPartial(options: { bundleName: string }): AppError {
  return new AppError(
    'conflict',
    `There is an unfinished copy (${options.bundleName}${PARTIAL_SUFFIX}) on the USB stick from an earlier attempt that did not complete. It is not usable evidence. Delete it, then press Try again.`,
  );
}

/** The sources, checked: the writer is the last line before evidence meets a stick, so mistakes stop here. */
function validated(options: { bundleName: string; files: BundleFileSource[]; lastFiles?: string[] }): BundleFileSource[] {
  const invalid = (detail: string) => new AppError('invalid_input', `The evidence bundle cannot be written: ${detail}`);
  if (options.files.length === 0) throw invalid('it has no files.');
  const problems = bundleNameProblems({ bundleName: options.bundleName, files: options.files.map((file) => file.name) });
  if (problems.length > 0) throw invalid(problems.join(' '));
  for (const file of options.files) {
    if (file.name.includes('/')) throw invalid(`${file.name} is in a sub-folder; bundle files sit directly in the bundle folder.`);
    if ((file.file === undefined) === (file.data === undefined)) throw invalid(`${file.name} needs either a file on disk or its bytes, not both or neither.`);
    if (file.file !== undefined && !path.isAbsolute(file.file)) throw invalid(`${file.name}'s source is not a full path.`);
    if (!Number.isSafeInteger(file.size) || file.size < 0) throw invalid(`${file.name} has no valid size.`);
    if (file.data !== undefined && file.data.length !== file.size) throw invalid(`${file.name}'s bytes do not match its size.`);
    if (!/^[0-9a-f]{64}$/i.test(file.sha256)) throw invalid(`${file.name} has no valid SHA-256.`);
  }
  const names = new Set(options.files.map((file) => file.name));
  const last = options.lastFiles ?? [];
  for (const name of last) if (!names.has(name)) throw invalid(`${name} is to be written last but is not one of the files.`);
  if (new Set(last).size !== last.length) throw invalid('a file is listed twice to be written last.');
  return options.files;
}

/** The given order, with `lastFiles` moved to the end in their own order: a checksum file only once all it covers is there. */
export function orderForWriting<T extends { name: string }>(options: { files: T[]; lastFiles: string[] }): T[] {
  const last = new Set(options.lastFiles);
  const byName = new Map(options.files.map((file) => [file.name, file]));
  return [...options.files.filter((file) => !last.has(file.name)), ...options.lastFiles.map((name) => byName.get(name)!)];
}

/**
 * Windows antivirus and the search indexer briefly hold new folders open, and a rename meets EPERM or EBUSY until
 * they let go. Elsewhere EPERM is final, so only EBUSY is retried there.
 */
async function renameWithRetry(options: { fs: DestinationFs; from: string; to: string; platform: NodeJS.Platform }): Promise<void> {
  const retryable = options.platform === 'win32' ? new Set(['EPERM', 'EACCES', 'EBUSY']) : new Set(['EBUSY']);
  for (let attempt = 0; ; attempt += 1) {
    try {
      await options.fs.rename(options.from, options.to);
      return;
    } catch (error) {
      if (attempt >= 8 || !retryable.has(errnoCode(error) ?? '')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * (attempt + 1)));
    }
  }
}

/**
 * Takes a finished-looking folder back after a failed check: first renamed out of the way (one step, so even if the
 * stick dies halfway through deleting, what is left does not look like evidence), then deleted.
 */
async function retract(options: { fs: DestinationFs; destinationDir: string; bundleName: string }): Promise<void> {
  const { fs, destinationDir, bundleName } = options;
  const bundleDir = path.join(destinationDir, bundleName);
  const failedDir = path.join(destinationDir, `${bundleName}.failed-${timeStamp({ at: new Date() })}`);
  try {
    await fs.rename(bundleDir, failedDir);
  } catch {
    await fs.rm(bundleDir).catch(() => undefined);
    return;
  }
  await fs.rm(failedDir).catch(() => undefined);
}

/** "20260314-153012", local time: the person sees it in their file manager. */
export function timeStamp(options: { at: Date }): string {
  const { at } = options;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}`;
}

/** Cleaning up after a failure must not hang on a stick that is going away. */
function withTimeout(work: Promise<void>): Promise<void> {
  return settleWithin({ work: work.catch(() => undefined), ms: CLEANUP_TIMEOUT_MS, fallback: undefined });
}
