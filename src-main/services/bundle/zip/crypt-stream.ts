/**
 * One entry's bytes through the arena, chunk by chunk: read into an input slot and hashed there, then XORed with the
 * keystream straight into wherever the output side wants them (the zip's write ring, or plaintext slots when
 * reading). Reads run ahead into free slots and writes and hashes trail behind on other threads, so the disk and both
 * cores stay busy; the arena is the only memory used, whatever the entry's size.
 */
import { CHUNK_BYTES, type CryptArena, type Region } from './crypt-arena';
import type { StreamHash } from './stream-hash';
import type { WinZipKeystream } from './winzip-aes';

/** The source ended before `length` bytes were read. */
export class ShortSourceError extends Error {
  constructor(readonly got: number) {
    super(`source ended after ${got} bytes`);
  }
}

/** Where the processed bytes go. */
export interface CryptOutput {
  /** Arena regions (in order, at most two) for the next `length` bytes, once they are free to be overwritten. */
  take(length: number): Promise<Region[]>;
  /** The regions now hold the bytes: hand them on. */
  filled(regions: Region[]): void;
}

export interface CryptStreamOptions {
  arena: CryptArena;
  length: number;
  /** Fills `target` from `position` of the source (relative to the stream's start); how many bytes it got. */
  read: (target: Uint8Array, position: number) => Promise<number>;
  keystream: WinZipKeystream;
  /** Hashes of what is read (the plaintext when writing, the ciphertext when checking). */
  inputHashes: StreamHash[];
  output: CryptOutput;
  /** Checked between chunks; what it throws ends the stream. */
  checkCancelled?: () => void;
  onBytes?: (bytes: number) => void;
}

/** Marked as handled so a failure nobody waits for yet is not an unhandled rejection; it is awaited later. */
export function quietly<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

export async function cryptStream(options: CryptStreamOptions): Promise<void> {
  const { arena, length, keystream } = options;
  const chunkCount = Math.ceil(length / CHUNK_BYTES);
  const first = arena.take(chunkCount);
  const slotOf = (chunk: number) => arena.inputs[(first + chunk) % arena.inputs.length]!;
  const sizeOf = (chunk: number) => Math.min(CHUNK_BYTES, length - chunk * CHUNK_BYTES);
  const reads: Promise<number>[] = [];
  let lastRead: Promise<unknown> = Promise.resolve();
  const readAhead = (chunk: number) => {
    const slot = slotOf(chunk);
    // One read at a time, in order, so the kernel sees a plain sequential read and reads ahead for us.
    const read = lastRead.then(() => slot.busy).then(() => options.read(slot.bytes.subarray(0, sizeOf(chunk)), chunk * CHUNK_BYTES));
    reads.push(quietly(read));
    lastRead = read;
  };
  try {
    for (let chunk = 0; chunk < chunkCount; chunk += 1) {
      while (reads.length < Math.min(chunkCount, chunk + arena.inputs.length)) readAhead(reads.length);
      const slot = slotOf(chunk);
      const size = sizeOf(chunk);
      const got = await reads[chunk]!;
      if (got !== size) throw new ShortSourceError(chunk * CHUNK_BYTES + got);
      options.checkCancelled?.();
      const input = slot.bytes.subarray(0, size);
      slot.busy = quietly(Promise.all(options.inputHashes.map((hash) => hash.update(input))));
      const regions = await options.output.take(size);
      let done = 0;
      for (const region of regions) {
        keystream.apply({ inputOffset: slot.offset + done, outputOffset: region.offset, length: region.length });
        done += region.length;
      }
      options.output.filled(regions);
      options.onBytes?.(size);
    }
  } catch (error) {
    // Reads already started still target the arena and the source handle, which the caller is about to close.
    await Promise.allSettled(reads);
    throw error;
  }
}

/**
 * Output into a ring of chunk-sized slots of the arena's output area, each handed to `consume` (hashing, writing)
 * and reused once that settles: how plaintext comes out when a zip is read.
 */
export function slotOutput(options: { arena: CryptArena; consume: (bytes: Uint8Array) => Promise<unknown> }): CryptOutput & { idle(): Promise<void>; settle(): Promise<void> } {
  const { arena } = options;
  const count = Math.floor(arena.output.length / CHUNK_BYTES);
  const busy: Promise<unknown>[] = Array.from({ length: count }, () => Promise.resolve());
  let next = 0;
  return {
    take: async (length) => {
      await busy[next];
      return [{ offset: arena.output.offset + next * CHUNK_BYTES, length }];
    },
    filled: ([region]) => {
      busy[next] = quietly(options.consume(arena.view(region!)));
      next = (next + 1) % count;
    },
    idle: async () => {
      await Promise.all(busy);
    },
    settle: async () => {
      await Promise.allSettled(busy);
    },
  };
}
