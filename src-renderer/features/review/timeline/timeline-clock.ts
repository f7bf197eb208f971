/**
 * The timeline's times in words: the playhead on both clocks, and a "Jump to" reading turned into an instant in the
 * recorder's zone, with the daylight-saving hour handled and explained rather than silently guessed.
 */
import { formatLocalDateTime, parseLocalDateTimeText } from '../../../../src-shared/domain/local-time';
import { clockErrorWords, resolveRecorderLocalTime, wallClockAt, type LocalTimeAmbiguity } from '../../../../src-shared/domain/time';
import { formatInZone, partsInZone } from '../../footage/footage-format';

export interface JumpTarget {
  instantMs: number;
  ambiguity: LocalTimeAmbiguity;
  /** For a reading in the hour the clocks went back, the later of the two instants; otherwise null. */
  alternativeInstantMs: number | null;
}

/**
 * A `datetime-local` value ("2026-03-14T14:02" or "2026-03-14T14:02:31", fractions ignored) read as a wall clock in
 * `timeZone`. Null when it is not a real date and time. A reading the clocks skipped is taken as the same distance past
 * the jump (01:30 on the morning clocks went forward at 01:00 is 02:30); a repeated one means its first occurrence.
 */
export function instantFromLocalInput(options: { value: string; timeZone: string }): JumpTarget | null {
  const match = /^\s*(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?\s*$/.exec(options.value);
  if (!match) return null;
  const local = parseLocalDateTimeText(`${match[1]}T${match[2]}`);
  if (!local) return null;
  const resolved = resolveRecorderLocalTime({ local, timeZone: options.timeZone });
  return { instantMs: resolved.recorderInstantMs, ambiguity: resolved.ambiguity, alternativeInstantMs: resolved.alternativeInstantMs };
}

/** What a clock in the zone shows at that instant, as a `datetime-local` value with seconds. */
export function localInputValue(options: { instantMs: number; timeZone: string }): string {
  return formatLocalDateTime(wallClockAt({ instantMs: Math.floor(options.instantMs / 1000) * 1000, timeZone: options.timeZone }));
}

/** Why the playhead is not at exactly what was typed, or null when it is. */
export function jumpNote(options: { target: JumpTarget; timeZone: string }): string | null {
  const { target, timeZone } = options;
  const shown = partsInZone(target.instantMs, timeZone);
  if (target.ambiguity === 'skipped') {
    return `That time did not happen on ${shown.date}: the clocks went forward. Showing ${shown.time} instead.`;
  }
  if (target.ambiguity === 'repeated') {
    return `That time happened twice on ${shown.date}, because the clocks went back. Showing the first time.`;
  }
  return null;
}

export interface PlayheadTexts {
  trueTime: string;
  recorderTime: string;
}

/**
 * The playhead on both clocks: "True time 14 Mar 2026 14:02:00" and "Recorder time 14 Mar 2026 14:05:10 (recorder is
 * 3 min 10 s fast)". The recorder time is what the footage's own on-screen clock shows, which is what the police
 * will compare against.
 */
export function playheadTexts(options: { playheadMs: number | null; clockOffsetS: number | null; timeZone: string }): PlayheadTexts {
  const { playheadMs, clockOffsetS, timeZone } = options;
  if (playheadMs === null || !Number.isFinite(playheadMs)) return { trueTime: 'True time: not set', recorderTime: 'Recorder time: not set' };
  const trueTime = `True time ${formatInZone(playheadMs, timeZone)}`;
  if (clockOffsetS === null) return { trueTime, recorderTime: "Recorder time: not known until the recorder's clock is checked" };
  const recorderMs = playheadMs + Math.round(clockOffsetS * 1000);
  const error = clockErrorWords({ clockOffsetS });
  const note = error === 'right' ? "(the recorder's clock is right)" : `(recorder is ${error})`;
  return { trueTime, recorderTime: `Recorder time ${formatInZone(recorderMs, timeZone)} ${note}` };
}
