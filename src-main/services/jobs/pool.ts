/**
 * Runs `worker` over `items` with at most `concurrency` at once, in order of start. Stops starting new items once the
 * signal aborts or a worker throws; the first error is rethrown after the running ones settle.
 */
export async function runPool<T>(options: {
  items: readonly T[];
  concurrency: number;
  signal?: AbortSignal;
  worker: (item: T, index: number) => Promise<void>;
}): Promise<void> {
  const { items, signal, worker } = options;
  let next = 0;
  let failure: { error: unknown } | null = null;
  const lane = async () => {
    while (!failure && !signal?.aborted && next < items.length) {
      const index = next;
      next += 1;
      try {
        await worker(items[index]!, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, items.length)) }, () => lane()));
  if (failure) throw (failure as { error: unknown }).error;
}
