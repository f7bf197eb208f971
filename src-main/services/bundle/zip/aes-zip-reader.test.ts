import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { configure, Uint8ArrayReader, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { failureOf } from '../../../../test/helpers/failure-of';
import { useTempDirs } from '../../../../test/helpers/temp-dir';
import { checkAesZip, extractAesZip, readAesZipEntry, readZipDirectory } from './aes-zip-reader';
import { writeAesZip, type ZipEntrySource } from './aes-zip-writer';
import { FIXED_TIME, writeRandomFile } from './zip-test-setup';

const tempDir = useTempDirs('handover-zip-reader-');
const PASSWORD = 'river-lantern-47';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const manifest = Buffer.from(JSON.stringify({ exhibits: ['JS/1', 'JS/2'] }));

beforeAll(() => configure({ useWebWorkers: false }));

async function writeSample(dir: string): Promise<{ outFile: string; clip: Buffer }> {
  const { file, bytes: clip } = writeRandomFile({ dir, name: 'clip.mp4', size: 300_000 });
  const entries: ZipEntrySource[] = [
    { name: 'manifest.json', data: manifest, size: manifest.length, modifiedAt: FIXED_TIME },
    { name: 'masters/Camera 1/clip.mp4', file, size: clip.length, modifiedAt: FIXED_TIME },
    { name: 'SHA256SUMS', data: Buffer.from('x'), size: 1, modifiedAt: FIXED_TIME },
  ];
  const outFile = path.join(dir, 'evidence.zip');
  await writeAesZip({ outFile, entries, password: PASSWORD, fsync: false });
  return { outFile, clip };
}

/** Where an entry's ciphertext starts: after its local header, salt and verifier. */
async function ciphertextOffset(file: string, name: string): Promise<number> {
  const entry = (await readZipDirectory({ file })).entries.find((candidate) => candidate.name === name)!;
  const header = Buffer.alloc(30);
  const fd = fs.openSync(file, 'r');
  fs.readSync(fd, header, 0, 30, entry.localHeaderOffset);
  fs.closeSync(fd);
  return entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28) + 16 + 2;
}

function flipByte(file: string, at: number): void {
  const bytes = fs.readFileSync(file);
  bytes[at] = bytes[at]! ^ 0x01;
  fs.writeFileSync(file, bytes);
}

describe('checkAesZip', () => {
  it('says plainly that the password is wrong', async () => {
    const { outFile } = await writeSample(tempDir());
    const error = await failureOf(checkAesZip({ file: outFile, password: 'river-lantern-48' }));
    expect(error.code).toBe('wrong_password');
    expect(error.message).toContain('evidence.zip');
    expect(error.message).not.toMatch(/HMAC|verifier|AES|PBKDF/);
    expect((await failureOf(readAesZipEntry({ file: outFile, password: 'nope', name: 'manifest.json' }))).code).toBe('wrong_password');
  });

  it('finds one changed byte of ciphertext and names the entry; the others still pass', async () => {
    const dir = tempDir();
    const { outFile, clip } = await writeSample(dir);
    flipByte(outFile, (await ciphertextOffset(outFile, 'masters/Camera 1/clip.mp4')) + 150_000);
    // The structure is untouched: only the password reveals the change.
    expect((await readZipDirectory({ file: outFile })).problems).toEqual([]);
    const checked = await checkAesZip({ file: outFile, password: PASSWORD });
    expect(checked.entries.map((entry) => [entry.name, entry.authentic])).toEqual([
      ['manifest.json', true],
      ['masters/Camera 1/clip.mp4', false],
      ['SHA256SUMS', true],
    ]);
    expect(checked.entries[1]!.sha256).not.toBe(sha256(clip));
    expect(checked.problems).toEqual(['masters/Camera 1/clip.mp4 in evidence.zip was changed or damaged: its check code does not match its contents.']);

    expect((await failureOf(readAesZipEntry({ file: outFile, password: PASSWORD, name: 'masters/Camera 1/clip.mp4' }))).code).toBe('verify_failed');
    const out = path.join(dir, 'out');
    const error = await failureOf(extractAesZip({ file: outFile, password: PASSWORD, outDir: out }));
    expect(error.message).toContain('masters/Camera 1/clip.mp4');
    expect(fs.existsSync(path.join(out, 'masters/Camera 1/clip.mp4'))).toBe(false);

    // zip.js, which checks the code too, agrees that it no longer matches.
    const reader = new ZipReader(new Uint8ArrayReader(new Uint8Array(fs.readFileSync(outFile))), { password: PASSWORD });
    const entry = (await reader.getEntries())[1]!;
    if (entry.directory) throw new Error('unexpected folder entry');
    await expect(entry.getData(new Uint8ArrayWriter())).rejects.toThrow(/authentication/i);
  });

  it('reports progress up to the total of the entries', async () => {
    const { outFile, clip } = await writeSample(tempDir());
    const seen: { bytesDone: number; bytesTotal: number }[] = [];
    await checkAesZip({ file: outFile, password: PASSWORD, onProgress: (progress) => seen.push(progress) });
    expect(seen.at(-1)).toEqual({ bytesDone: manifest.length + clip.length + 1, bytesTotal: manifest.length + clip.length + 1 });
  });

  it('stops when cancelled', async () => {
    const { outFile } = await writeSample(tempDir());
    const controller = new AbortController();
    controller.abort();
    expect((await failureOf(checkAesZip({ file: outFile, password: PASSWORD, signal: controller.signal }))).code).toBe('cancelled');
  });
});

describe('readZipDirectory', () => {
  it('reports a truncated zip as incomplete, in words', async () => {
    const { outFile } = await writeSample(tempDir());
    fs.truncateSync(outFile, fs.statSync(outFile).size - 100);
    const directory = await readZipDirectory({ file: outFile });
    expect(directory.entries).toEqual([]);
    expect(directory.problems).toEqual(['evidence.zip is incomplete or damaged: the list of files at its end is missing. It may not have been copied completely.']);
    const checked = await checkAesZip({ file: outFile, password: PASSWORD });
    expect(checked.entries).toEqual([]);
    expect(checked.problems).toEqual(directory.problems);
  });

  it('reports a zip cut off in the middle of its data', async () => {
    const { outFile } = await writeSample(tempDir());
    fs.truncateSync(outFile, 100_000);
    expect((await readZipDirectory({ file: outFile })).problems).toHaveLength(1);
  });

  it('notices a local header that no longer matches the list of files', async () => {
    const { outFile } = await writeSample(tempDir());
    const entry = (await readZipDirectory({ file: outFile })).entries[1]!;
    flipByte(outFile, entry.localHeaderOffset + 30); // first byte of its name
    expect((await readZipDirectory({ file: outFile })).problems).toEqual(['evidence.zip is damaged: the header of masters/Camera 1/clip.mp4 does not match the list of files.']);
  });

  it('says when the file is not there', async () => {
    expect((await failureOf(readZipDirectory({ file: path.join(tempDir(), 'evidence.zip') }))).code).toBe('not_found');
  });
});

describe('readAesZipEntry and extractAesZip', () => {
  it('reads one small entry into memory', async () => {
    const { outFile } = await writeSample(tempDir());
    expect((await readAesZipEntry({ file: outFile, password: PASSWORD, name: 'manifest.json' })).equals(manifest)).toBe(true);
    expect((await failureOf(readAesZipEntry({ file: outFile, password: PASSWORD, name: 'missing.json' }))).code).toBe('not_found');
    expect((await failureOf(readAesZipEntry({ file: outFile, password: PASSWORD, name: 'masters/Camera 1/clip.mp4', maxBytes: 1000 }))).code).toBe('verify_failed');
  });

  it('extracts every entry byte for byte', async () => {
    const dir = tempDir();
    const { outFile, clip } = await writeSample(dir);
    const out = path.join(dir, 'out');
    await extractAesZip({ file: outFile, password: PASSWORD, outDir: out });
    expect(fs.readFileSync(path.join(out, 'manifest.json')).equals(manifest)).toBe(true);
    expect(fs.readFileSync(path.join(out, 'masters/Camera 1/clip.mp4')).equals(clip)).toBe(true);
    expect(fs.readFileSync(path.join(out, 'SHA256SUMS'), 'utf8')).toBe('x');
  });
});
