/**
 * The zip as it is written: a ring of segments in the arena's output area, filled in order (headers copied in,
 * ciphertext XORed straight in) and each whole segment written at its place in the file and fed to the zip's hash,
 * several at once.
 *
 * Where the system allows it (Linux), the file is opened with O_DIRECT and the segments go from the ring straight to
 * the disk. Copying a gigabyte into fresh page-cache pages cost the kernel more CPU (~1.2 s here) than the disk took
 * to write it, and the hashes and the encryption need both cores; and data left in the page cache is written back
 * only at the closing fsync, with progress reading 100% meanwhile. Elsewhere, or where the file system refuses
 * O_DIRECT, the segments go through the page cache, flushed to the disk as it goes when `syncEvery` is given.
 */
import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { CHUNK_BYTES, type CryptArena, type Region } from './crypt-arena';
import { quietly, type CryptOutput } from './crypt-stream';
import type { StreamHash } from './stream-hash';
import { writeFully } from './zip-io';

const SEGMENT_BYTES = CHUNK_BYTES;
/** Three segments on their way to the disk while the fourth fills: enough to keep an SSD's queue busy. */
const SEGMENTS = 4;
export const RING_BYTES = SEGMENTS * SEGMENT_BYTES;
/** 4 KiB: the largest logical block size in common use, so every offset and length O_DIRECT sees is a multiple. */
const ALIGN = 4096;

/**
 * Creates `file` (never over an existing one), for O_DIRECT where that is possible. A file system that refuses
 * O_DIRECT can do so after creating the file; O_EXCL guarantees that file was ours, so it is removed and made again.
 */
export async function openOutput(options: { file: string }): Promise<{ handle: FileHandle; direct: boolean }> {
  const { O_WRONLY, O_CREAT, O_EXCL, O_DIRECT } = fs.constants;
  if (O_DIRECT !== undefined) {
    try {
      return { handle: await fs.promises.open(options.file, O_WRONLY | O_CREAT | O_EXCL | O_DIRECT, 0o666), direct: true };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EINVAL') throw error;
      await fs.promises.rm(options.file, { force: true });
    }
  }
  return { handle: await fs.promises.open(options.file, 'wx'), direct: false };
}

export class ZipRing implements CryptOutput {
  /** Bytes of the zip so far: its size once flushed. */
  position = 0;
  /** Bytes handed on to the disk: whole segments, until the last. */
  private submitted = 0;
  /** Per segment, everything still reading it: hashes, the write to the disk. */
  private readonly users: Promise<unknown>[][] = Array.from({ length: SEGMENTS }, () => []);
  private unsynced = 0;
  private syncing: Promise<void> | null = null;
  private syncFailure: Error | null = null;

  constructor(private readonly options: { arena: CryptArena; handle: FileHandle; direct: boolean; hash: StreamHash; syncEvery?: number }) {
    if (options.arena.output.length < RING_BYTES) throw new RangeError('ZipRing: the arena has too little output room');
  }

  private segmentOf(streamOffset: number): number {
    return Math.floor(streamOffset / SEGMENT_BYTES) % SEGMENTS;
  }

  private memoryOffset(streamOffset: number): number {
    return this.options.arena.output.offset + this.segmentOf(streamOffset) * SEGMENT_BYTES + (streamOffset % SEGMENT_BYTES);
  }

  /** Room for the next `length` (at most a segment) bytes of the zip: one region, or two where a segment ends. */
  async take(length: number): Promise<Region[]> {
    if (length > SEGMENT_BYTES) throw new RangeError('ZipRing.take: more than a segment');
    const start = this.position;
    const end = start + length;
    // Entering a segment means waiting until everything from its previous turn is done with it.
    for (let boundary = Math.ceil(start / SEGMENT_BYTES) * SEGMENT_BYTES; boundary < end; boundary += SEGMENT_BYTES) {
      const segment = this.segmentOf(boundary);
      await Promise.all(this.users[segment]!);
      this.users[segment] = [];
    }
    const { syncEvery } = this.options;
    if (this.syncing && syncEvery !== undefined && this.unsynced >= syncEvery) await this.syncing;
    this.position = end;
    const split = Math.min(end, (Math.floor(start / SEGMENT_BYTES) + 1) * SEGMENT_BYTES);
    const regions = [{ offset: this.memoryOffset(start), length: split - start }];
    if (split < end) regions.push({ offset: this.memoryOffset(split), length: end - split });
    return regions.filter((region) => region.length > 0);
  }

  filled(regions: Region[]): void {
    this.commit(regions, []);
  }

  /** The regions hold their bytes; `users` (an entry's authentication code, say) still read them. */
  commit(regions: Region[], users: Promise<unknown>[]): void {
    for (const region of regions) {
      const segment = Math.floor((region.offset - this.options.arena.output.offset) / SEGMENT_BYTES);
      this.users[segment]!.push(...users.map(quietly));
    }
    while (this.position - this.submitted >= SEGMENT_BYTES) this.submit(SEGMENT_BYTES);
  }

  /** Copies small things (headers, the central directory) into the zip. */
  async append(bytes: Uint8Array): Promise<void> {
    for (let at = 0; at < bytes.length; ) {
      const length = Math.min(SEGMENT_BYTES, bytes.length - at);
      const regions = await this.take(length);
      for (const region of regions) {
        this.options.arena.bytes.set(bytes.subarray(at, at + region.length), region.offset);
        at += region.length;
      }
      this.commit(regions, []);
    }
  }

  private submit(length: number): void {
    const { arena, handle, direct, hash } = this.options;
    const start = this.submitted;
    const offset = this.memoryOffset(start);
    const hashed = hash.update(arena.bytes.subarray(offset, offset + length));
    // O_DIRECT writes whole blocks only: the last is padded with zeros and the file cut back to size in flush.
    const padded = direct ? Math.ceil(length / ALIGN) * ALIGN : length;
    arena.bytes.fill(0, offset + length, offset + padded);
    const written = writeFully({ handle, bytes: arena.bytes.subarray(offset, offset + padded), position: start }).then(() => this.wrote(length));
    this.users[this.segmentOf(start)]!.push(quietly(hashed), quietly(written));
    this.submitted += length;
  }

  /** Through the page cache: one background fdatasync at a time, every `syncEvery` bytes. */
  private wrote(length: number): void {
    const { syncEvery, handle } = this.options;
    this.unsynced += length;
    if (syncEvery === undefined || this.syncing || this.unsynced < syncEvery) return;
    this.unsynced = 0;
    this.syncing = handle.datasync().then(
      () => void (this.syncing = null),
      (error: Error) => void ((this.syncFailure ??= error), (this.syncing = null)),
    );
  }

  /** Every byte written and hashed, the file exactly `position` long; or the first failure. */
  async flush(): Promise<void> {
    if (this.position > this.submitted) this.submit(this.position - this.submitted);
    await Promise.all(this.users.flat());
    if (this.options.direct) await this.options.handle.truncate(this.position);
    await this.syncing;
    if (this.syncFailure !== null) throw this.syncFailure;
  }

  /** Waits for every write and hash still in flight, failed or not: before the file is closed after an error. */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.users.flat(), this.syncing]);
  }
}
