/**
 * Streaming hashes (SHA-256 of plaintext and of the zip, HMAC-SHA1 of ciphertext) that can run on their own threads.
 * Node's hashing is synchronous; done on the main thread, three hashes plus the encryption leave the second core idle
 * and the zip is written at a third of disk speed. A worker hashes views of the shared arena in place, so only a tiny
 * message crosses per chunk.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { Worker } from 'node:worker_threads';

export type HashAlgorithm = 'sha256' | 'sha1';

export interface StreamHash {
  /** Begins a new hash (an HMAC when `key` is given); updates before it was digested belong to the previous one. */
  start(options: { algorithm: HashAlgorithm; key?: Uint8Array }): void;
  /** Resolves once the bytes were hashed; until then they must not change. Never needs awaiting for order. */
  update(bytes: Uint8Array): Promise<void>;
  digest(): Promise<Buffer>;
  close(): Promise<void>;
}

/** The same hash on the calling thread: for small jobs, where starting a thread would cost more than it saves. */
export function inlineHash(): StreamHash {
  let hash: Hash | Hmac | undefined;
  const current = () => {
    if (!hash) throw new Error('StreamHash: update before start');
    return hash;
  };
  return {
    start: ({ algorithm, key }) => (hash = key ? createHmac(algorithm, key) : createHash(algorithm)),
    update: (bytes) => {
      current().update(bytes);
      return Promise.resolve();
    },
    digest: () => {
      const value = current().digest();
      hash = undefined;
      return Promise.resolve(value);
    },
    close: () => Promise.resolve(),
  };
}

/*
 * Plain CommonJS run with `eval`, so it works the same under vitest, tsx and the esbuild bundle of the app (a worker
 * file of its own would need a build step of its own). One reply per message, in order.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const crypto = require('node:crypto');
if (workerData.niceness) {
  try {
    require('node:os').setPriority(workerData.niceness);
  } catch (error) {
    // Only a matter of speed.
  }
}
let hash = null;
const shared = [];
parentPort.on('message', (message) => {
  try {
    if (message.op === 'share') {
      shared[message.id] = new Uint8Array(message.buffer);
      parentPort.postMessage({});
    } else if (message.op === 'hash') {
      hash.update(shared[message.id].subarray(message.offset, message.offset + message.length));
      parentPort.postMessage({});
    } else if (message.op === 'start') {
      hash = message.key ? crypto.createHmac(message.algorithm, message.key) : crypto.createHash(message.algorithm);
      parentPort.postMessage({});
    } else if (message.op === 'update') {
      hash.update(message.bytes);
      parentPort.postMessage({});
    } else {
      const digest = hash.digest();
      hash = null;
      parentPort.postMessage({ digest });
    }
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.stack || error) });
  }
});
`;

interface Pending {
  resolve: (digest: Buffer | undefined) => void;
  reject: (error: Error) => void;
}

/**
 * How much lower than the rest of the app a hashing thread runs. The hashes are most of the CPU a zip takes; with
 * three of them on two cores, the threads that read the sources, encrypt and write could wait for a core while the
 * disk stood idle. From a cold cache (scripts/bench/bundle-zip.ts, five runs each, 2026-11-28) the zip took
 * 1.86–2.58 s without this and 1.68–2.00 s with it: the slow runs went, though the medians are within this machine's
 * noise. The hashes lose nothing: they get every cycle the others leave. Linux only, where a niceness belongs to one
 * thread; on macOS and Windows the call would lower the whole app.
 */
export const HASH_THREAD_NICENESS = process.platform === 'linux' ? 10 : 0;

export function workerHash(): StreamHash {
  // execArgv: [] keeps tsx's loader (when running from source) out of the worker; it needs only node: modules.
  const worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { niceness: HASH_THREAD_NICENESS } });
  const pending: Pending[] = [];
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure ??= error;
    for (const waiting of pending.splice(0)) waiting.reject(failure);
  };
  worker.on('message', (reply: { digest?: Uint8Array; error?: string }) => {
    const waiting = pending.shift();
    if (reply.error === undefined) return waiting?.resolve(reply.digest ? Buffer.from(reply.digest) : undefined);
    const error = new Error(`hash worker: ${reply.error}`);
    waiting?.reject(error);
    failAll(error);
  });
  worker.on('error', failAll);
  worker.on('exit', () => failAll(new Error('hash worker stopped')));
  // Shared memory crosses once; after that a chunk is just its offset and length. Passing the view itself each time
  // cost the main thread twice as much per chunk, and it is the busiest thread of the write.
  const sharedIds = new Map<SharedArrayBuffer, number>();
  const send = (message: object): Promise<Buffer | undefined> => {
    if (failure) return Promise.reject(failure);
    return new Promise((resolve, reject) => {
      pending.push({ resolve, reject });
      worker.postMessage(message);
    });
  };
  return {
    start: ({ algorithm, key }) => {
      // Its reply carries nothing; a failure shows on the next update or digest.
      send({ op: 'start', algorithm, key: key ? new Uint8Array(key) : undefined }).catch(() => undefined);
    },
    update: async (bytes) => {
      const { buffer } = bytes;
      // Ordinary memory is copied (just the view: cloning it would copy all of its backing buffer).
      if (!(buffer instanceof SharedArrayBuffer)) return void (await send({ op: 'update', bytes: bytes.slice() }));
      let id = sharedIds.get(buffer);
      if (id === undefined) {
        id = sharedIds.size;
        sharedIds.set(buffer, id);
        void send({ op: 'share', id, buffer }).catch(() => undefined);
      }
      await send({ op: 'hash', id, offset: bytes.byteOffset, length: bytes.length });
    },
    digest: async () => {
      const digest = await send({ op: 'digest' });
      if (!digest) throw new Error('hash worker: no digest');
      return digest;
    },
    close: async () => {
      failure ??= new Error('hash worker closed');
      await worker.terminate();
    },
  };
}
