/**
 * `work`'s result, or `fallback` once `ms` have passed, whichever comes first: for calls that can hang on a dying
 * drive (statfs, removing a half-written folder), where waiting for ever is worse than not knowing. The timer does
 * not keep the process alive, and a rejection of `work` before the deadline passes through.
 */
export async function settleWithin<T>(options: { work: Promise<T>; ms: number; fallback: T }): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(options.fallback), options.ms);
    timer.unref();
  });
  try {
    return await Promise.race([options.work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
