import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { failureOf } from '../../../../test/helpers/failure-of';
import { useTempDirs } from '../../../../test/helpers/temp-dir';
import { sampleBundle } from './bundle-sample.fixture';
import { faultyFs } from './faulty-fs.fixture';
import { orderForWriting, timeStamp, writeBundleToDestination, type BundleFileSource, type WriteBundleProgress } from './write-bundle';

const tempDir = useTempDirs('handover-write-bundle-');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const BUNDLE = 'HANDOVER_44-12345-26_20260314-1530';

describe('writeBundleToDestination on a real folder', () => {
  it('writes every file, verifies it, and sha256sum agrees', async () => {
    const dataDir = tempDir();
    const destination = tempDir();
    const { files } = sampleBundle({ dataDir, zipBytes: 20 * 1024 * 1024 + 4321 });
    const progress: WriteBundleProgress[] = [];
    const written = await writeBundleToDestination({ destinationDir: destination, bundleName: BUNDLE, files, onProgress: (p) => progress.push(p) });

    const bundleDir = path.join(destination, BUNDLE);
    expect(written.bundleDir).toBe(bundleDir);
    expect(fs.readdirSync(destination)).toEqual([BUNDLE]);
    expect(fs.readdirSync(bundleDir).sort()).toEqual(files.map((file) => file.name).sort());
    const sums = execFileSync('sha256sum', files.map((file) => file.name), { cwd: bundleDir, encoding: 'utf8' });
    for (const file of files) expect(sums).toContain(`${file.sha256}  ${file.name}`);
    expect(written.files).toEqual(files.map(({ name, size, sha256: hash }) => ({ name, size, sha256: hash })));
    expect(written.writeSeconds).toBeGreaterThan(0);
    expect(written.verifySeconds).toBeGreaterThan(0);
    expect(['direct', 'cached']).toContain(written.verifyMethod);

    const total = files.reduce((sum, file) => sum + file.size, 0);
    expect(progress[0]).toMatchObject({ phase: 'writing', bytesDone: 0, bytesTotal: total });
    expect(progress.filter((p) => p.phase === 'writing').at(-1)).toMatchObject({ bytesDone: total, etaS: 0 });
    expect(progress.at(-1)).toMatchObject({ phase: 'verifying', bytesDone: total, bytesTotal: total });
    expect(progress.findIndex((p) => p.phase === 'verifying')).toBeGreaterThan(progress.findLastIndex((p) => p.phase === 'writing'));
    // Throttled: about four a second, not one per megabyte (2 × 20 chunks).
    expect(progress.length).toBeLessThan(20);
  });

  it('writes the files named last at the end, in that order, each under a temporary name first', async () => {
    const dataDir = tempDir();
    const destination = tempDir();
    const { files } = sampleBundle({ dataDir });
    const recording = faultyFs({ before: () => undefined });
    await writeBundleToDestination({ destinationDir: destination, bundleName: BUNDLE, files, lastFiles: ['READ-ME-FIRST.txt', 'evidence.zip.sha256'], fs: recording });
    const created = recording.calls.filter((call) => call.op === 'open' && call.flags === 'wx').map((call) => path.relative(destination, call.path));
    expect(created).toEqual([
      `${BUNDLE}.partial/.evidence.zip.partial`,
      `${BUNDLE}.partial/.OPEN-EVIDENCE.html.partial`,
      `${BUNDLE}.partial/.READ-ME-FIRST.txt.partial`,
      `${BUNDLE}.partial/.evidence.zip.sha256.partial`,
    ]);
    // Every file flushed before the folder gets its real name.
    const renameOfFolder = recording.calls.findIndex((call) => call.op === 'rename' && call.path.endsWith(`${BUNDLE}.partial`));
    expect(recording.calls.slice(0, renameOfFolder).filter((call) => call.op === 'fsync' && call.path.includes('.partial/.')).length).toBe(4);
  });

  it('writes an empty file', async () => {
    const destination = tempDir();
    const empty = { name: 'empty.txt', data: new Uint8Array(0), size: 0, sha256: sha256(new Uint8Array(0)) };
    const written = await writeBundleToDestination({ destinationDir: destination, bundleName: BUNDLE, files: [empty] });
    expect(fs.statSync(path.join(written.bundleDir, 'empty.txt')).size).toBe(0);
  });
});

describe('a source that is not what was hashed', () => {
  it('fails when the zip on disk changed after hashing (same size), leaving nothing complete', async () => {
    const dataDir = tempDir();
    const destination = tempDir();
    const { files, zip } = sampleBundle({ dataDir });
    const changed = Buffer.from(zip);
    changed[changed.length - 10] = changed[changed.length - 10]! ^ 0xff;
    fs.writeFileSync(files[0]!.file!, changed);
    const failure = await failureOf(writeBundleToDestination({ destinationDir: destination, bundleName: BUNDLE, files }));
    expect(failure.code).toBe('verify_failed');
    expect(failure.message).toContain('evidence.zip changed on this computer');
    expect(failure.message).toContain('Nothing usable was left on the USB stick');
    expect(fs.readdirSync(destination)).toEqual([]);
  });

  it('fails fast when the zip on disk changed size', async () => {
    const dataDir = tempDir();
    const destination = tempDir();
    const { files } = sampleBundle({ dataDir });
    fs.appendFileSync(files[0]!.file!, 'more');
    expect((await failureOf(writeBundleToDestination({ destinationDir: destination, bundleName: BUNDLE, files }))).code).toBe('verify_failed');
    expect(fs.readdirSync(destination)).toEqual([]);
  });

  it('fails when the zip grows while it is being copied', async () => {
    const dataDir = tempDir();
    const destination = tempDir();
    const { files } = sampleBundle({ dataDir });
    let grown = false;
    const growing = faultyFs({
      before: (call) => {
        if (!grown && call.op === 'write') {
          fs.appendFileSync(files[0]!.file!, randomBytes(2 * 1024 * 1024));
          grown = true;
        }
      },
    });
    expect((await failureOf(writeBundleToDestination({ destinationDir: destination, bundleName: BUNDLE, files, fs: growing }))).code).toBe('verify_failed');
    expect(fs.readdirSync(destination)).toEqual([]);
  });

  it('fails when in-memory bytes do not match their SHA-256', async () => {
    const dataDir = tempDir();
    const destination = tempDir();
    const { files } = sampleBundle({ dataDir });
    files[2] = { ...files[2]!, sha256: sha256(Buffer.from('something else')) };
    expect((await failureOf(writeBundleToDestination({ destinationDir: destination, bundleName: BUNDLE, files }))).code).toBe('verify_failed');
    expect(fs.readdirSync(destination)).toEqual([]);
  });

  it('says plainly when the zip is missing from the data folder', async () => {
    const dataDir = tempDir();
    const destination = tempDir();
    const { files } = sampleBundle({ dataDir });
    fs.rmSync(files[0]!.file!);
    const failure = await failureOf(writeBundleToDestination({ destinationDir: destination, bundleName: BUNDLE, files }));
    expect(failure.code).toBe('not_found');
    expect(failure.message).toContain("evidence.zip is missing from Handover's own folder");
    expect(fs.readdirSync(destination)).toEqual([]);
  });
});

describe('never writing over anything', () => {
  it('refuses when the bundle folder is already there, and leaves it alone', async () => {
    const dataDir = tempDir();
    const destination = tempDir();
    fs.mkdirSync(path.join(destination, BUNDLE));
    fs.writeFileSync(path.join(destination, BUNDLE, 'evidence.zip'), 'earlier evidence');
    const failure = await failureOf(writeBundleToDestination({ destinationDir: destination, bundleName: BUNDLE, files: sampleBundle({ dataDir }).files }));
    expect(failure.code).toBe('conflict');
    expect(fs.readFileSync(path.join(destination, BUNDLE, 'evidence.zip'), 'utf8')).toBe('earlier evidence');
    expect(fs.readdirSync(destination)).toEqual([BUNDLE]);
  });

  it('refuses when an unfinished copy is in the way, and leaves it for the person to delete', async () => {
    const dataDir = tempDir();
    const destination = tempDir();
    fs.mkdirSync(path.join(destination, `${BUNDLE}.partial`));
    const failure = await failureOf(writeBundleToDestination({ destinationDir: destination, bundleName: BUNDLE, files: sampleBundle({ dataDir }).files }));
    expect(failure.code).toBe('conflict');
    expect(failure.message).toContain('unfinished copy');
    expect(fs.readdirSync(destination)).toEqual([`${BUNDLE}.partial`]);
  });

  it('refuses when the bundle folder appears while writing, and removes only its own copy', async () => {
    const dataDir = tempDir();
    const destination = tempDir();
    const sneaky = faultyFs({
      before: (call) => {
        if (call.op === 'fsync' && call.path === path.join(destination, `${BUNDLE}.partial`)) fs.mkdirSync(path.join(destination, BUNDLE));
      },
    });
    const failure = await failureOf(writeBundleToDestination({ destinationDir: destination, bundleName: BUNDLE, files: sampleBundle({ dataDir }).files, fs: sneaky }));
    expect(failure.code).toBe('conflict');
    expect(fs.readdirSync(destination)).toEqual([BUNDLE]);
    expect(fs.readdirSync(path.join(destination, BUNDLE))).toEqual([]);
  });
});

describe('input checks', () => {
  it('refuses names a USB stick cannot hold, duplicates, bad hashes and sizes before touching the drive', async () => {
    const destination = tempDir();
    const good = { name: 'a.txt', data: Buffer.from('a'), size: 1, sha256: sha256(Buffer.from('a')) };
    const cases: { bundleName?: string; files: BundleFileSource[]; lastFiles?: string[] }[] = [
      { files: [] },
      { bundleName: 'CON', files: [good] },
      { files: [{ ...good, name: 'a:b.txt' }] },
      { files: [{ ...good, name: 'sub/a.txt' }] },
      { files: [good, { ...good, name: 'A.TXT' }] },
      { files: [{ ...good, sha256: 'abc' }] },
      { files: [{ ...good, size: 2 }] },
      { files: [{ ...good, file: '/x' }] },
      { files: [{ name: 'b', file: 'relative/path', size: 1, sha256: good.sha256 }] },
      { files: [good], lastFiles: ['missing.txt'] },
    ];
    for (const { bundleName, files, lastFiles } of cases) {
      const failure = await failureOf(writeBundleToDestination({ destinationDir: destination, bundleName: bundleName ?? BUNDLE, files, lastFiles }));
      expect(failure.code).toBe('invalid_input');
    }
    expect(fs.readdirSync(destination)).toEqual([]);
  });

  it('says the stick is gone when the destination folder is not there', async () => {
    const failure = await failureOf(
      writeBundleToDestination({ destinationDir: path.join(tempDir(), 'unplugged'), bundleName: BUNDLE, files: sampleBundle({ dataDir: tempDir() }).files }),
    );
    expect(failure.code).toBe('drive_gone');
  });
});

describe('helpers', () => {
  it('orders files with the last ones moved to the end in their given order', () => {
    const files = ['a', 'b', 'c', 'd'].map((name) => ({ name }));
    expect(orderForWriting({ files, lastFiles: ['b', 'a'] }).map((file) => file.name)).toEqual(['c', 'd', 'b', 'a']);
    expect(orderForWriting({ files, lastFiles: [] }).map((file) => file.name)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('stamps failed copies with the local time', () => {
    expect(timeStamp({ at: new Date(2026, 2, 4, 5, 6, 7) })).toBe('20260304-050607');
  });
});
