/**
 * Checks on what the writer is asked to put in a zip, done before the zip is created so a bad request never leaves a
 * half-written file: safe names, one source each, sizes that match the files on disk.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../errors';
import { readFailure } from './zip-io';

export interface EntrySourceLike {
  name: string;
  file?: string;
  data?: Uint8Array;
  size: number;
}

/** A '/'-separated relative path with no empty, '.' or '..' parts: what every extractor can recreate safely. */
export function isSafeEntryName(name: string): boolean {
  if (name === '' || name.includes('\\') || name.includes('\0')) return false;
  return name.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

export function sizeChanged(options: { name: string; expected: number; actual: number }): AppError {
  const { name, expected, actual } = options;
  const how = actual < expected ? 'smaller' : 'bigger';
  return new AppError('verify_failed', `${name} is ${how} than when it was exported (${actual} bytes instead of ${expected}), so it may have changed. Export it again, then try once more.`);
}

/** Encodes the names and refuses anything the zip could not hold faithfully. */
export function checkEntries(entries: EntrySourceLike[]): Buffer[] {
  const seen = new Set<string>();
  return entries.map((entry) => {
    const label = JSON.stringify(entry.name);
    if (!isSafeEntryName(entry.name)) throw new AppError('invalid_input', `${label} cannot be used as a name inside the zip.`);
    if (seen.has(entry.name)) throw new AppError('invalid_input', `${label} appears twice in the list of files for the zip.`);
    seen.add(entry.name);
    const name = Buffer.from(entry.name, 'utf8');
    if (name.length > 0xffff) throw new AppError('invalid_input', `${label} is too long to be a name inside the zip.`);
    if ((entry.file === undefined) === (entry.data === undefined)) throw new AppError('invalid_input', `${label} needs either a file or data (exactly one).`);
    if (entry.file !== undefined && !path.isAbsolute(entry.file)) throw new AppError('invalid_input', `${label}: the file must be given by its full path.`);
    if (!Number.isSafeInteger(entry.size) || entry.size < 0) throw new AppError('invalid_input', `${label} has an impossible size (${entry.size}).`);
    if (entry.data && entry.data.length !== entry.size) throw sizeChanged({ name: entry.name, expected: entry.size, actual: entry.data.length });
    return name;
  });
}

/** Every source file is there and still the size it was said to be. */
export async function checkSourceSizes(entries: EntrySourceLike[]): Promise<void> {
  for (const entry of entries) {
    if (entry.file === undefined) continue;
    let actual: number;
    try {
      actual = (await fs.promises.stat(entry.file)).size;
    } catch (error) {
      throw readFailure({ error, label: entry.name });
    }
    if (actual !== entry.size) throw sizeChanged({ name: entry.name, expected: entry.size, actual });
  }
}
