/**
 * The moments a thumbnail strip shows: the middles of `count` equal slices of [fromMs, toMs], so each picture stands
 * for its slice of the timeline, whole milliseconds.
 */
export function stripInstants(options: { fromMs: number; toMs: number; count: number }): number[] {
  const { fromMs, toMs, count } = options;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`strip: count must be a whole number of at least 1; got ${count}`);
  if (!(toMs >= fromMs)) throw new RangeError('strip: the end must not be before the start');
  const step = (toMs - fromMs) / count;
  return Array.from({ length: count }, (_, i) => Math.round(fromMs + step * (i + 0.5)));
}

/**
 * How finely a thumbnail's moment is rounded before it is made: to the second when pictures are seconds apart, so a
 * strip moved by a few hundred milliseconds reuses the pictures it already has; to a tenth when zoomed in closer.
 */
export function thumbnailQuantumMs(options: { fromMs: number; toMs: number; count: number }): number {
  const spacingMs = (options.toMs - options.fromMs) / options.count;
  return spacingMs >= 4000 ? 1000 : 100;
}

export function roundTo(valueMs: number, quantumMs: number): number {
  return Math.round(valueMs / quantumMs) * quantumMs;
}
