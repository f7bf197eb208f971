import { describe, expect, it } from 'vitest';
import { createLru } from './lru';

describe('createLru', () => {
  it('forgets the least recently used entry past the cap, counting reads as uses', () => {
    const evicted: string[] = [];
    const lru = createLru<string, number>({ max: 2, onEvict: (key) => evicted.push(key) });
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1);
    lru.set('c', 3);
    expect(evicted).toEqual(['b']);
    expect(lru.peek('b')).toBeUndefined();
    expect(lru.size).toBe(2);
    expect(lru.peek('a')).toBe(1);
    // peek did not count: 'a' is now the oldest.
    lru.set('d', 4);
    expect(evicted).toEqual(['b', 'a']);
  });

  it('refuses a cap below one', () => {
    expect(() => createLru({ max: 0 })).toThrow(RangeError);
  });
});
