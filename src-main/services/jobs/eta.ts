/**
 * Estimates seconds left from the progress ratio over time. It waits for a little progress and a little time before
 * answering, because an early guess from a fast start ("2 s left") misleads more than no guess at all.
 */
export function createEtaEstimator(options: { now: () => number; minRatio?: number; minElapsedMs?: number }): {
  update(ratio: number): number | null;
} {
  const minRatio = options.minRatio ?? 0.02;
  const minElapsedMs = options.minElapsedMs ?? 1000;
  const startedAt = options.now();
  let smoothed: number | null = null;
  return {
    update(ratio) {
      const elapsedMs = options.now() - startedAt;
      if (ratio >= 1) return 0;
      if (ratio < minRatio || elapsedMs < minElapsedMs) return null;
      const raw = ((elapsedMs / ratio) * (1 - ratio)) / 1000;
      // Exponential smoothing keeps the number from jumping about with each burst of progress.
      smoothed = smoothed === null ? raw : smoothed * 0.7 + raw * 0.3;
      return Math.round(smoothed);
    },
  };
}
