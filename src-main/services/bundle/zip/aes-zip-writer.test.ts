import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { failureOf } from '../../../../test/helpers/failure-of';
import { useTempDirs } from '../../../../test/helpers/temp-dir';
import { checkAesZip, readZipDirectory } from './aes-zip-reader';
import { aesZipSize, writeAesZip, type ZipEntrySource } from './aes-zip-writer';
import { CHUNK_BYTES } from './crypt-arena';
import { FIXED_TIME, sha256sum, writeRandomFile } from './zip-test-setup';

const tempDir = useTempDirs('handover-zip-writer-');
const PASSWORD = 'correct horse battery staple';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Sizes around the 16-byte AES block, the 32 KiB keystream piece and the writer's chunk. */
const AWKWARD_SIZES = [0, 1, 15, 16, 17, 32, 1000, 32 * 1024 + 1, CHUNK_BYTES, CHUNK_BYTES + 15];

function fileEntries(dir: string): { entries: ZipEntrySource[]; files: string[] } {
  const entries: ZipEntrySource[] = [];
  const files: string[] = [];
  AWKWARD_SIZES.forEach((size, index) => {
    const { file } = writeRandomFile({ dir, name: `source/${index}.bin`, size });
    files.push(file);
    entries.push({ name: `masters/Camera ${index}/${size}.bin`, file, size, modifiedAt: FIXED_TIME });
  });
  return { entries, files };
}

describe('writeAesZip', () => {
  it('writes every entry so our reader opens it, with the same fingerprints as sha256sum, and hashes the zip itself', async () => {
    const dir = tempDir();
    const { entries, files } = fileEntries(dir);
    const outFile = path.join(dir, 'evidence.zip');
    const written = await writeAesZip({ outFile, entries, password: PASSWORD, fsync: false });

    const sums = await Promise.all(files.map(sha256sum));
    expect(written.entries).toEqual(entries.map((entry, index) => ({ name: entry.name, size: entry.size, sha256: sums[index] })));
    expect(written.sha256).toBe(await sha256sum(outFile));
    expect(written.size).toBe(fs.statSync(outFile).size);
    expect(written.size).toBe(aesZipSize({ entries }));

    const checked = await checkAesZip({ file: outFile, password: PASSWORD });
    expect(checked.problems).toEqual([]);
    expect(checked.entries).toEqual(written.entries.map((entry) => ({ ...entry, authentic: true })));
    const directory = await readZipDirectory({ file: outFile });
    expect(directory.problems).toEqual([]);
    expect(directory.entries.every((entry) => entry.encrypted && entry.aesStrength === 3 && entry.aeVersion === 2 && entry.method === 0)).toBe(true);
  });

  it('takes entries from memory and from files alike, with names in any script', async () => {
    const dir = tempDir();
    const data = new TextEncoder().encode('{"case":"Überfall in der Bäckerei"}');
    const { file, bytes } = writeRandomFile({ dir, name: 'clip.mp4', size: 5000 });
    const entries: ZipEntrySource[] = [
      { name: 'manifest.json', data, size: data.length, modifiedAt: FIXED_TIME },
      { name: 'masters/Caméra Entrée/錄影 1.mp4', file, size: bytes.length, expectedSha256: sha256(bytes).toUpperCase(), modifiedAt: FIXED_TIME },
    ];
    const outFile = path.join(dir, 'evidence.zip');
    const written = await writeAesZip({ outFile, entries, password: 'pässwörd ✓', fsync: false });
    expect(written.entries.map((entry) => entry.sha256)).toEqual([sha256(data), sha256(bytes)]);
    const checked = await checkAesZip({ file: outFile, password: 'pässwörd ✓' });
    expect(checked.entries.map((entry) => [entry.name, entry.authentic])).toEqual([
      ['manifest.json', true],
      ['masters/Caméra Entrée/錄影 1.mp4', true],
    ]);
  });

  it('uses worker threads for big zips and syncs as it goes, with the same result', async () => {
    const dir = tempDir();
    const { file, bytes } = writeRandomFile({ dir, name: 'big.dav', size: 70 * 1024 * 1024 + 3 });
    const outFile = path.join(dir, 'evidence.zip');
    const progress: number[] = [];
    const written = await writeAesZip({
      outFile,
      entries: [{ name: 'big.dav', file, size: bytes.length, modifiedAt: FIXED_TIME }],
      password: PASSWORD,
      onProgress: ({ bytesDone, bytesTotal }) => {
        expect(bytesTotal).toBe(bytes.length);
        progress.push(bytesDone);
      },
    });
    expect(written.entries[0]!.sha256).toBe(sha256(bytes));
    expect(written.sha256).toBe(await sha256sum(outFile));
    expect(progress.at(0)).toBe(0);
    expect(progress.at(-1)).toBe(bytes.length);
    // Never more than 16 MiB between two reports.
    expect(Math.max(...progress.slice(1).map((done, index) => done - progress[index]!))).toBeLessThanOrEqual(16 * 1024 * 1024);
    expect((await checkAesZip({ file: outFile, password: PASSWORD })).entries[0]).toMatchObject({ sha256: sha256(bytes), authentic: true });
  });

  it('refuses a source that changed since it was exported, naming it, and leaves no file', async () => {
    const dir = tempDir();
    const { file, bytes } = writeRandomFile({ dir, name: 'clip.mp4', size: 3000 });
    const outFile = path.join(dir, 'evidence.zip');
    const error = await failureOf(
      writeAesZip({
        outFile,
        entries: [{ name: 'masters/Camera 1/14.00.00.mp4', file, size: bytes.length, expectedSha256: sha256(randomBytes(3000)), modifiedAt: FIXED_TIME }],
        password: PASSWORD,
      }),
    );
    expect(error.code).toBe('verify_failed');
    expect(error.message).toContain('masters/Camera 1/14.00.00.mp4 changed since it was exported');
    expect(fs.existsSync(outFile)).toBe(false);
  });

  it('refuses a source of another size than it was told, before writing anything', async () => {
    const dir = tempDir();
    const { file } = writeRandomFile({ dir, name: 'clip.mp4', size: 3000 });
    const outFile = path.join(dir, 'evidence.zip');
    const error = await failureOf(writeAesZip({ outFile, entries: [{ name: 'clip.mp4', file, size: 3001, modifiedAt: FIXED_TIME }], password: PASSWORD }));
    expect(error.code).toBe('verify_failed');
    expect(error.message).toMatch(/^clip\.mp4 is smaller than when it was exported/);
    expect(fs.existsSync(outFile)).toBe(false);
  });

  it('notices a source that grows while it is being written, and removes the zip', async () => {
    const dir = tempDir();
    const { file } = writeRandomFile({ dir, name: 'live.dav', size: 1000 });
    const outFile = path.join(dir, 'evidence.zip');
    const entries: ZipEntrySource[] = [
      { name: 'first.bin', data: new Uint8Array(10), size: 10, modifiedAt: FIXED_TIME },
      { name: 'live.dav', file, size: 1000, modifiedAt: FIXED_TIME },
    ];
    // The size check before writing passes; the recorder appends once the writer has started.
    let appended = false;
    const error = await failureOf(
      writeAesZip({
        outFile,
        entries,
        password: PASSWORD,
        onProgress: () => {
          if (!appended) fs.appendFileSync(file, 'more');
          appended = true;
        },
      }),
    );
    expect(error.code).toBe('verify_failed');
    expect(error.message).toContain('live.dav is bigger than when it was exported');
    expect(fs.existsSync(outFile)).toBe(false);
  });

  it('stops when cancelled, with AppError cancelled, and removes the partial zip', async () => {
    const dir = tempDir();
    const { file } = writeRandomFile({ dir, name: 'big.dav', size: 40 * 1024 * 1024 });
    const outFile = path.join(dir, 'evidence.zip');
    const controller = new AbortController();
    const error = await failureOf(
      writeAesZip({
        outFile,
        entries: [{ name: 'big.dav', file, size: 40 * 1024 * 1024, modifiedAt: FIXED_TIME }],
        password: PASSWORD,
        signal: controller.signal,
        onProgress: ({ bytesDone }) => {
          if (bytesDone >= 8 * 1024 * 1024) controller.abort();
        },
      }),
    );
    expect(error.code).toBe('cancelled');
    expect(fs.existsSync(outFile)).toBe(false);
    expect(fs.readdirSync(dir)).toEqual(['big.dav']);
  });

  it('never writes over an existing file', async () => {
    const dir = tempDir();
    const outFile = path.join(dir, 'evidence.zip');
    fs.writeFileSync(outFile, 'someone else');
    const error = await failureOf(writeAesZip({ outFile, entries: [{ name: 'a', data: new Uint8Array(1), size: 1, modifiedAt: FIXED_TIME }], password: PASSWORD }));
    expect(error.code).toBe('conflict');
    expect(fs.readFileSync(outFile, 'utf8')).toBe('someone else');
  });

  it('refuses names that could escape the folder they are unpacked into, and duplicates', async () => {
    const dir = tempDir();
    const outFile = path.join(dir, 'evidence.zip');
    for (const names of [['../evil'], ['/etc/passwd'], ['a//b'], ['a\\b'], ['same', 'same']]) {
      const entries = names.map((name) => ({ name, data: new Uint8Array(1), size: 1, modifiedAt: FIXED_TIME }));
      expect((await failureOf(writeAesZip({ outFile, entries, password: PASSWORD }))).code).toBe('invalid_input');
    }
    expect(fs.existsSync(outFile)).toBe(false);
  });

  it('says in plain words when the source is missing', async () => {
    const dir = tempDir();
    const error = await failureOf(
      writeAesZip({ outFile: path.join(dir, 'evidence.zip'), entries: [{ name: 'masters/a.mp4', file: path.join(dir, 'gone.mp4'), size: 1, modifiedAt: FIXED_TIME }], password: PASSWORD }),
    );
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('masters/a.mp4 could not be found');
  });
});
