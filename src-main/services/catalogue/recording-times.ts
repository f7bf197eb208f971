import type { TimeSource } from '../../../src-shared/domain/catalogue';
import { localToNaiveMs, naiveMsToLocal, type LocalDateTime } from '../../../src-shared/domain/local-time';
import {
  recorderToTrueMs,
  resolveRecorderLocalTime,
  type LocalTimeAmbiguity,
  type ResolvedRecorderTime,
  type ResolveRecorderLocalTimeOptions,
} from '../../../src-shared/domain/time';

/** What the file name said about time, as stored in the index. */
export interface NameTimes {
  start: LocalDateTime | null;
  end: LocalDateTime | null;
  clock: 'local' | 'utc';
  dstHint: boolean | null;
}

/** What ffprobe said, where the file was opened. */
export interface ProbeTimes {
  durationS: number | null;
  /** The container's creation_time (an instant, normally UTC). */
  creationTime: string | null;
}

export interface RecordingTimes {
  timeSource: TimeSource;
  recorderStartMs: number | null;
  recorderEndMs: number | null;
  trueStartMs: number | null;
  trueEndMs: number | null;
  ambiguity: LocalTimeAmbiguity;
  durationMismatch: boolean;
  /** Plain-language notes for the file's reason. */
  notes: string[];
}

/** A probe duration this far from the name's is worth telling the officer about. */
function durationsDisagree(nameS: number, probeS: number): boolean {
  return Math.abs(nameS - probeS) > Math.max(2, nameS * 0.02);
}

function formatDuration(seconds: number): string {
  const whole = Math.round(seconds);
  const m = Math.floor(whole / 60);
  const s = whole % 60;
  return m > 0 ? `${m} min ${s} s` : `${s} s`;
}

export type LocalTimeResolver = (options: ResolveRecorderLocalTimeOptions) => ResolvedRecorderTime;

const HOUR_MS = 3_600_000;

/**
 * `resolveRecorderLocalTime` for one zone, remembering each local hour's offset: 100,000 names fall in a few thousand
 * hours, and the exact resolver looks the zone up three times per call. An hour is cached only when its first and last
 * second both read unambiguously with the same offset, so no clock change falls inside it (zones never change twice
 * in an hour); the hours around a change (a repeated or skipped stretch, whatever its length) always go to the exact
 * resolver, as do readings on a UTC clock. Answers are identical to the exact resolver's.
 */
export function createHourCachedResolver(timeZone: string, offsets: HourOffsets = createHourOffsets(timeZone)): LocalTimeResolver {
  return (options) => {
    if (options.timeZone !== timeZone || options.clock === 'utc') return resolveRecorderLocalTime(options);
    const naiveMs = localToNaiveMs(options.local);
    const offset = Number.isInteger(naiveMs / 1000) ? offsets.offsetAt(naiveMs) : null;
    if (offset === null) return resolveRecorderLocalTime(options);
    return { recorderInstantMs: naiveMs - offset, ambiguity: 'none', alternativeInstantMs: null };
  };
}

export interface HourOffsets {
  /**
   * The zone's offset for a wall-clock reading (naive ms: the local time as if it were UTC), when its whole local
   * hour reads unambiguously with one offset; null when the exact resolver must be asked.
   */
  offsetAt: (naiveMs: number) => number | null;
}

/** The per-hour offset cache behind `createHourCachedResolver`. */
export function createHourOffsets(timeZone: string): HourOffsets {
  // Naive hour start -> offset in ms, or null when the hour must be resolved exactly.
  const offsets = new Map<number, number | null>();
  return {
    offsetAt: (naiveMs) => {
      const hourStart = naiveMs - (((naiveMs % HOUR_MS) + HOUR_MS) % HOUR_MS);
      let offset = offsets.get(hourStart);
      if (offset === undefined) {
        const first = resolveRecorderLocalTime({ local: naiveMsToLocal(hourStart), timeZone, clock: 'local', dstHint: null });
        const last = resolveRecorderLocalTime({ local: naiveMsToLocal(hourStart + HOUR_MS - 1000), timeZone, clock: 'local', dstHint: null });
        const firstOffset = hourStart - first.recorderInstantMs;
        const lastOffset = hourStart + HOUR_MS - 1000 - last.recorderInstantMs;
        offset = first.ambiguity === 'none' && last.ambiguity === 'none' && firstOffset === lastOffset ? firstOffset : null;
        offsets.set(hourStart, offset);
      }
      return offset;
    },
  };
}

/**
 * Works out recorder and true times for one recording. The name wins where it has times (the recorder wrote it from
 * its own clock); then the container's creation time; then the file's modification time, which marks when writing ended.
 */
export function computeRecordingTimes(options: {
  name: NameTimes;
  probe: ProbeTimes | null;
  /** Null until the file has been checked (stat'ed). */
  mtimeMs: number | null;
  timeZone: string;
  clockOffsetS: number;
  /** Defaults to the exact resolver; the index passes one cached per hour. */
  resolve?: LocalTimeResolver;
}): RecordingTimes {
  const { name, probe, mtimeMs, timeZone, clockOffsetS } = options;
  const resolve = options.resolve ?? resolveRecorderLocalTime;
  const notes: string[] = [];
  const durationS = probe?.durationS ?? null;
  let timeSource: TimeSource;
  let startMs: number | null;
  let endMs: number | null = null;
  let ambiguity: LocalTimeAmbiguity = 'none';
  let durationMismatch = false;

  if (name.start) {
    timeSource = 'name';
    const start = resolve({ local: name.start, timeZone, clock: name.clock, dstHint: name.dstHint });
    startMs = start.recorderInstantMs;
    ambiguity = start.ambiguity;
    if (name.end) {
      const end = resolve({ local: name.end, timeZone, clock: name.clock, dstHint: name.dstHint });
      endMs = end.recorderInstantMs;
      if (endMs < startMs && end.alternativeInstantMs !== null && end.alternativeInstantMs >= startMs) endMs = end.alternativeInstantMs;
      // Neither reading of the end fits (a clock change inside the file): trust the wall-clock length instead.
      if (endMs < startMs) endMs = startMs + (localToNaiveMs(name.end) - localToNaiveMs(name.start));
      if (durationS !== null && durationsDisagree((endMs - startMs) / 1000, durationS)) {
        durationMismatch = true;
        notes.push(
          `The file is ${formatDuration(durationS)} long but its name says ${formatDuration((endMs - startMs) / 1000)}; the times in the name are used.`,
        );
      }
    } else if (durationS !== null) {
      endMs = startMs + durationS * 1000;
    }
    if (ambiguity === 'repeated') notes.push('Recorded in the hour the clocks went back; the first of the two readings is assumed.');
    if (ambiguity === 'skipped') notes.push('The name gives a time that does not exist (the hour the clocks went forward); read as before the change.');
  } else if (probe?.creationTime && Number.isFinite(Date.parse(probe.creationTime))) {
    timeSource = 'container';
    startMs = Date.parse(probe.creationTime);
    endMs = durationS !== null ? startMs + durationS * 1000 : null;
  } else if (mtimeMs === null) {
    // Not checked yet: the file's time is read in the background, after the scan.
    timeSource = 'mtime';
    startMs = null;
  } else {
    timeSource = 'mtime';
    endMs = mtimeMs;
    startMs = durationS !== null ? mtimeMs - durationS * 1000 : mtimeMs;
    notes.push('No time in the name or the file itself; the time the file was last changed is used, which may be wrong.');
  }

  // Probe durations and file times carry fractions of a millisecond; instants are whole milliseconds.
  if (startMs !== null) startMs = Math.round(startMs);
  if (endMs !== null) endMs = Math.round(endMs);
  return {
    timeSource,
    recorderStartMs: startMs,
    recorderEndMs: endMs,
    trueStartMs: startMs === null ? null : recorderToTrueMs({ recorderInstantMs: startMs, clockOffsetS }),
    trueEndMs: endMs === null ? null : recorderToTrueMs({ recorderInstantMs: endMs, clockOffsetS }),
    ambiguity,
    durationMismatch,
    notes,
  };
}
