/**
 * One progress bar over the whole export. Every piece of work is weighed by the seconds the estimate gives it, so
 * the bar (and the time left worked out from it) moves evenly: a gigabyte of masters counts for more than a still,
 * a re-encode for more than a remux of the same clip.
 */
import type { JobContext } from '../jobs/job-manager';

export interface ProgressPart {
  /** 0..1 through this part; values below the last one are ignored. */
  set: (fraction: number) => void;
  done: () => void;
}

export function createWeightedProgress(options: { ctx: Pick<JobContext, 'progress'> }) {
  let total = 0;
  let completed = 0;
  let phase = 'Starting';
  const report = () => options.ctx.progress({ phase, ratio: total > 0 ? completed / total : 0 });
  return {
    /** Registers a part before the work starts; the bar's length is fixed by then. Zero weights still count a little. */
    part(weight: number): ProgressPart {
      const share = Math.max(weight, 1e-3);
      total += share;
      let fraction = 0;
      const set = (next: number) => {
        const clamped = Math.min(1, Math.max(fraction, Number.isFinite(next) ? next : 0));
        if (clamped === fraction) return;
        completed += (clamped - fraction) * share;
        fraction = clamped;
        report();
      };
      return { set, done: () => set(1) };
    },
    /** Plain words for what is happening, shown above the bar. */
    phase(text: string): void {
      phase = text;
      report();
    },
  };
}

export type WeightedProgress = ReturnType<typeof createWeightedProgress>;
