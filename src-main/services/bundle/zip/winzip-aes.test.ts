import { createCipheriv, pbkdf2Sync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES, createArena } from './crypt-arena';
import { deriveKeys, WinZipKeystream } from './winzip-aes';

/**
 * WinZip's CTR keystream built the slow, obvious way, independently of the arena: each block the 64-bit little-endian
 * counter (BigInt) then 8 zero bytes, encrypted on its own.
 */
function referenceCrypt(key: Buffer, data: Buffer, firstBlock: number): Buffer {
  const out = Buffer.alloc(data.length);
  for (let block = 0; block * 16 < data.length; block += 1) {
    const counter = Buffer.alloc(16);
    counter.writeBigUInt64LE(BigInt(firstBlock + block), 0);
    const cipher = createCipheriv('aes-256-ecb', key, null).setAutoPadding(false);
    const keystream = cipher.update(counter);
    for (let i = block * 16; i < Math.min(data.length, block * 16 + 16); i += 1) out[i] = data[i]! ^ keystream[i - block * 16]!;
  }
  return out;
}

/** Runs `data` through the keystream in calls of the given lengths, as the pipeline does chunk by chunk. */
function arenaCrypt(options: { key: Buffer; data: Buffer; calls: number[]; firstBlock?: number }): Buffer {
  const arena = createArena({ inputSlots: 1, outputBytes: CHUNK_BYTES });
  const [input] = arena.inputs;
  const keystream = new WinZipKeystream({ key: options.key, arena, firstBlock: options.firstBlock });
  const out: Buffer[] = [];
  let at = 0;
  for (const length of options.calls) {
    input!.bytes.set(options.data.subarray(at, at + length));
    keystream.apply({ inputOffset: input!.offset, outputOffset: arena.output.offset, length });
    out.push(Buffer.from(arena.view({ offset: arena.output.offset, length })));
    at += length;
  }
  return Buffer.concat(out);
}

describe('WinZipKeystream', () => {
  const key = randomBytes(32);

  it('matches the little-endian counter keystream across pieces and calls, ending mid-block', () => {
    const data = randomBytes(300_007);
    const calls = [16, 32_768 + 48, 64_000, 300_007 - 16 - 32_816 - 64_000];
    expect(arenaCrypt({ key, data, calls }).equals(referenceCrypt(key, data, 1))).toBe(true);
  });

  it('carries on in the middle of a block when a call ends there (the output ring splits chunks anywhere)', () => {
    const data = randomBytes(100_000);
    const calls = [1, 7, 13, 40_001, 5, 32_768 - 3, 100_000 - 1 - 7 - 13 - 40_001 - 5 - 32_765];
    expect(arenaCrypt({ key, data, calls }).equals(referenceCrypt(key, data, 1))).toBe(true);
  });

  it('decrypts what it encrypted (counter mode is its own inverse)', () => {
    const data = randomBytes(CHUNK_BYTES + 33);
    const encrypted = arenaCrypt({ key, data, calls: [CHUNK_BYTES, 33] });
    expect(encrypted.equals(data)).toBe(false);
    expect(arenaCrypt({ key, data: encrypted, calls: [CHUNK_BYTES, 33] }).equals(data)).toBe(true);
  });

  it('carries the counter into its high 32 bits (files past 64 GiB)', () => {
    const data = randomBytes(16 * 10);
    const firstBlock = 2 ** 32 - 4;
    expect(arenaCrypt({ key, data, calls: [data.length], firstBlock }).equals(referenceCrypt(key, data, firstBlock))).toBe(true);
  });

  it('handles every tail length from 1 to 80 bytes', () => {
    for (let length = 1; length <= 80; length += 1) {
      const data = randomBytes(length);
      expect(arenaCrypt({ key, data, calls: [length] }).equals(referenceCrypt(key, data, 1))).toBe(true);
    }
  });
});

describe('the arena XOR', () => {
  it('writes exactly `length` bytes, never one past (the next may be on its way to the disk)', () => {
    const arena = createArena({ inputSlots: 1, outputBytes: CHUNK_BYTES });
    const [input] = arena.inputs;
    for (const length of [0, 1, 63, 64, 65, 200, 4096 + 17]) {
      const a = randomBytes(length);
      const b = randomBytes(length);
      input!.bytes.set(a, 0);
      arena.bytes.set(b, arena.scratchOffset);
      const out = arena.view({ offset: arena.output.offset, length: length + 64 });
      out.fill(0xee);
      arena.xor({ outputOffset: arena.output.offset + 3, inputOffset: input!.offset, keystreamOffset: arena.scratchOffset, length });
      expect(Buffer.from(out.subarray(3, 3 + length)).equals(Buffer.from(a.map((byte, i) => byte ^ b[i]!)))).toBe(true);
      expect([out[2], out[3 + length]]).toEqual([0xee, 0xee]);
    }
  });
});

describe('deriveKeys', () => {
  it('splits PBKDF2-HMAC-SHA1 (1000 rounds) into AES key, HMAC key and verifier', async () => {
    const salt = randomBytes(16);
    const expected = pbkdf2Sync(Buffer.from('pässword', 'utf8'), salt, 1000, 66, 'sha1');
    const keys = await deriveKeys({ password: 'pässword', salt });
    expect(Buffer.concat([keys.aesKey, keys.hmacKey, keys.verifier]).equals(expected)).toBe(true);
    expect([keys.aesKey.length, keys.hmacKey.length, keys.verifier.length]).toEqual([32, 32, 2]);
  });

  it('takes the smaller strengths zip.js and WinZip can also write', async () => {
    const keys = await deriveKeys({ password: 'x', salt: randomBytes(8), strength: 1 });
    expect([keys.aesKey.length, keys.hmacKey.length]).toEqual([16, 16]);
    await expect(deriveKeys({ password: 'x', salt: randomBytes(8) })).rejects.toThrow(RangeError);
  });
});
