import { createHash, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { HASH_THREAD_NICENESS, inlineHash, workerHash, type StreamHash } from './stream-hash';

/** Field 19 of a task's stat file: its niceness. */
const niceness = (statFile: string) => {
  const stat = fs.readFileSync(statFile, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
};
const threadNiceness = () => fs.readdirSync('/proc/self/task').map((tid) => niceness(`/proc/self/task/${tid}/stat`));

describe('stream hashes', () => {
  const open: StreamHash[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((hash) => hash.close()));
  });

  it.each([
    ['on this thread', inlineHash],
    ['on a worker thread', workerHash],
  ])('%s: SHA-256 and HMAC-SHA1 over ordinary and shared memory equal Node’s, one after another', async (_label, make) => {
    const hash = make();
    open.push(hash);
    const shared = new Uint8Array(new SharedArrayBuffer(1024 * 1024));
    shared.set(randomBytes(shared.length));
    const plain = randomBytes(300_000);
    const key = randomBytes(32);

    hash.start({ algorithm: 'sha256' });
    void hash.update(shared.subarray(10, 700_000));
    await hash.update(plain);
    expect((await hash.digest()).toString('hex')).toBe(createHash('sha256').update(shared.subarray(10, 700_000)).update(plain).digest('hex'));

    hash.start({ algorithm: 'sha1', key });
    await hash.update(shared.subarray(700_000));
    expect((await hash.digest()).toString('hex')).toBe(createHmac('sha1', key).update(shared.subarray(700_000)).digest('hex'));
  });

  it.runIf(process.platform === 'linux')('runs its worker at a lower priority than the rest of the app, and leaves this thread as it was', async () => {
    expect(HASH_THREAD_NICENESS).toBeGreaterThan(0);
    const before = threadNiceness();
    const mine = niceness('/proc/thread-self/stat');
    const hash = workerHash();
    open.push(hash);
    hash.start({ algorithm: 'sha256' });
    await hash.update(new Uint8Array(16));
    const after = threadNiceness();
    expect(after.filter((niceness) => niceness === HASH_THREAD_NICENESS).length).toBe(before.filter((niceness) => niceness === HASH_THREAD_NICENESS).length + 1);
    expect(niceness('/proc/thread-self/stat')).toBe(mine);
  });
});
