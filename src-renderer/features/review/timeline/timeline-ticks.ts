/**
 * The ruler's ticks: on whole seconds, minutes, hours or days of the recorder's wall clock (not of UTC), so "14:00"
 * sits where a clock in the shop read 14:00, on daylight-saving days too.
 */
import { naiveMsToLocal } from '../../../../src-shared/domain/local-time';
import { resolveRecorderLocalTime, zoneOffsetMinutesAt } from '../../../../src-shared/domain/time';
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS, viewRange, type TimelineView } from './timeline-view';

/** Steps a tick may take. Every step divides the next bigger one that it is paired with as a minor tick. */
export const TICK_STEPS_MS = [
  SECOND_MS,
  5 * SECOND_MS,
  10 * SECOND_MS,
  30 * SECOND_MS,
  MINUTE_MS,
  5 * MINUTE_MS,
  10 * MINUTE_MS,
  30 * MINUTE_MS,
  HOUR_MS,
  3 * HOUR_MS,
  6 * HOUR_MS,
  12 * HOUR_MS,
  DAY_MS,
  // Only reached on a narrow timeline at week zoom, where a day is under 80 px.
  2 * DAY_MS,
  7 * DAY_MS,
] as const;

/** Labels such as "14:02:30" need about this much room not to run into each other. */
export const MIN_LABEL_GAP_PX = 80;
const MIN_MINOR_GAP_PX = 10;
/** A guard against a bad view asking for millions of ticks. */
const MAX_TICKS = 2000;
/** Multi-day ticks start on Mondays: 1970-01-05, as wall-clock ms, was one. */
const MONDAY_NAIVE_MS = 4 * DAY_MS;

export interface Tick {
  atMs: number;
  /** The first instant of a day on the wall clock: usually midnight, 01:00 where midnight was skipped. */
  dayStart: boolean;
  label: string;
}

export function pickTickStep(options: { msPerPx: number; minGapPx?: number }): number {
  const minGapPx = options.minGapPx ?? MIN_LABEL_GAP_PX;
  return TICK_STEPS_MS.find((step) => step / options.msPerPx >= minGapPx) ?? 7 * DAY_MS;
}

/** Unlabelled ticks between the labelled ones: the finest step that divides the labelled one and is not crowded. */
export function minorStepFor(options: { stepMs: number; msPerPx: number }): number | null {
  const { stepMs, msPerPx } = options;
  return TICK_STEPS_MS.find((step) => step < stepMs && stepMs % step === 0 && step / msPerPx >= MIN_MINOR_GAP_PX) ?? null;
}

function offsetMs(atMs: number, timeZone: string): number {
  return zoneOffsetMinutesAt({ instantMs: atMs, timeZone }) * MINUTE_MS;
}

/**
 * Instants in [fromMs, toMs] where the zone's wall clock reads a whole multiple of `stepMs`. Walks the wall clock and
 * asks which instants each reading names: none is lost in the hour the clocks go back (both 01:00s get a tick) and a
 * reading skipped when they go forward lands just after the jump, where the next reading's tick already is.
 */
export function tickInstants(options: { fromMs: number; toMs: number; stepMs: number; timeZone: string }): number[] {
  const { stepMs, timeZone } = options;
  const fromMs = Math.floor(options.fromMs);
  const toMs = Math.ceil(options.toMs);
  const anchor = stepMs >= DAY_MS ? MONDAY_NAIVE_MS : 0;
  const firstLocal = fromMs + offsetMs(fromMs, timeZone);
  const lastLocal = toMs + offsetMs(toMs, timeZone) + stepMs;
  // One step early: the offset at the start may differ from the one a step before it.
  let local = Math.floor((firstLocal - anchor) / stepMs) * stepMs + anchor - stepMs;
  const found: number[] = [];
  for (let guard = 0; local <= lastLocal && guard < MAX_TICKS; local += stepMs, guard += 1) {
    const resolved = resolveRecorderLocalTime({ local: naiveMsToLocal(local), timeZone });
    for (const atMs of [resolved.recorderInstantMs, resolved.alternativeInstantMs]) {
      if (atMs !== null && atMs >= fromMs && atMs <= toMs) found.push(atMs);
    }
  }
  found.sort((a, b) => a - b);
  return found.filter((atMs, index) => index === 0 || atMs !== found[index - 1]);
}

function localDayIndex(atMs: number, timeZone: string): number {
  return Math.floor((atMs + offsetMs(atMs, timeZone)) / DAY_MS);
}

interface ZoneLabels {
  seconds: Intl.DateTimeFormat;
  minutes: Intl.DateTimeFormat;
  day: Intl.DateTimeFormat;
  /** Labels by kind and instant: panning asks for the same few dozen again and again, and Intl is slow to format. */
  cache: Map<string, string>;
}

const labelsByZone = new Map<string, ZoneLabels>();
const MAX_CACHED_LABELS = 4000;

function zoneLabels(timeZone: string): ZoneLabels {
  let labels = labelsByZone.get(timeZone);
  if (!labels) {
    const time = { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
    labels = {
      seconds: new Intl.DateTimeFormat('en-GB', { ...time, second: '2-digit' }),
      minutes: new Intl.DateTimeFormat('en-GB', time),
      day: new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short' }),
      cache: new Map(),
    };
    labelsByZone.set(timeZone, labels);
  }
  return labels;
}

/** "Sat 14 Mar" at the start of a day, otherwise "14:02" or, below a minute, "14:02:30". */
export function tickLabel(options: { atMs: number; dayStart: boolean; stepMs: number; timeZone: string }): string {
  const { atMs, dayStart, stepMs, timeZone } = options;
  const labels = zoneLabels(timeZone);
  const kind = dayStart ? 'd' : stepMs < MINUTE_MS ? 's' : 'm';
  const key = `${kind}${atMs}`;
  let label = labels.cache.get(key);
  if (label === undefined) {
    const formatter = kind === 'd' ? labels.day : kind === 's' ? labels.seconds : labels.minutes;
    label = formatter.format(atMs);
    if (labels.cache.size >= MAX_CACHED_LABELS) labels.cache.clear();
    labels.cache.set(key, label);
  }
  return label;
}

/** Labelled ticks across the view, a little beyond both edges so a label half off the left edge still shows. */
export function rulerTicks(options: { view: TimelineView; timeZone: string; stepMs?: number; marginPx?: number }): Tick[] {
  const { view, timeZone } = options;
  const stepMs = options.stepMs ?? pickTickStep({ msPerPx: view.msPerPx });
  const marginMs = (options.marginPx ?? MIN_LABEL_GAP_PX) * view.msPerPx;
  const range = viewRange({ view });
  return tickInstants({ fromMs: range.startMs - marginMs, toMs: range.endMs + marginMs, stepMs, timeZone }).map((atMs) => {
    const dayStart = localDayIndex(atMs, timeZone) !== localDayIndex(atMs - 1, timeZone);
    return { atMs, dayStart, label: tickLabel({ atMs, dayStart, stepMs, timeZone }) };
  });
}
