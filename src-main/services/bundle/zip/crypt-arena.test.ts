import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES, createArena } from './crypt-arena';

describe('crypt arena memory', () => {
  it('is wiped when released and reused by the next arena of the same size, not by one of another size', async () => {
    const first = createArena({ inputSlots: 1, outputBytes: CHUNK_BYTES });
    first.bytes.fill(0xab, 0, 1024);
    first.inputs[0]!.busy = new Promise((resolve) => setTimeout(resolve, 20));
    await first.release();
    await first.release();
    expect(first.bytes.subarray(0, 1024).every((byte) => byte === 0)).toBe(true);

    const other = createArena({ inputSlots: 2, outputBytes: CHUNK_BYTES });
    expect(other.bytes.buffer).not.toBe(first.bytes.buffer);
    const second = createArena({ inputSlots: 1, outputBytes: CHUNK_BYTES });
    expect(second.bytes.buffer).toBe(first.bytes.buffer);
    // Still in use, so a third of that size gets memory of its own.
    const third = createArena({ inputSlots: 1, outputBytes: CHUNK_BYTES });
    expect(third.bytes.buffer).not.toBe(second.bytes.buffer);
    await Promise.all([other.release(), second.release(), third.release()]);
  });

  it('waits for what still reads its input slots before it is wiped', async () => {
    const arena = createArena({ inputSlots: 1, outputBytes: CHUNK_BYTES });
    arena.bytes[0] = 7;
    let seen = -1;
    arena.inputs[0]!.busy = new Promise((resolve) => setTimeout(() => resolve((seen = arena.bytes[0]!)), 20));
    await arena.release();
    expect(seen).toBe(7);
    expect(arena.bytes[0]).toBe(0);
  });
});
