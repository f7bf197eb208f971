/**
 * Progress for one phase of writing a bundle: at most about four updates a second (a USB stick writes in bursts, and
 * a bar redrawn per megabyte only flickers), with speed and time left from the last few seconds, not the average
 * since the start: a stick's write cache makes the first seconds far faster than the rest.
 */

export interface WriteBundleProgress {
  phase: 'writing' | 'verifying';
  bytesDone: number;
  bytesTotal: number;
  bytesPerSecond: number | null;
  etaS: number | null;
}

export const PROGRESS_INTERVAL_MS = 250;
/** Seconds of history the speed is taken over. */
const RATE_WINDOW_MS = 5_000;
/** Less than this is too short to call a speed. */
const MIN_RATE_SPAN_MS = 500;

export interface ProgressReporter {
  /** Adds bytes done; reports when enough time has passed since the last report. */
  add(bytes: number): void;
  /** Reports now whatever the time: the start and end of a phase are always shown. */
  flush(): void;
}

export function createProgressReporter(options: {
  phase: WriteBundleProgress['phase'];
  bytesTotal: number;
  onProgress?: (progress: WriteBundleProgress) => void;
  now?: () => number;
}): ProgressReporter {
  const now = options.now ?? (() => performance.now());
  const { onProgress, bytesTotal, phase } = options;
  let bytesDone = 0;
  let lastReport = -Infinity;
  const samples: { at: number; bytes: number }[] = [{ at: now(), bytes: 0 }];

  const report = (at: number) => {
    lastReport = at;
    samples.push({ at, bytes: bytesDone });
    while (samples.length > 2 && at - samples[1]!.at >= RATE_WINDOW_MS) samples.shift();
    const oldest = samples[0]!;
    const span = at - oldest.at;
    const bytesPerSecond = span >= MIN_RATE_SPAN_MS ? ((bytesDone - oldest.bytes) * 1000) / span : null;
    const left = Math.max(0, bytesTotal - bytesDone);
    const etaS = left === 0 ? 0 : bytesPerSecond && bytesPerSecond > 0 ? left / bytesPerSecond : null;
    onProgress?.({ phase, bytesDone, bytesTotal, bytesPerSecond, etaS });
  };

  return {
    add(bytes) {
      bytesDone += bytes;
      if (!onProgress) return;
      const at = now();
      if (at - lastReport >= PROGRESS_INTERVAL_MS) report(at);
    },
    flush() {
      if (onProgress) report(now());
    },
  };
}
