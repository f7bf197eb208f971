/**
 * Which photos and scans of a signed receipt are taken: the kinds a phone, a scanner or a printer's "scan to PDF"
 * makes, told by their first bytes rather than by the name (a renamed file is still caught).
 */
import fs from 'node:fs';
import { AppError } from '../errors';

export const MAX_SCAN_BYTES = 50 * 1024 * 1024;

export interface ScanKind {
  extension: string;
  contentType: string;
}

const KINDS: { test: (head: Buffer) => boolean; kind: ScanKind }[] = [
  { test: (head) => head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff, kind: { extension: 'jpg', contentType: 'image/jpeg' } },
  { test: (head) => head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), kind: { extension: 'png', contentType: 'image/png' } },
  { test: (head) => head.subarray(0, 5).toString('latin1') === '%PDF-', kind: { extension: 'pdf', contentType: 'application/pdf' } },
  {
    test: (head) => head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP',
    kind: { extension: 'webp', contentType: 'image/webp' },
  },
  {
    test: (head) => ['II*\0', 'MM\0*'].includes(head.subarray(0, 4).toString('latin1')),
    kind: { extension: 'tif', contentType: 'image/tiff' },
  },
  {
    test: (head) => head.subarray(4, 8).toString('latin1') === 'ftyp' && ['heic', 'heix', 'mif1', 'msf1'].includes(head.subarray(8, 12).toString('latin1')),
    kind: { extension: 'heic', contentType: 'image/heic' },
  },
];

/** The kind of a file from its first bytes; null when it is none we take. */
export function scanKindOf(head: Buffer): ScanKind | null {
  return KINDS.find((entry) => entry.test(head))?.kind ?? null;
}

/** The content type for a stored scan, from the extension it was given when it was taken in. */
export function contentTypeOfExtension(extension: string): string {
  return KINDS.find((entry) => entry.kind.extension === extension)?.kind.contentType ?? 'application/octet-stream';
}

/** Checks a chosen file before it is copied in; every refusal says what to do instead. */
export async function checkScanFile(options: { file: string }): Promise<{ size: number; kind: ScanKind }> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(options.file);
  } catch {
    throw new AppError('not_found', 'That file could not be found. Choose the photo or scan again.');
  }
  if (!stat.isFile()) throw new AppError('invalid_input', 'That is a folder, not a file. Choose the photo or scan itself.');
  if (stat.size === 0) throw new AppError('invalid_input', 'That file is empty. Take the photo or scan again.');
  if (stat.size > MAX_SCAN_BYTES) throw new AppError('invalid_input', 'That file is over 50 MB. Save the scan at a lower resolution, or take a photo with your phone instead.');
  const head = Buffer.alloc(16);
  const handle = await fs.promises.open(options.file, 'r');
  try {
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  const kind = scanKindOf(head);
  if (!kind) throw new AppError('invalid_input', 'That file is not a photo or a PDF. Use a JPEG, PNG, HEIC, WebP or TIFF photo, or a PDF scan.');
  return { size: stat.size, kind };
}
