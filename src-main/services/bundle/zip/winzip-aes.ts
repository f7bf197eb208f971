/**
 * WinZip AES-256 (the AE-1/AE-2 specification): keys from the password, and the counter-mode keystream.
 *
 * WinZip's CTR mode counts in little-endian in the first 8 bytes of the counter block (Gladman's fileenc.c), starting
 * at 1; OpenSSL's aes-256-ctr counts big-endian over all 16 bytes, so the two agree on no block at all. The keystream
 * is therefore made by encrypting the counter blocks with aes-256-ecb, and XORed onto the data in the arena.
 */
import { createCipheriv, pbkdf2, timingSafeEqual, type Cipher } from 'node:crypto';
import { promisify } from 'node:util';
import { PIECE_BYTES, type CryptArena } from './crypt-arena';
import { AES_VERIFIER_BYTES } from './zip-format';

const pbkdf2Async = promisify(pbkdf2);
const ITERATIONS = 1000;

export interface WinZipKeys {
  aesKey: Buffer;
  hmacKey: Buffer;
  verifier: Buffer;
}

/** WinZip's strengths 1, 2 and 3 are AES-128, -192 and -256; the writer always uses 3, the reader takes any. */
export const aesKeyBytes = (strength: number) => 8 + 8 * strength;
export const aesSaltBytes = (strength: number) => 4 + 4 * strength;

/**
 * PBKDF2-HMAC-SHA1, 1000 rounds: AES key, HMAC key (the same length) and a 2-byte password verifier, in that order.
 * The password is taken as UTF-8, as 7-Zip and zip.js do.
 */
export async function deriveKeys(options: { password: string; salt: Uint8Array; strength?: number }): Promise<WinZipKeys> {
  const strength = options.strength ?? 3;
  const keyBytes = aesKeyBytes(strength);
  if (![1, 2, 3].includes(strength) || options.salt.length !== aesSaltBytes(strength)) throw new RangeError(`deriveKeys: bad strength ${strength} or salt length`);
  const bytes = await pbkdf2Async(Buffer.from(options.password, 'utf8'), options.salt, ITERATIONS, 2 * keyBytes + AES_VERIFIER_BYTES, 'sha1');
  return {
    aesKey: bytes.subarray(0, keyBytes),
    hmacKey: bytes.subarray(keyBytes, 2 * keyBytes),
    verifier: bytes.subarray(2 * keyBytes),
  };
}

/** In constant time, so how far a guess matches cannot be timed. */
export function sameBytes(options: { actual: Uint8Array; expected: Uint8Array }): boolean {
  return options.actual.length === options.expected.length && timingSafeEqual(options.actual, options.expected);
}

/**
 * The keystream of one entry, applied as its bytes go by. Counter blocks are encrypted PIECE_BYTES at a time: Node
 * allocates a fresh output buffer per call, and small ones come back from malloc warm in the cache, big ones straight
 * from mmap, page faults and all (the cipher ran at half speed with 1 MiB pieces); much smaller and the cost of each
 * call shows. Each piece goes to the arena's scratch, small enough to stay in the cache for the XOR that follows.
 */
export class WinZipKeystream {
  /** Bytes of the entry already processed. */
  private position = 0;
  private readonly cipher: Cipher;

  /** `firstBlock` is 1 in every zip; tests start near 2^32 to see the counter carry into its high half. */
  constructor(private readonly options: { key: Uint8Array; arena: CryptArena; firstBlock?: number }) {
    this.cipher = createCipheriv(`aes-${options.key.length * 8}-ecb`, options.key, null);
    this.cipher.setAutoPadding(false);
  }

  /**
   * output = input XOR keystream for `length` bytes of the arena, carrying on where the previous call stopped, which
   * may be in the middle of a block (the zip's output ring splits chunks anywhere). Encrypting and decrypting are the
   * same.
   */
  apply(options: { inputOffset: number; outputOffset: number; length: number }): void {
    const { arena } = this.options;
    for (let done = 0; done < options.length; ) {
      // A piece that starts inside a block encrypts that whole block again and skips its first bytes.
      const skew = this.position % 16;
      const length = Math.min(PIECE_BYTES - skew, options.length - done);
      const firstBlock = (this.options.firstBlock ?? 1) + Math.floor(this.position / 16);
      const keystream = this.cipher.update(arena.counters(firstBlock, Math.ceil((skew + length) / 16)));
      arena.bytes.set(keystream, arena.scratchOffset);
      arena.xor({ outputOffset: options.outputOffset + done, inputOffset: options.inputOffset + done, keystreamOffset: arena.scratchOffset + skew, length });
      done += length;
      this.position += length;
    }
  }
}
