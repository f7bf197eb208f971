import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../../test/helpers/temp-dir';
import { CHUNK_BYTES, createArena } from './crypt-arena';
import { inlineHash } from './stream-hash';
import { openOutput, RING_BYTES, ZipRing } from './zip-sink';

const tempDir = useTempDirs('handover-zip-sink-');

/**
 * Feeds `parts` through a ring the two ways the writer does: small ones appended, big ones taken as regions and
 * filled in place. Returns the file's bytes and the hash the ring computed.
 */
async function throughRing(options: { direct: boolean; parts: Buffer[]; syncEvery?: number }): Promise<{ file: Buffer; sha256: string }> {
  const file = path.join(tempDir(), 'out.zip');
  const output = options.direct ? await openOutput({ file }) : { handle: await fs.promises.open(file, 'wx'), direct: false };
  const arena = createArena({ inputSlots: 1, outputBytes: RING_BYTES });
  const hash = inlineHash();
  hash.start({ algorithm: 'sha256' });
  const ring = new ZipRing({ arena, ...output, hash, syncEvery: options.syncEvery });
  for (const part of options.parts) {
    if (part.length < 1000) {
      await ring.append(part);
      continue;
    }
    for (let at = 0; at < part.length; at += CHUNK_BYTES) {
      const piece = part.subarray(at, at + CHUNK_BYTES);
      const regions = await ring.take(piece.length);
      let done = 0;
      for (const region of regions) {
        arena.bytes.set(piece.subarray(done, done + region.length), region.offset);
        done += region.length;
      }
      ring.filled(regions);
    }
  }
  await ring.flush();
  await output.handle.close();
  expect(ring.position).toBe(options.parts.reduce((sum, part) => sum + part.length, 0));
  return { file: fs.readFileSync(file), sha256: (await hash.digest()).toString('hex') };
}

/** Odd sizes, so chunks straddle segment ends and the last segment is partial. */
const parts = () => [randomBytes(30), randomBytes(3 * CHUNK_BYTES + 123), randomBytes(7), randomBytes(CHUNK_BYTES - 5), randomBytes(2000), randomBytes(RING_BYTES + 1), randomBytes(22)];

describe('ZipRing', () => {
  for (const direct of [true, false]) {
    it(`writes the stream byte for byte and hashes it in order (${direct ? 'O_DIRECT where the system has it' : 'through the page cache'})`, async () => {
      const input = parts();
      const expected = Buffer.concat(input);
      const { file, sha256 } = await throughRing({ direct, parts: input });
      expect(file.length).toBe(expected.length);
      expect(file.equals(expected)).toBe(true);
      expect(sha256).toBe(createHash('sha256').update(expected).digest('hex'));
    });
  }

  it('flushes to the disk as it goes when asked, with the same result', async () => {
    const input = parts();
    const { file } = await throughRing({ direct: false, parts: input, syncEvery: 1024 * 1024 });
    expect(file.equals(Buffer.concat(input))).toBe(true);
  });

  it('writes an empty stream as an empty file', async () => {
    const { file } = await throughRing({ direct: true, parts: [] });
    expect(file.length).toBe(0);
  });
});

describe('openOutput', () => {
  it('never opens an existing file', async () => {
    const file = path.join(tempDir(), 'evidence.zip');
    fs.writeFileSync(file, 'keep me');
    await expect(openOutput({ file })).rejects.toMatchObject({ code: 'EEXIST' });
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
  });
});
