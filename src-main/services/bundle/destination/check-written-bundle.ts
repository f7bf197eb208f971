/**
 * The check after writing: the bundle folder on the drive holds exactly the files meant, each read back (from the
 * drive, not memory, where the OS allows) to the same size and SHA-256 as the evidence.
 */
import path from 'node:path';
import { AppError } from '../../errors';
import type { DestinationFs } from './destination-fs';
import { foldName } from './names';
import type { VerifyMethod, VerifyReader } from './verify-read';

const UNTRUSTED = 'Nothing on it is usable.';

function listNames(names: string[]): string {
  return names.slice(0, 5).join(', ') + (names.length > 5 ? ` and ${names.length - 5} more` : '');
}

export async function checkWrittenBundle(options: {
  fs: DestinationFs;
  bundleDir: string;
  files: { name: string; size: number; sha256: string }[];
  reader: VerifyReader;
  signal?: AbortSignal;
  onBytes?: (bytes: number) => void;
}): Promise<VerifyMethod> {
  const { fs, bundleDir, files, reader, signal } = options;
  // Compared as FAT and macOS's HFS+ see names: a stick may hand a name back in another Unicode form or case.
  const listed = await fs.readdir(bundleDir);
  const listedFolded = new Set(listed.map(foldName));
  const expectedFolded = new Set(files.map((file) => foldName(file.name)));
  const missing = files.map((file) => file.name).filter((name) => !listedFolded.has(foldName(name)));
  const extra = listed.filter((name) => !expectedFolded.has(foldName(name)));
  if (missing.length > 0 || extra.length > 0) {
    const details = [missing.length > 0 ? `missing: ${listNames(missing)}` : '', extra.length > 0 ? `not expected: ${listNames(extra)}` : ''].filter(Boolean).join('; ');
    throw new AppError(
      'verify_failed',
      `The evidence folder on the USB stick does not hold exactly the files written (${details}). ${UNTRUSTED} Press Try again; if it happens again, use another USB stick.`,
    );
  }

  // The weakest method used for any file is the bundle's.
  const methods = new Set<VerifyMethod>();
  for (const file of files) {
    signal?.throwIfAborted();
    const target = path.join(bundleDir, file.name);
    const stat = await fs.stat(target);
    const read = stat.isFile() && stat.size === file.size ? await reader.hashFile({ file: target, signal, onBytes: options.onBytes }) : null;
    if (read === null || read.size !== file.size || read.sha256 !== file.sha256.toLowerCase()) {
      throw new AppError(
        'verify_failed',
        `${file.name} reads back from the USB stick differently from what was written: the stick is not keeping data safely. ${UNTRUSTED} Use another USB stick and press Try again.`,
      );
    }
    if (file.size > 0) methods.add(read.method);
  }
  if (methods.size === 0 || methods.has('cached')) return 'cached';
  return methods.has('uncached') ? 'uncached' : 'direct';
}
