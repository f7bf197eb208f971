/**
 * The memory every byte of an entry passes through: a ring of chunk-sized input slots, an output area (the zip's
 * write ring, or plaintext slots when reading), and a little scratch for the keystream, all in one shared WebAssembly
 * memory. Shared, so the hashing workers read the very bytes being encrypted without a copy; WebAssembly, so the XOR
 * of data and keystream runs as 128-bit SIMD (~20 GB/s) instead of a JavaScript loop (~1 GB/s), and writes straight
 * into the bytes that go to the disk. The memory never grows, so views of it stay valid.
 */

/**
 * One read and one message to each hashing worker per chunk: big enough that these cost the main thread little (at
 * 2 MiB they were a good part of its time), small enough that the pipeline fills and drains quickly.
 */
export const CHUNK_BYTES = 4 * 1024 * 1024;
const PAGE_BYTES = 64 * 1024;
/** Keystream made per call into the cipher (see winzip-aes.ts); the scratch holds it, plus a block of slack. */
export const PIECE_BYTES = 32 * 1024;

/*
 * The module, hand-assembled (one import, two small functions: no toolchain in the build for that):
 *   (module
 *     (import "env" "memory" (memory 1 65536 shared))
 *     ;; dst[0..len) = a[0..len) ^ b[0..len): 64 bytes per turn as four 128-bit XORs, then byte by byte, so it never
 *     ;; touches a byte past len (the next bytes of the output may be on their way to the disk)
 *     (func (export "xor") (param $dst i32) (param $a i32) (param $b i32) (param $len i32) (local $end i32) (local $bulkEnd i32)
 *       (local.set $end (i32.add (local.get $dst) (local.get $len)))
 *       (local.set $bulkEnd (i32.add (local.get $dst) (i32.and (local.get $len) (i32.const -64))))
 *       (block (loop
 *         (br_if 1 (i32.ge_u (local.get $dst) (local.get $bulkEnd)))
 *         (v128.store offset=0 (local.get $dst) (v128.xor (v128.load offset=0 (local.get $a)) (v128.load offset=0 (local.get $b))))
 *         ... the same at offsets 16, 32 and 48 ...
 *         (local.set $dst (i32.add (local.get $dst) (i32.const 64)))  ... and $a, $b
 *         (br 0)))
 *       (block (loop
 *         (br_if 1 (i32.ge_u (local.get $dst) (local.get $end)))
 *         (i32.store8 (local.get $dst) (i32.xor (i32.load8_u (local.get $a)) (i32.load8_u (local.get $b))))
 *         (local.set $dst (i32.add (local.get $dst) (i32.const 1)))  ... and $a, $b
 *         (br 0))))
 *     ;; $blocks 16-byte blocks from $dst: a 64-bit little-endian counter from high:low upwards, then 8 zero bytes
 *     (func (export "counters") (param $dst i32) (param $blocks i32) (param $low i32) (param $high i32) (local $end i32) (local $value i64)
 *       (local.set $end (i32.add (local.get $dst) (i32.shl (local.get $blocks) (i32.const 4))))
 *       (local.set $value (i64.or (i64.extend_i32_u (local.get $low)) (i64.shl (i64.extend_i32_u (local.get $high)) (i64.const 32))))
 *       (block (loop
 *         (br_if 1 (i32.ge_u (local.get $dst) (local.get $end)))
 *         (i64.store offset=0 (local.get $dst) (local.get $value))
 *         (i64.store offset=8 (local.get $dst) (i64.const 0))
 *         (local.set $value (i64.add (local.get $value) (i64.const 1)))
 *         (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
 *         (br 0)))))
 * Made by a throwaway generator; winzip-aes.test.ts checks both functions against plain JavaScript.
 */
const WASM_BASE64 =
  'AGFzbQEAAAABCAFgBH9/f38AAhIBA2VudgZtZW1vcnkCAwGAgAQDAwIAAAcSAgN4b3IAAAhjb3VudGVycwABCosCAsABAQJ/IAAgA2ohBCAAIANBQHFqIQUCQANAIAAgBU8NASAAIAH9AAQAIAL9AAQA/VH9CwQAIAAgAf0ABBAgAv0ABBD9Uf0LBBAgACAB/QAEICAC/QAEIP1R/QsEICAAIAH9AAQwIAL9AAQw/VH9CwQwIABBwABqIQAgAUHAAGohASACQcAAaiECDAALCwJAA0AgACAETw0BIAAgAS0AACACLQAAczoAACAAQQFqIQAgAUEBaiEBIAJBAWohAgwACwsLRwIBfwF+IAAgAUEEdGohBCACrSADrUIghoQhBQJAA0AgACAETw0BIAAgBTcDACAAQgA3AwggBUIBfCEFIABBEGohAAwACwsL';

/**
 * The little of the WebAssembly API used here. The main process compiles against Node's types without the DOM
 * library, which is where TypeScript declares WebAssembly, though Node and Electron both provide it.
 */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum: number; shared: true }) => { buffer: SharedArrayBuffer };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let compiled: object | undefined;

/** A span of the arena's memory. */
export interface Region {
  offset: number;
  length: number;
}

export interface InputSlot {
  offset: number;
  bytes: Uint8Array;
  /** Settles when nothing reads the slot any more (the hashing of what was last read into it). */
  busy: Promise<unknown>;
}

export interface CryptArena {
  bytes: Uint8Array;
  inputs: InputSlot[];
  /** The area the output side divides up as it needs. */
  output: Region;
  view(region: Region): Uint8Array;
  /** bytes[output..+length) = bytes[input..+length) XOR the keystream at bytes[keystream..+length). */
  xor(options: { outputOffset: number; inputOffset: number; keystreamOffset: number; length: number }): void;
  /** Where a keystream piece is put for `xor`: PIECE_BYTES and a block more. */
  scratchOffset: number;
  /** Writes `blocks` WinZip counter blocks numbered from `first` and returns a view of them. */
  counters(first: number, blocks: number): Uint8Array;
  /** The input slot index the next run of `count` chunks starts at; the ring turns on across entries. */
  take(count: number): number;
  /** Resolves once every input slot is free; rejects with the first failure of what used them. */
  idle(): Promise<void>;
  /** Waits for everything still using the input slots, failed or not: before files are closed after an error. */
  settle(): Promise<void>;
  /**
   * Once the caller is done with every view of it (output regions included): settles, wipes the memory (it held
   * evidence and keystream) and keeps it for the next arena of the same size. Safe to call twice.
   */
  release(): Promise<void>;
}

interface Backing {
  bytes: Uint8Array;
  xor: (dst: number, a: number, b: number, length: number) => void;
  counters: (dst: number, blocks: number, low: number, high: number) => void;
}

/**
 * The memory of an arena no longer in use, one per size. WebAssembly memory goes back to the system only when the
 * garbage collector finds it, which a main process with a small heap can put off for a long time: three 1 GB zips in a
 * row left the process at 196, 228 and 264 MB (and 190 MB each time with a collection between them).
 */
const spare = new Map<number, Backing>();

function backingOf(pages: number): Backing {
  const kept = spare.get(pages);
  if (kept) {
    spare.delete(pages);
    return kept;
  }
  compiled ??= new wasm.Module(Buffer.from(WASM_BASE64, 'base64'));
  const memory = new wasm.Memory({ initial: pages, maximum: pages, shared: true });
  const instance = new wasm.Instance(compiled, { env: { memory } });
  return {
    bytes: new Uint8Array(memory.buffer),
    xor: instance.exports.xor as Backing['xor'],
    counters: instance.exports.counters as Backing['counters'],
  };
}

const roundToPages = (bytes: number) => Math.ceil(bytes / PAGE_BYTES) * PAGE_BYTES;

export function createArena(options: { inputSlots: number; outputBytes: number }): CryptArena {
  // Every part starts on a 64 KiB boundary: the output area goes to the disk with O_DIRECT, which needs alignment.
  const outputOffset = options.inputSlots * CHUNK_BYTES;
  const scratchOffset = outputOffset + roundToPages(options.outputBytes);
  const countersOffset = scratchOffset + roundToPages(PIECE_BYTES + 16);
  const pages = (countersOffset + roundToPages(PIECE_BYTES + 16)) / PAGE_BYTES;
  const backing = backingOf(pages);
  const { bytes, xor, counters } = backing;
  let released = false;
  const inputs: InputSlot[] = Array.from({ length: options.inputSlots }, (_, index) => ({
    offset: index * CHUNK_BYTES,
    bytes: bytes.subarray(index * CHUNK_BYTES, (index + 1) * CHUNK_BYTES),
    busy: Promise.resolve(),
  }));
  let cursor = 0;
  return {
    bytes,
    inputs,
    output: { offset: outputOffset, length: options.outputBytes },
    view: (region) => bytes.subarray(region.offset, region.offset + region.length),
    xor: ({ outputOffset: output, inputOffset, keystreamOffset, length }) => xor(output, inputOffset, keystreamOffset, length),
    scratchOffset,
    counters: (first, blocks) => {
      if (blocks * 16 > PIECE_BYTES + 16) throw new RangeError('arena.counters: too many blocks');
      // The module reads the two halves back as unsigned, whatever sign the i32 conversion gives them.
      counters(countersOffset, blocks, first % 2 ** 32, Math.floor(first / 2 ** 32));
      return bytes.subarray(countersOffset, countersOffset + blocks * 16);
    },
    take: (count) => {
      const start = cursor;
      cursor = (cursor + count) % inputs.length;
      return start;
    },
    idle: async () => {
      await Promise.all(inputs.map((slot) => slot.busy));
    },
    settle: async () => {
      await Promise.allSettled(inputs.map((slot) => slot.busy));
    },
    release: async () => {
      if (released) return;
      released = true;
      await Promise.allSettled(inputs.map((slot) => slot.busy));
      bytes.fill(0);
      if (!spare.has(pages)) spare.set(pages, backing);
    },
  };
}
