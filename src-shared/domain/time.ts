import { formatLocalDateTime, isValidLocalDateTime, localToNaiveMs, naiveMsToLocal, type LocalDateTime } from './local-time';

/**
 * Recorder time and true time.
 *
 * A recorder stamps footage with its own wall clock, in its own zone, with no offset written down. To put footage on a
 * common timeline we first find the instant the recorder meant (`resolveRecorderLocalTime`), then correct for the
 * recorder's clock being fast or slow (`recorderToTrueMs`). A clock offset is always *recorder clock minus true time*,
 * in seconds: +192 means the recorder runs 3 min 12 s fast.
 */

/** How a wall-clock reading relates to the zone's rules on that day. */
export type LocalTimeAmbiguity = 'none' | 'repeated' | 'skipped';

/** Whether the recorder writes its zone's wall clock or UTC (Frigate, for one, writes UTC). */
export type RecorderClock = 'local' | 'utc';

export interface ResolveRecorderLocalTimeOptions {
  local: LocalDateTime;
  timeZone: string;
  clock?: RecorderClock;
  /** A layout's daylight-saving flag, when it has one: true means summer time, false standard time, null unknown. */
  dstHint?: boolean | null;
}

export interface ResolvedRecorderTime {
  recorderInstantMs: number;
  ambiguity: LocalTimeAmbiguity;
  /** For a repeated reading, the occurrence not chosen, so a reviewer can switch to it; otherwise null. */
  alternativeInstantMs: number | null;
}

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** The range a JavaScript Date can hold. */
const MAX_INSTANT_MS = 8.64e15;

/**
 * Hours remembered per zone before the memo is dropped. A scan walks forward through a few weeks of footage, so a few
 * thousand hours is plenty, and the cap stops a long-running app from growing without bound.
 */
const MAX_REMEMBERED_HOURS_PER_ZONE = 50_000;

interface ZoneRules {
  readonly formatter: Intl.DateTimeFormat;
  /**
   * UTC offset in ms for each whole UTC hour (keyed by hours since the epoch) that has a single offset throughout, or
   * NaN for an hour with a transition in it. Asking Intl is slow and a scan asks about the same few hours again and
   * again, so this makes nearly every look-up a Map hit. It relies on no zone changing its offset twice within one
   * hour, which holds for every zone in the tz database.
   */
  readonly offsetMsByHour: Map<number, number>;
}

/** Creating an Intl.DateTimeFormat costs far more than using one, so each zone gets one for the life of the app. */
const zoneRulesByName = new Map<string, ZoneRules>();

function zoneRulesFor(timeZone: string): ZoneRules | null {
  const known = zoneRulesByName.get(timeZone);
  if (known) return known;
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      // h23 rather than hour12: false, which some engines render as "24" at midnight.
      hourCycle: 'h23',
      numberingSystem: 'latn',
      era: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  } catch {
    // Invalid zones are not remembered: they come from typing or bad data, and remembering them would let junk pile up.
    return null;
  }
  const rules: ZoneRules = { formatter, offsetMsByHour: new Map() };
  zoneRulesByName.set(timeZone, rules);
  return rules;
}

function requireZoneRules(timeZone: string): ZoneRules {
  const rules = typeof timeZone === 'string' ? zoneRulesFor(timeZone) : null;
  if (!rules) throw new RangeError(`"${String(timeZone)}" is not a time zone this computer knows (expected a name such as Europe/London).`);
  return rules;
}

function requireInstant(instantMs: number, name: string): void {
  if (!Number.isSafeInteger(instantMs) || Math.abs(instantMs) > MAX_INSTANT_MS) {
    throw new RangeError(`${name} must be a whole number of milliseconds within the range of a date; got ${String(instantMs)}.`);
  }
}

function requireFiniteSeconds(seconds: number, name: string): void {
  if (!Number.isFinite(seconds)) throw new RangeError(`${name} must be a finite number of seconds; got ${String(seconds)}.`);
}

export function isValidTimeZone(zone: string): boolean {
  return typeof zone === 'string' && zoneRulesFor(zone) !== null;
}

/** Days since 1970-01-01 for a proleptic Gregorian date. Date.UTC would read years 0-99 as 1900-1999. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function floorMod(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}

/** The two-digit number at `index`, read without allocating. */
function twoDigitsAt(text: string, index: number): number {
  return (text.charCodeAt(index) - 48) * 10 + (text.charCodeAt(index + 1) - 48);
}

/** A formatted date in the shape of "03/29/2026 AD, 01:30:00", the fast path's only shape. */
function isCommonShape(text: string): boolean {
  return (
    text.length === 23 &&
    text.charCodeAt(2) === 47 && // '/'
    text.charCodeAt(5) === 47 &&
    text.startsWith(' AD, ', 10) &&
    text.charCodeAt(17) === 58 && // ':'
    text.charCodeAt(20) === 58
  );
}

/** Asks Intl directly; the slow path behind offsetMsAt. */
function exactOffsetMs(formatter: Intl.DateTimeFormat, instantMs: number): number {
  // The formatter shows whole seconds, so compare against the instant truncated the same way.
  const wholeSecondMs = instantMs - floorMod(instantMs, SECOND_MS);
  // format() is several times faster than formatToParts() and makes one string rather than a dozen objects; the parts
  // are only needed for years outside 1000-9999, which no recorder writes.
  const text = formatter.format(wholeSecondMs);
  const wallClockMs = isCommonShape(text)
    ? daysFromCivil(twoDigitsAt(text, 6) * 100 + twoDigitsAt(text, 8), twoDigitsAt(text, 0), twoDigitsAt(text, 3)) * DAY_MS +
      (twoDigitsAt(text, 15) % 24) * HOUR_MS +
      twoDigitsAt(text, 18) * MINUTE_MS +
      twoDigitsAt(text, 21) * SECOND_MS
    : wallClockMsFromParts(formatter.formatToParts(wholeSecondMs));
  return wallClockMs - wholeSecondMs;
}

function wallClockMsFromParts(parts: Intl.DateTimeFormatPart[]): number {
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let beforeCommonEra = false;
  for (const part of parts) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value) % 24;
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
      case 'era':
        beforeCommonEra = part.value === 'BC';
        break;
      default:
        break;
    }
  }
  if (beforeCommonEra) year = 1 - year;
  return daysFromCivil(year, month, day) * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS + second * SECOND_MS;
}

function offsetMsAt(rules: ZoneRules, instantMs: number): number {
  const hourIndex = Math.floor(instantMs / HOUR_MS);
  let offsetMs = rules.offsetMsByHour.get(hourIndex);
  if (offsetMs === undefined) {
    const hourStartMs = hourIndex * HOUR_MS;
    const atStart = exactOffsetMs(rules.formatter, hourStartMs);
    const atLastSecond = exactOffsetMs(rules.formatter, hourStartMs + HOUR_MS - SECOND_MS);
    offsetMs = atStart === atLastSecond ? atStart : Number.NaN;
    if (rules.offsetMsByHour.size >= MAX_REMEMBERED_HOURS_PER_ZONE) rules.offsetMsByHour.clear();
    rules.offsetMsByHour.set(hourIndex, offsetMs);
  }
  return Number.isNaN(offsetMs) ? exactOffsetMs(rules.formatter, instantMs) : offsetMs;
}

/**
 * The zone's UTC offset at that instant, in minutes east of UTC (60 for BST, -300 for EST). Fractional only for the
 * local mean times zones kept before standard time, long before any recorder.
 */
export function zoneOffsetMinutesAt({ instantMs, timeZone }: { instantMs: number; timeZone: string }): number {
  const rules = requireZoneRules(timeZone);
  requireInstant(instantMs, 'instantMs');
  return offsetMsAt(rules, instantMs) / MINUTE_MS;
}

/** What a clock in the zone showed at that instant (milliseconds dropped). */
export function wallClockAt({ instantMs, timeZone }: { instantMs: number; timeZone: string }): LocalDateTime {
  const rules = requireZoneRules(timeZone);
  requireInstant(instantMs, 'instantMs');
  return naiveMsToLocal(instantMs + offsetMsAt(rules, instantMs));
}

/**
 * The instant a recorder meant by a wall-clock reading.
 *
 * Repeated readings (the hour clocks go back) default to the earlier occurrence, the summer-time one: a layout's DST
 * flag means summer time, so only an explicit `dstHint: false` picks the later, standard-time one. Skipped readings
 * (the hour clocks go forward) cannot come from a correctly switching clock, and most likely come from a recorder that
 * had not switched yet, so they are read with the offset in force just before the gap.
 */
export function resolveRecorderLocalTime({ local, timeZone, clock = 'local', dstHint = null }: ResolveRecorderLocalTimeOptions): ResolvedRecorderTime {
  const rules = requireZoneRules(timeZone);
  if (!isValidLocalDateTime(local)) throw new RangeError(`${formatLocalDateTime(local)} is not a real date and time.`);
  const naiveMs = localToNaiveMs(local);
  if (clock === 'utc') return { recorderInstantMs: naiveMs, ambiguity: 'none', alternativeInstantMs: null };

  // Offsets a day either side bracket any transition near this reading (zones never change offset twice in two days),
  // so the reading is one of: fits the earlier offset, fits the later one, fits both (repeated), fits neither (skipped).
  const offsetBeforeMs = offsetMsAt(rules, naiveMs - DAY_MS);
  const offsetAfterMs = offsetMsAt(rules, naiveMs + DAY_MS);
  const withOffsetBefore = naiveMs - offsetBeforeMs;
  const fitsOffsetBefore = offsetMsAt(rules, withOffsetBefore) === offsetBeforeMs;
  if (offsetBeforeMs === offsetAfterMs && fitsOffsetBefore) {
    return { recorderInstantMs: withOffsetBefore, ambiguity: 'none', alternativeInstantMs: null };
  }

  const withOffsetAfter = naiveMs - offsetAfterMs;
  const fitsOffsetAfter = offsetMsAt(rules, withOffsetAfter) === offsetAfterMs;
  if (fitsOffsetBefore && fitsOffsetAfter && withOffsetBefore !== withOffsetAfter) {
    const earlier = Math.min(withOffsetBefore, withOffsetAfter);
    const later = Math.max(withOffsetBefore, withOffsetAfter);
    return dstHint === false
      ? { recorderInstantMs: later, ambiguity: 'repeated', alternativeInstantMs: earlier }
      : { recorderInstantMs: earlier, ambiguity: 'repeated', alternativeInstantMs: later };
  }
  if (fitsOffsetBefore) return { recorderInstantMs: withOffsetBefore, ambiguity: 'none', alternativeInstantMs: null };
  if (fitsOffsetAfter) return { recorderInstantMs: withOffsetAfter, ambiguity: 'none', alternativeInstantMs: null };
  return { recorderInstantMs: withOffsetBefore, ambiguity: 'skipped', alternativeInstantMs: null };
}

function clockOffsetMs(clockOffsetS: number): number {
  requireFiniteSeconds(clockOffsetS, 'clockOffsetS');
  return Math.round(clockOffsetS * SECOND_MS);
}

/** The true instant behind a recorder timestamp. */
export function recorderToTrueMs({ recorderInstantMs, clockOffsetS }: { recorderInstantMs: number; clockOffsetS: number }): number {
  requireInstant(recorderInstantMs, 'recorderInstantMs');
  return recorderInstantMs - clockOffsetMs(clockOffsetS);
}

/** What the recorder's clock said at a true instant, e.g. to find the file that covers a reported incident time. */
export function trueToRecorderMs({ trueInstantMs, clockOffsetS }: { trueInstantMs: number; clockOffsetS: number }): number {
  requireInstant(trueInstantMs, 'trueInstantMs');
  return trueInstantMs + clockOffsetMs(clockOffsetS);
}

function padNumber(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** ISO-8601 with the zone's offset, e.g. 2026-07-01T09:00:00+01:00; milliseconds only when there are some. */
export function formatInstantInZone({ instantMs, timeZone }: { instantMs: number; timeZone: string }): string {
  const rules = requireZoneRules(timeZone);
  requireInstant(instantMs, 'instantMs');
  const offsetMs = offsetMsAt(rules, instantMs);
  const wall = naiveMsToLocal(instantMs + offsetMs);
  const milliseconds = floorMod(instantMs, SECOND_MS);

  // Years outside 0000-9999 need ISO-8601's expanded form, as Date.prototype.toISOString writes them.
  const year =
    wall.year >= 0 && wall.year <= 9999 ? padNumber(wall.year, 4) : `${wall.year < 0 ? '-' : '+'}${padNumber(Math.abs(wall.year), 6)}`;
  const date = `${year}-${padNumber(wall.month, 2)}-${padNumber(wall.day, 2)}`;
  const time = `${padNumber(wall.hour, 2)}:${padNumber(wall.minute, 2)}:${padNumber(wall.second, 2)}`;
  const fraction = milliseconds === 0 ? '' : `.${padNumber(milliseconds, 3)}`;

  const offsetSeconds = Math.abs(offsetMs) / SECOND_MS;
  const offsetHours = Math.floor(offsetSeconds / 3600);
  const offsetMinutes = Math.floor((offsetSeconds % 3600) / 60);
  const offsetRemainderSeconds = offsetSeconds % 60;
  // Only historical local mean times have seconds in their offset; ISO-8601 allows them, so keep them rather than lie.
  const offset = `${offsetMs < 0 ? '-' : '+'}${padNumber(offsetHours, 2)}:${padNumber(offsetMinutes, 2)}${
    offsetRemainderSeconds === 0 ? '' : `:${padNumber(offsetRemainderSeconds, 2)}`
  }`;
  return `${date}T${time}${fraction}${offset}`;
}

/**
 * The recorder clock's error in words, e.g. "3 min 12 s fast", or "right". Rounded to whole seconds; units from the
 * largest non-zero one down to the smallest non-zero one, so 3600 reads "1 h" and 3605 reads "1 h 0 min 5 s". Days
 * appear because recorders reset after a power cut can be days or years out.
 */
export function clockErrorWords(options: { clockOffsetS: number }): string {
  const { clockOffsetS } = options;
  requireFiniteSeconds(clockOffsetS, 'clockOffsetS');
  const totalSeconds = Math.round(Math.abs(clockOffsetS));
  if (totalSeconds === 0) return 'right';
  const days = Math.floor(totalSeconds / 86_400);
  const amounts: Array<[number, string]> = [
    [days, days === 1 ? 'day' : 'days'],
    [Math.floor((totalSeconds % 86_400) / 3600), 'h'],
    [Math.floor((totalSeconds % 3600) / 60), 'min'],
    [totalSeconds % 60, 's'],
  ];
  const first = amounts.findIndex(([amount]) => amount !== 0);
  const last = amounts.findLastIndex(([amount]) => amount !== 0);
  const words = amounts
    .slice(first, last + 1)
    .map(([amount, unit]) => `${amount} ${unit}`)
    .join(' ');
  return `${words} ${clockOffsetS > 0 ? 'fast' : 'slow'}`;
}

/** The clock offset in plain words for a shop owner, e.g. "The recorder's clock is 3 min 12 s fast.". */
export function describeClockOffset(clockOffsetS: number): string {
  return `The recorder's clock is ${clockErrorWords({ clockOffsetS })}.`;
}

function possibleInstants(resolved: ResolvedRecorderTime): number[] {
  return resolved.alternativeInstantMs === null ? [resolved.recorderInstantMs] : [resolved.recorderInstantMs, resolved.alternativeInstantMs];
}

/**
 * The clock offset in whole seconds from two readings taken at the same moment in the same zone: what the recorder's
 * clock showed, and what the time really was.
 *
 * When either reading falls in the repeated hour, the pairing giving the smallest offset wins: a recorder a few minutes
 * out is far likelier than one an hour out, and the owner cannot tell us which occurrence they meant.
 */
export function clockOffsetFromReadings({
  recorderShows,
  actualTime,
  timeZone,
}: {
  recorderShows: LocalDateTime;
  actualTime: LocalDateTime;
  timeZone: string;
}): number {
  const shown = resolveRecorderLocalTime({ local: recorderShows, timeZone });
  const actual = resolveRecorderLocalTime({ local: actualTime, timeZone });
  let bestMs = shown.recorderInstantMs - actual.recorderInstantMs;
  for (const shownMs of possibleInstants(shown)) {
    for (const actualMs of possibleInstants(actual)) {
      const differenceMs = shownMs - actualMs;
      if (Math.abs(differenceMs) < Math.abs(bestMs)) bestMs = differenceMs;
    }
  }
  return Math.round(bestMs / SECOND_MS);
}
