/**
 * Cross-checks against implementations that are not ours: 7-Zip (p7zip) and zip.js, in both directions. They agree
 * with us only if the little-endian counter, the key derivation, the authentication code and every header are right.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BlobReader, configure, Uint8ArrayReader, Uint8ArrayWriter, ZipReader, ZipWriter } from '@zip.js/zip.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { failureOf } from '../../../../test/helpers/failure-of';
import { useTempDirs } from '../../../../test/helpers/temp-dir';
import { checkAesZip, extractAesZip, readAesZipEntry, readZipDirectory } from './aes-zip-reader';
import { writeAesZip, type ZipEntrySource } from './aes-zip-writer';
import { FIXED_TIME, run7z, SEVEN_ZIP_COMPLAINTS, writeRandomFile } from './zip-test-setup';

const tempDir = useTempDirs('handover-zip-interop-');
const PASSWORD = 'purple-otter-91 Ünïcode';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Sizes on and around AES block (16 bytes) boundaries, and names 7-Zip and zip.js must read as UTF-8. */
const SOURCES = [
  { name: 'masters/Camera 1/14.00.00.mp4', size: 3 * 1024 * 1024 + 7 },
  { name: 'masters/Caméra Entrée/évènement.dav', size: 17 },
  { name: 'working/監視カメラ/clip.mp4', size: 32 },
  { name: 'empty.txt', size: 0 },
  { name: 'one-block.bin', size: 16 },
  { name: 'fifteen.bin', size: 15 },
];

beforeAll(() => configure({ useWebWorkers: false }));

async function writeOurs(dir: string): Promise<{ outFile: string; sources: { name: string; bytes: Buffer }[] }> {
  const sources = SOURCES.map((source, index) => ({ ...source, ...writeRandomFile({ dir, name: `in/${index}`, size: source.size }) }));
  const entries: ZipEntrySource[] = sources.map((source) => ({ name: source.name, file: source.file, size: source.size, modifiedAt: FIXED_TIME }));
  const outFile = path.join(dir, 'evidence.zip');
  await writeAesZip({ outFile, entries, password: PASSWORD, fsync: false });
  return { outFile, sources };
}

describe('our zip, read by others', () => {
  it('passes `7z t` with the password, without a single warning', async () => {
    const { outFile } = await writeOurs(tempDir());
    const { code, output } = await run7z(['t', `-p${PASSWORD}`, outFile]);
    expect(output).toContain('Everything is Ok');
    expect(output).not.toMatch(SEVEN_ZIP_COMPLAINTS);
    expect(output).toContain(`Files: ${SOURCES.length}`);
    expect(code).toBe(0);
  });

  it('is listed by 7z as AES-256 stored, UTF-8 names, with the entries modification time', async () => {
    const { outFile } = await writeOurs(tempDir());
    const { code, output } = await run7z(['l', '-slt', outFile]);
    expect(code).toBe(0);
    expect(output).toContain('Path = masters/Caméra Entrée/évènement.dav');
    expect(output.match(/Method = AES-256 Store/g)).toHaveLength(SOURCES.length);
    expect(output).toContain('Modified = 2026-03-14 14:00:10');
  });

  it('extracts byte for byte with `7z x`', async () => {
    const dir = tempDir();
    const { outFile, sources } = await writeOurs(dir);
    const out = path.join(dir, 'out');
    const { code, output } = await run7z(['x', `-p${PASSWORD}`, `-o${out}`, outFile]);
    expect(output).not.toMatch(SEVEN_ZIP_COMPLAINTS);
    expect(code).toBe(0);
    for (const source of sources) expect(fs.readFileSync(path.join(out, source.name)).equals(source.bytes)).toBe(true);
  });

  it('fails `7z t` with a wrong password', async () => {
    const { outFile } = await writeOurs(tempDir());
    const { code, output } = await run7z(['t', '-pnot the password', outFile]);
    expect(code).not.toBe(0);
    expect(output).toContain('Wrong password');
  });

  it('is read by zip.js with the same contents', async () => {
    const { outFile, sources } = await writeOurs(tempDir());
    const reader = new ZipReader(new BlobReader(await fs.openAsBlob(outFile)), { password: PASSWORD });
    const entries = await reader.getEntries();
    expect(entries.map((entry) => entry.filename)).toEqual(sources.map((source) => source.name));
    for (const [index, entry] of entries.entries()) {
      if (entry.directory) throw new Error('unexpected folder entry');
      const data = await entry.getData(new Uint8ArrayWriter(), { checkSignature: true });
      expect(sha256(data)).toBe(sha256(sources[index]!.bytes));
    }
    await reader.close();
  });
});

describe('a zip.js zip, read by us', () => {
  async function writeZipJs(options: { dir: string; strength: 1 | 2 | 3; files: { name: string; bytes: Uint8Array }[] }): Promise<string> {
    const writer = new ZipWriter(new Uint8ArrayWriter(), { password: PASSWORD, encryptionStrength: options.strength, level: 0 });
    for (const file of options.files) await writer.add(file.name, new Uint8ArrayReader(file.bytes));
    const zipFile = path.join(options.dir, 'zipjs.zip');
    fs.writeFileSync(zipFile, await writer.close());
    return zipFile;
  }

  it('checks, reads and extracts it: UTF-8 names, an empty file, sizes on and off block boundaries', async () => {
    const dir = tempDir();
    const sources = SOURCES.map((source, index) => ({ name: source.name, bytes: writeRandomFile({ dir, name: `in/${index}`, size: source.size }).bytes }));
    const zipFile = await writeZipJs({ dir, strength: 3, files: sources });

    const directory = await readZipDirectory({ file: zipFile });
    expect(directory.problems).toEqual([]);
    expect(directory.entries.map((entry) => [entry.name, entry.size, entry.aesStrength])).toEqual(sources.map((source) => [source.name, source.bytes.length, 3]));
    const checked = await checkAesZip({ file: zipFile, password: PASSWORD });
    expect(checked.problems).toEqual([]);
    expect(checked.entries).toEqual(sources.map((source) => ({ name: source.name, size: source.bytes.length, sha256: sha256(source.bytes), authentic: true })));
    expect((await readAesZipEntry({ file: zipFile, password: PASSWORD, name: 'masters/Caméra Entrée/évènement.dav' })).equals(sources[1]!.bytes)).toBe(true);

    const out = path.join(dir, 'out');
    await extractAesZip({ file: zipFile, password: PASSWORD, outDir: out });
    for (const source of sources) expect(fs.readFileSync(path.join(out, source.name)).equals(source.bytes)).toBe(true);
    expect((await failureOf(checkAesZip({ file: zipFile, password: 'wrong' }))).code).toBe('wrong_password');
  });

  it('reads the smaller AES strengths too', async () => {
    const dir = tempDir();
    const bytes = writeRandomFile({ dir, name: 'in', size: 100_003 }).bytes;
    for (const strength of [1, 2] as const) {
      const zipFile = await writeZipJs({ dir, strength, files: [{ name: 'a.bin', bytes }] });
      expect((await checkAesZip({ file: zipFile, password: PASSWORD })).entries).toEqual([{ name: 'a.bin', size: bytes.length, sha256: sha256(bytes), authentic: true }]);
      fs.rmSync(zipFile);
    }
  });
});
