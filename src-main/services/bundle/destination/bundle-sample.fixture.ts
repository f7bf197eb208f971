/** Tests only: a bundle like the real one, a zip already on disk and the small files in memory. */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { BundleFileSource } from './write-file';

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export function sampleBundle(options: { dataDir: string; zipBytes?: number }): { files: BundleFileSource[]; zip: Buffer } {
  const zip = randomBytes(options.zipBytes ?? 3 * 1024 * 1024 + 123);
  const zipFile = path.join(options.dataDir, 'evidence.zip');
  fs.writeFileSync(zipFile, zip);
  const memory = (name: string, text: string): BundleFileSource => {
    const data = Buffer.from(text);
    return { name, data, size: data.length, sha256: sha256Hex(data) };
  };
  return {
    zip,
    files: [
      { name: 'evidence.zip', file: zipFile, size: zip.length, sha256: sha256Hex(zip) },
      memory('evidence.zip.sha256', `${sha256Hex(zip)}  evidence.zip\n`),
      memory('READ-ME-FIRST.txt', 'This USB stick holds CCTV evidence.\r\n'),
      memory('OPEN-EVIDENCE.html', '<!doctype html><title>Evidence</title>'),
    ],
  };
}
