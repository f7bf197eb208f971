/**
 * A Map that forgets its least recently used entries past `max`. Map keeps insertion order, so moving an entry to the
 * end on every use leaves the least recently used first.
 */
export function createLru<K, V>(options: { max: number; onEvict?: (key: K, value: V) => void }) {
  if (!Number.isInteger(options.max) || options.max < 1) throw new RangeError(`lru: max must be a whole number of at least 1; got ${options.max}`);
  const map = new Map<K, V>();
  return {
    get(key: K): V | undefined {
      const value = map.get(key);
      if (value === undefined) return undefined;
      map.delete(key);
      map.set(key, value);
      return value;
    },
    /** Reads without counting as a use. */
    peek: (key: K): V | undefined => map.get(key),
    set(key: K, value: V): void {
      map.delete(key);
      map.set(key, value);
      while (map.size > options.max) {
        const [oldestKey, oldestValue] = map.entries().next().value as [K, V];
        map.delete(oldestKey);
        options.onEvict?.(oldestKey, oldestValue);
      }
    },
    delete: (key: K): boolean => map.delete(key),
    get size() {
      return map.size;
    },
  };
}

export type Lru<K, V> = ReturnType<typeof createLru<K, V>>;
