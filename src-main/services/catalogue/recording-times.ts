import type { TimeSource } from '../../../src-shared/domain/catalogue';
import { localToNaiveMs, type LocalDateTime } from '../../../src-shared/domain/local-time';
import { recorderToTrueMs, resolveRecorderLocalTime, type LocalTimeAmbiguity } from '../../../src-shared/domain/time';

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

/**
 * Works out recorder and true times for one recording. The name wins where it has times (the recorder wrote it from
 * its own clock); then the container's creation time; then the file's modification time, which marks when writing ended.
 */
export function computeRecordingTimes(options: {
  name: NameTimes;
  probe: ProbeTimes | null;
  mtimeMs: number;
  timeZone: string;
  clockOffsetS: number;
}): RecordingTimes {
  const { name, probe, mtimeMs, timeZone, clockOffsetS } = options;
  const notes: string[] = [];
  const durationS = probe?.durationS ?? null;
  let timeSource: TimeSource;
  let startMs: number;
  let endMs: number | null = null;
  let ambiguity: LocalTimeAmbiguity = 'none';
  let durationMismatch = false;

  if (name.start) {
    timeSource = 'name';
    const start = resolveRecorderLocalTime({ local: name.start, timeZone, clock: name.clock, dstHint: name.dstHint });
    startMs = start.recorderInstantMs;
    ambiguity = start.ambiguity;
    if (name.end) {
      const end = resolveRecorderLocalTime({ local: name.end, timeZone, clock: name.clock, dstHint: name.dstHint });
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
