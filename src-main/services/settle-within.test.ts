import { describe, expect, it } from 'vitest';
import { settleWithin } from './settle-within';

describe('settleWithin', () => {
  it('gives the work’s result when it comes in time', async () => {
    await expect(settleWithin({ work: Promise.resolve(7), ms: 1_000, fallback: 0 })).resolves.toBe(7);
  });

  it('gives the fallback when the work hangs past the deadline', async () => {
    const started = Date.now();
    await expect(settleWithin({ work: new Promise<number>(() => undefined), ms: 30, fallback: -1 })).resolves.toBe(-1);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('passes on a failure that comes before the deadline', async () => {
    await expect(settleWithin({ work: Promise.reject(new Error('EIO')), ms: 1_000, fallback: 0 })).rejects.toThrow('EIO');
  });
});
