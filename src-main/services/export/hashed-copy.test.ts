import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../test/helpers/temp-dir';
import { copyWithHash, hashFile, partFileName } from './hashed-copy';

const tempDir = useTempDirs('handover-hashed-copy-');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const never = new AbortController().signal;

function sourceFile(dir: string, bytes: Buffer): string {
  const file = path.join(dir, 'source.dav');
  fs.writeFileSync(file, bytes);
  return file;
}

describe('copyWithHash', () => {
  it('copies byte for byte and hashes what it read, counting every byte', async () => {
    const dir = tempDir();
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const to = path.join(dir, 'out', 'copy.dav');
    fs.mkdirSync(path.dirname(to));
    let counted = 0;
    const copy = await copyWithHash({ from: sourceFile(dir, bytes), to, splitBytes: 1e12, signal: never, onBytes: (n) => (counted += n) });
    expect(copy).toEqual({ size: bytes.length, sha256: sha256(bytes), parts: [{ file: to, size: bytes.length, sha256: sha256(bytes) }] });
    expect(fs.readFileSync(to).equals(bytes)).toBe(true);
    expect(counted).toBe(bytes.length);
    expect(fs.readdirSync(path.dirname(to))).toEqual(['copy.dav']);
  });

  it('splits byte-wise into numbered parts that join back into the original', async () => {
    const dir = tempDir();
    const bytes = randomBytes(250_000);
    const to = path.join(dir, 'copy.dav');
    const copy = await copyWithHash({ from: sourceFile(dir, bytes), to, splitBytes: 100_000, signal: never });
    expect(copy.parts.map((part) => path.basename(part.file))).toEqual(['copy.dav.001', 'copy.dav.002', 'copy.dav.003']);
    expect(copy.parts.map((part) => part.size)).toEqual([100_000, 100_000, 50_000]);
    const joined = Buffer.concat(copy.parts.map((part) => fs.readFileSync(part.file)));
    expect(joined.equals(bytes)).toBe(true);
    expect(copy.sha256).toBe(sha256(bytes));
    for (const part of copy.parts) expect(part.sha256).toBe(sha256(fs.readFileSync(part.file)));
    expect(fs.existsSync(to)).toBe(false);
  });

  it('does not split a file of exactly the split size, and copies an empty file', async () => {
    const dir = tempDir();
    const exact = await copyWithHash({ from: sourceFile(dir, randomBytes(1000)), to: path.join(dir, 'exact'), splitBytes: 1000, signal: never });
    expect(exact.parts).toHaveLength(1);
    fs.writeFileSync(path.join(dir, 'empty'), '');
    const empty = await copyWithHash({ from: path.join(dir, 'empty'), to: path.join(dir, 'empty-copy'), splitBytes: 1000, signal: never });
    expect(empty).toMatchObject({ size: 0, sha256: sha256(Buffer.alloc(0)) });
    expect(fs.statSync(path.join(dir, 'empty-copy')).size).toBe(0);
  });

  it('never writes over an existing file', async () => {
    const dir = tempDir();
    const to = path.join(dir, 'copy.dav');
    fs.writeFileSync(`${to}.partial`, 'someone else');
    await expect(copyWithHash({ from: sourceFile(dir, randomBytes(10)), to, splitBytes: 1e12, signal: never })).rejects.toMatchObject({ code: 'EEXIST' });
    expect(fs.readFileSync(`${to}.partial`, 'utf8')).toBe('someone else');
  });

  it('stops when cancelled', async () => {
    const dir = tempDir();
    const controller = new AbortController();
    controller.abort();
    await expect(copyWithHash({ from: sourceFile(dir, randomBytes(10)), to: path.join(dir, 'c'), splitBytes: 1e12, signal: controller.signal })).rejects.toThrow();
    expect(fs.readdirSync(dir)).toEqual(['source.dav']);
  });
});

describe('hashFile and part names', () => {
  it('hashes a file in one read', async () => {
    const dir = tempDir();
    const bytes = randomBytes(2_500_000);
    expect(await hashFile({ file: sourceFile(dir, bytes), signal: never })).toMatchObject({ size: bytes.length, sha256: sha256(bytes) });
  });

  it('numbers parts with three digits, more only past 999', () => {
    expect(partFileName({ file: 'a.dav', index: 0, count: 2 })).toBe('a.dav.001');
    expect(partFileName({ file: 'a.dav', index: 1233, count: 1500 })).toBe('a.dav.1234');
  });
});

describe('hashFile in a worker thread', () => {
  it('gives the same size and SHA-256 as in this thread, counting every byte', async () => {
    const dir = tempDir();
    const bytes = randomBytes(20 * 1024 * 1024 + 5);
    const file = sourceFile(dir, bytes);
    let counted = 0;
    const hashed = await hashFile({ file, signal: never, inWorker: true, onBytes: (n) => (counted += n) });
    expect(hashed).toEqual({ file, size: bytes.length, sha256: sha256(bytes) });
    expect(counted).toBe(bytes.length);
    expect(await hashFile({ file, signal: never, inWorker: false })).toEqual(hashed);
    fs.writeFileSync(path.join(dir, 'empty'), '');
    expect(await hashFile({ file: path.join(dir, 'empty'), signal: never, inWorker: true })).toMatchObject({ size: 0, sha256: sha256(Buffer.alloc(0)) });
  });

  it('reports a missing file as the file system does, and stops when cancelled, before or during the read', async () => {
    const dir = tempDir();
    await expect(hashFile({ file: path.join(dir, 'gone.mp4'), signal: never, inWorker: true })).rejects.toMatchObject({ code: 'ENOENT' });
    const file = sourceFile(dir, randomBytes(64 * 1024 * 1024));
    const before = new AbortController();
    before.abort();
    await expect(hashFile({ file, signal: before.signal, inWorker: true })).rejects.toMatchObject({ name: 'AbortError' });
    const during = new AbortController();
    const hashing = hashFile({ file, signal: during.signal, inWorker: true, onBytes: () => during.abort() });
    await expect(hashing).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('copyWithHash when the source changes or the copy is cancelled part-way', () => {
  it('fails, leaving nothing behind, when the source gets shorter during the copy', async () => {
    const dir = tempDir();
    const from = sourceFile(dir, randomBytes(5 * 1024 * 1024));
    const to = path.join(dir, 'copy.dav');
    let truncated = false;
    const copying = copyWithHash({ from, to, splitBytes: 1e12, signal: never, onBytes: () => truncated || ((truncated = true), fs.truncateSync(from, 1024 * 1024)) });
    await expect(copying).rejects.toThrow(/got shorter while it was being copied/);
    expect(fs.readdirSync(dir)).toEqual(['source.dav']);
  });

  it('stops at the next chunk when cancelled during the copy, and removes the part it was writing', async () => {
    const dir = tempDir();
    const controller = new AbortController();
    const from = sourceFile(dir, randomBytes(8 * 1024 * 1024));
    const copying = copyWithHash({ from, to: path.join(dir, 'copy.dav'), splitBytes: 3 * 1024 * 1024, signal: controller.signal, onBytes: () => controller.abort() });
    await expect(copying).rejects.toMatchObject({ name: 'AbortError' });
    expect(fs.readdirSync(dir)).toEqual(['source.dav']);
  });
});
