/**
 * The checks before any evidence is written, shown as a checklist: each line says in plain words what was found.
 * Nothing here leaves anything behind on the drive (the write probe is deleted again).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { AppError } from '../../errors';
import { errnoCode, pathExists, realDestinationFs, type DestinationFs } from './destination-fs';
import type { FilesystemInfo } from './filesystem-parse';
import { detectFilesystem } from './filesystem-type';
import { bundleNameProblems, nameProblem } from './names';
import { FAT_MAX_FILE_BYTES, formatSize, freeSpace, spaceNeeded } from './space';

export type PreflightCheckId = 'exists' | 'writable' | 'filesystem' | 'file_size_limit' | 'free_space' | 'names' | 'not_existing';

export interface PreflightCheck {
  id: PreflightCheckId;
  ok: boolean;
  /** plain words, shown as a checklist line */
  message: string;
}

export interface PreflightResult {
  ok: boolean;
  checks: PreflightCheck[];
  filesystem: string | null;
  freeBytes: number | null;
  neededBytes: number;
  clusterBytes: number | null;
  /** An unfinished copy from an earlier attempt is in the way: offer removeStalePartial. */
  stalePartial: boolean;
}

const PARTIAL_SUFFIX = '.partial';

export async function preflightDestination(options: {
  destinationDir: string;
  bundleName: string;
  files: { name: string; size: number }[];
  fs?: DestinationFs;
  /** How the drive is formatted; defaults to asking the OS (tests pass a fixed answer). */
  filesystemOf?: (dir: string) => Promise<FilesystemInfo | null>;
}): Promise<PreflightResult> {
  const fs = options.fs ?? realDestinationFs;
  const filesystemOf = options.filesystemOf ?? ((dir: string) => detectFilesystem({ dir, fs }));
  const { destinationDir, bundleName, files } = options;
  const checks: PreflightCheck[] = [];
  const add = (id: PreflightCheckId, ok: boolean, message: string) => checks.push({ id, ok, message });

  const exists = await checkExists({ fs, dir: destinationDir });
  add('exists', exists.ok, exists.message);

  const largest = files.reduce<{ name: string; size: number } | null>((big, file) => (big === null || file.size > big.size ? file : big), null);
  const tooBigForFat = largest !== null && largest.size > FAT_MAX_FILE_BYTES ? largest : null;

  let filesystem: FilesystemInfo | null = null;
  let freeBytes: number | null = null;
  let clusterBytes: number | null = null;
  let stalePartial = false;
  if (exists.ok) {
    const writable = await checkWritable({ fs, dir: destinationDir });
    add('writable', writable.ok, writable.message);

    filesystem = await filesystemOf(destinationDir);
    if (filesystem) add('filesystem', true, `The drive is formatted as ${filesystem.name}.`);
    else if (tooBigForFat) add('filesystem', false, 'Handover could not tell how this drive is formatted, so it cannot be sure the evidence will fit on it.');
    else add('filesystem', true, 'Handover could not tell how this drive is formatted. That is fine for evidence of this size.');

    const stat = await fs.statfs(destinationDir).catch(() => null);
    clusterBytes = stat && stat.bsize > 0 ? stat.bsize : null;
    freeBytes = stat ? freeSpace(stat) : null;
  } else {
    const skipped = 'Not checked, because the folder could not be opened.';
    add('writable', false, skipped);
    add('filesystem', false, skipped);
  }

  add(...fileSizeCheck({ filesystem, known: exists.ok, tooBig: tooBigForFat }));

  const neededBytes = spaceNeeded({ sizes: files.map((file) => file.size), clusterBytes });
  if (!exists.ok) add('free_space', false, 'Not checked, because the folder could not be opened.');
  else if (freeBytes === null) add('free_space', true, `Handover could not tell how much space is free. The evidence needs ${formatSize({ bytes: neededBytes })}.`);
  else if (freeBytes >= neededBytes) add('free_space', true, `There is ${formatSize({ bytes: freeBytes })} free; the evidence needs ${formatSize({ bytes: neededBytes })}.`);
  else {
    add(
      'free_space',
      false,
      `There is ${formatSize({ bytes: freeBytes })} free on the USB stick; the evidence needs ${formatSize({ bytes: neededBytes })}. Use a bigger stick, or delete files you no longer need from this one.`,
    );
  }

  const problems = bundleNameProblems({ bundleName, files: files.map((file) => file.name) });
  add('names', problems.length === 0, problems.length === 0 ? 'All file names are safe for USB sticks and Windows.' : problems.join(' '));

  if (exists.ok) {
    const existing = await checkNotExisting({ fs, dir: destinationDir, bundleName });
    stalePartial = existing.stalePartial;
    add('not_existing', existing.ok, existing.message);
  } else {
    add('not_existing', false, 'Not checked, because the folder could not be opened.');
  }

  return { ok: checks.every((check) => check.ok), checks, filesystem: filesystem?.name ?? null, freeBytes, neededBytes, clusterBytes, stalePartial };
}

type CheckOutcome = { ok: boolean; message: string };

async function checkExists(options: { fs: DestinationFs; dir: string }): Promise<CheckOutcome> {
  try {
    const stat = await options.fs.stat(options.dir);
    if (stat.isDirectory()) return { ok: true, message: 'The folder is there.' };
    return { ok: false, message: `${options.dir} is a file, not a folder. Choose a folder or a USB stick.` };
  } catch {
    return { ok: false, message: `Handover cannot find ${options.dir}. If it is a USB stick, check it is plugged in, then choose it again.` };
  }
}

/** Creates, writes, flushes and deletes a small file: the only sure way to know a drive takes writes. */
async function checkWritable(options: { fs: DestinationFs; dir: string }): Promise<CheckOutcome> {
  const { fs } = options;
  const probe = path.join(options.dir, `.handover-probe-${randomBytes(6).toString('hex')}`);
  let fd: number | null = null;
  let opened = false;
  try {
    fd = await fs.open(probe, 'wx');
    opened = true;
    const bytes = Buffer.from('Handover checks it can write here. This file is deleted straight away.\n');
    await fs.write(fd, bytes, 0, bytes.length, 0);
    await fs.fsync(fd);
    await fs.close(fd);
    fd = null;
    await fs.unlink(probe);
    return { ok: true, message: 'Handover can write to it.' };
  } catch (error) {
    if (fd !== null) await fs.close(fd).catch(() => undefined);
    await fs.unlink(probe).catch(() => undefined);
    return { ok: false, message: writeProbeMessage({ code: errnoCode(error), opened }) };
  }
}

function writeProbeMessage(options: { code: string | undefined; opened: boolean }): string {
  switch (options.code) {
    case 'EACCES':
    case 'EPERM':
      // The file could be made, so nothing is locked: fusefat refuses the bytes this way when the disk is full.
      if (options.opened) return 'The USB stick let Handover make a test file but not write into it: it is most likely full. Delete files you no longer need from it, or use another stick.';
      return 'Handover is not allowed to write here: the USB stick may be locked (some have a small switch on the side) or the folder is read-only. Unlock it, or choose another folder.';
    case 'EROFS':
      return 'Handover is not allowed to write here: the USB stick may be locked (some have a small switch on the side) or the folder is read-only. Unlock it, or choose another folder.';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'The USB stick is completely full. Delete files you no longer need from it, or use another stick.';
    default:
      return `Handover could not write a test file here (${options.code ?? 'unknown error'}). The USB stick may be failing. Try another stick.`;
  }
}

function fileSizeCheck(options: { filesystem: FilesystemInfo | null; known: boolean; tooBig: { name: string; size: number } | null }): [PreflightCheckId, boolean, string] {
  const { filesystem, tooBig } = options;
  if (!tooBig) return ['file_size_limit', true, 'Every file is small enough for any USB stick format.'];
  const what = `${tooBig.name} (${formatSize({ bytes: tooBig.size })})`;
  const advice = `Use a stick formatted as exFAT or NTFS, or choose 'split into parts'.`;
  if (filesystem?.sizeLimit === 'fat') return ['file_size_limit', false, `${what} is too big for this USB stick's format (${filesystem.name}). ${advice}`];
  if (filesystem?.sizeLimit === 'none') return ['file_size_limit', true, `${what} is bigger than 4 GB, which ${filesystem.name} can hold.`];
  return ['file_size_limit', false, `${what} is too big if this drive is formatted as FAT32, and Handover could not tell its format. ${advice}`];
}

async function checkNotExisting(options: { fs: DestinationFs; dir: string; bundleName: string }): Promise<CheckOutcome & { stalePartial: boolean }> {
  const { fs, dir, bundleName } = options;
  try {
    if (await pathExists({ fs, file: path.join(dir, bundleName) })) {
      return {
        ok: false,
        stalePartial: false,
        message: `There is already a folder called ${bundleName} here. Handover never writes over evidence: choose another folder or stick, or move that folder away first.`,
      };
    }
    if (await pathExists({ fs, file: path.join(dir, bundleName + PARTIAL_SUFFIX) })) {
      return {
        ok: false,
        stalePartial: true,
        message: `There is an unfinished copy (${bundleName}${PARTIAL_SUFFIX}) left from an earlier attempt that did not complete. It is not usable evidence and can be deleted.`,
      };
    }
    return { ok: true, stalePartial: false, message: `Nothing called ${bundleName} is there yet.` };
  } catch (error) {
    return { ok: false, stalePartial: false, message: `Handover could not look inside the folder (${errnoCode(error) ?? 'unknown error'}). The USB stick may be failing.` };
  }
}

/**
 * Deletes the unfinished copy an earlier failed or interrupted run left: only `<bundleName>.partial`, never the
 * finished folder or anything else.
 */
export async function removeStalePartial(options: { destinationDir: string; bundleName: string; fs?: DestinationFs }): Promise<void> {
  const fs = options.fs ?? realDestinationFs;
  // The name becomes part of a recursive delete, so it must be one plain folder name, never a path.
  if (nameProblem({ name: options.bundleName }) !== null) throw new AppError('invalid_input', 'That is not the name of a Handover evidence folder.');
  const partial = path.join(options.destinationDir, options.bundleName + PARTIAL_SUFFIX);
  const cannot = `Handover could not delete the unfinished copy ${options.bundleName}${PARTIAL_SUFFIX}. Check the USB stick is plugged in and not locked, then try again.`;
  let isFolder: boolean;
  try {
    isFolder = (await fs.stat(partial)).isDirectory();
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return;
    throw new AppError('io_failed', cannot, { cause: error });
  }
  if (!isFolder) throw new AppError('conflict', `${options.bundleName}${PARTIAL_SUFFIX} is a file, not an unfinished copy, so Handover left it alone.`);
  try {
    await fs.rm(partial);
  } catch (error) {
    throw new AppError('io_failed', cannot, { cause: error });
  }
}
