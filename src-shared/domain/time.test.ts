import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/helpers/seeded-random';
import { formatLocalDateTime, naiveMsToLocal, type LocalDateTime } from './local-time';
import {
  clockOffsetFromReadings,
  describeClockOffset,
  formatInstantInZone,
  isValidTimeZone,
  recorderToTrueMs,
  resolveRecorderLocalTime,
  trueToRecorderMs,
  wallClockAt,
  zoneOffsetMinutesAt,
} from './time';

/** "2026-03-29T01:30:00" → LocalDateTime, so cases read like the file names they come from. */
function local(text: string): LocalDateTime {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!match) throw new Error(`bad test reading ${text}`);
  const [, year, month, day, hour, minute, second] = match.map(Number);
  return { year: year!, month: month!, day: day!, hour: hour!, minute: minute!, second: second! };
}

const utc = (iso: string): number => Date.parse(iso);

function resolveIn(timeZone: string, reading: string, dstHint?: boolean | null) {
  return resolveRecorderLocalTime({ local: local(reading), timeZone, dstHint });
}

describe('isValidTimeZone', () => {
  it('accepts IANA names and rejects anything else without throwing', () => {
    expect(isValidTimeZone('Europe/London')).toBe(true);
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone('+01:00 and then some')).toBe(false);
  });
});

describe('zoneOffsetMinutesAt', () => {
  it('gives GMT and BST either side of the London transitions, to the second', () => {
    const at = (iso: string) => zoneOffsetMinutesAt({ instantMs: utc(iso), timeZone: 'Europe/London' });
    expect(at('2026-03-29T00:59:59.999Z')).toBe(0);
    expect(at('2026-03-29T01:00:00Z')).toBe(60);
    expect(at('2026-10-25T00:59:59Z')).toBe(60);
    expect(at('2026-10-25T01:00:00Z')).toBe(0);
  });

  it('handles zones west of UTC and zones with part-hour offsets', () => {
    expect(zoneOffsetMinutesAt({ instantMs: utc('2026-01-15T12:00:00Z'), timeZone: 'America/New_York' })).toBe(-300);
    expect(zoneOffsetMinutesAt({ instantMs: utc('2026-07-15T12:00:00Z'), timeZone: 'America/New_York' })).toBe(-240);
    expect(zoneOffsetMinutesAt({ instantMs: utc('2026-07-15T12:00:00Z'), timeZone: 'Asia/Kolkata' })).toBe(330);
    expect(zoneOffsetMinutesAt({ instantMs: utc('2026-07-15T12:00:00Z'), timeZone: 'Australia/Adelaide' })).toBe(570);
    expect(zoneOffsetMinutesAt({ instantMs: utc('2026-01-15T12:00:00Z'), timeZone: 'Australia/Adelaide' })).toBe(630);
    expect(zoneOffsetMinutesAt({ instantMs: utc('2026-01-15T12:00:00Z'), timeZone: 'Asia/Kathmandu' })).toBe(345);
  });

  it('refuses an unknown zone or an instant that is not a date', () => {
    expect(() => zoneOffsetMinutesAt({ instantMs: 0, timeZone: 'Nowhere/Special' })).toThrow(RangeError);
    expect(() => zoneOffsetMinutesAt({ instantMs: Number.NaN, timeZone: 'UTC' })).toThrow(RangeError);
  });
});

describe('resolveRecorderLocalTime in Europe/London, 2026', () => {
  it('reads an ordinary winter and summer time with no ambiguity', () => {
    expect(resolveIn('Europe/London', '2026-03-14T14:02:31')).toEqual({
      recorderInstantMs: utc('2026-03-14T14:02:31Z'),
      ambiguity: 'none',
      alternativeInstantMs: null,
    });
    expect(resolveIn('Europe/London', '2026-07-01T09:00:00').recorderInstantMs).toBe(utc('2026-07-01T08:00:00Z'));
  });

  it('spring forward: readings either side of the gap are unambiguous', () => {
    expect(resolveIn('Europe/London', '2026-03-29T00:59:59')).toMatchObject({ recorderInstantMs: utc('2026-03-29T00:59:59Z'), ambiguity: 'none' });
    expect(resolveIn('Europe/London', '2026-03-29T02:00:00')).toMatchObject({ recorderInstantMs: utc('2026-03-29T01:00:00Z'), ambiguity: 'none' });
  });

  it('spring forward: a skipped reading is taken as GMT, the offset before the gap', () => {
    // 01:30 never appears on a London clock that day; a recorder that wrote it had not switched yet.
    expect(resolveIn('Europe/London', '2026-03-29T01:30:00')).toEqual({
      recorderInstantMs: utc('2026-03-29T01:30:00Z'),
      ambiguity: 'skipped',
      alternativeInstantMs: null,
    });
    expect(resolveIn('Europe/London', '2026-03-29T01:00:00')).toMatchObject({ recorderInstantMs: utc('2026-03-29T01:00:00Z'), ambiguity: 'skipped' });
    expect(resolveIn('Europe/London', '2026-03-29T01:59:59')).toMatchObject({ recorderInstantMs: utc('2026-03-29T01:59:59Z'), ambiguity: 'skipped' });
  });

  it('fall back: a repeated reading defaults to the earlier, BST occurrence and offers the GMT one', () => {
    expect(resolveIn('Europe/London', '2026-10-25T01:30:00')).toEqual({
      recorderInstantMs: utc('2026-10-25T00:30:00Z'),
      ambiguity: 'repeated',
      alternativeInstantMs: utc('2026-10-25T01:30:00Z'),
    });
  });

  it('fall back: the DST hint picks the occurrence', () => {
    expect(resolveIn('Europe/London', '2026-10-25T01:30:00', true)).toEqual({
      recorderInstantMs: utc('2026-10-25T00:30:00Z'),
      ambiguity: 'repeated',
      alternativeInstantMs: utc('2026-10-25T01:30:00Z'),
    });
    expect(resolveIn('Europe/London', '2026-10-25T01:30:00', false)).toEqual({
      recorderInstantMs: utc('2026-10-25T01:30:00Z'),
      ambiguity: 'repeated',
      alternativeInstantMs: utc('2026-10-25T00:30:00Z'),
    });
    expect(resolveIn('Europe/London', '2026-10-25T01:30:00', null).recorderInstantMs).toBe(utc('2026-10-25T00:30:00Z'));
  });

  it('fall back: the repeated hour is exactly 01:00:00-01:59:59', () => {
    expect(resolveIn('Europe/London', '2026-10-25T00:59:59')).toMatchObject({ recorderInstantMs: utc('2026-10-24T23:59:59Z'), ambiguity: 'none' });
    expect(resolveIn('Europe/London', '2026-10-25T01:00:00').ambiguity).toBe('repeated');
    expect(resolveIn('Europe/London', '2026-10-25T01:59:59').ambiguity).toBe('repeated');
    expect(resolveIn('Europe/London', '2026-10-25T02:00:00')).toMatchObject({ recorderInstantMs: utc('2026-10-25T02:00:00Z'), ambiguity: 'none' });
  });

  it('ignores the DST hint when the reading is not repeated', () => {
    expect(resolveIn('Europe/London', '2026-01-10T12:00:00', true)).toEqual(resolveIn('Europe/London', '2026-01-10T12:00:00', false));
    expect(resolveIn('Europe/London', '2026-03-29T01:30:00', false).recorderInstantMs).toBe(utc('2026-03-29T01:30:00Z'));
  });
});

describe('resolveRecorderLocalTime in other zones', () => {
  it('America/New_York: 02:30 is skipped on 8 Mar and read as EST', () => {
    expect(resolveIn('America/New_York', '2026-03-08T02:30:00')).toEqual({
      recorderInstantMs: utc('2026-03-08T07:30:00Z'),
      ambiguity: 'skipped',
      alternativeInstantMs: null,
    });
    expect(resolveIn('America/New_York', '2026-03-08T03:00:00')).toMatchObject({ recorderInstantMs: utc('2026-03-08T07:00:00Z'), ambiguity: 'none' });
  });

  it('America/New_York: 01:30 is repeated on 1 Nov (EDT first, EST second)', () => {
    expect(resolveIn('America/New_York', '2026-11-01T01:30:00')).toEqual({
      recorderInstantMs: utc('2026-11-01T05:30:00Z'),
      ambiguity: 'repeated',
      alternativeInstantMs: utc('2026-11-01T06:30:00Z'),
    });
    expect(resolveIn('America/New_York', '2026-11-01T01:30:00', false).recorderInstantMs).toBe(utc('2026-11-01T06:30:00Z'));
  });

  it('Asia/Kolkata: a fixed +05:30 zone never has ambiguous readings', () => {
    expect(resolveIn('Asia/Kolkata', '2026-07-01T09:00:00')).toEqual({
      recorderInstantMs: utc('2026-07-01T03:30:00Z'),
      ambiguity: 'none',
      alternativeInstantMs: null,
    });
    expect(resolveIn('Asia/Kolkata', '2026-01-01T00:00:00').recorderInstantMs).toBe(utc('2025-12-31T18:30:00Z'));
  });

  it('Australia/Adelaide: half-hour base offset, DST ends in April and starts in October', () => {
    expect(resolveIn('Australia/Adelaide', '2026-04-05T02:30:00')).toEqual({
      recorderInstantMs: utc('2026-04-04T16:00:00Z'),
      ambiguity: 'repeated',
      alternativeInstantMs: utc('2026-04-04T17:00:00Z'),
    });
    expect(resolveIn('Australia/Adelaide', '2026-04-05T02:30:00', false).recorderInstantMs).toBe(utc('2026-04-04T17:00:00Z'));
    expect(resolveIn('Australia/Adelaide', '2026-10-04T02:30:00')).toEqual({
      recorderInstantMs: utc('2026-10-03T17:00:00Z'),
      ambiguity: 'skipped',
      alternativeInstantMs: null,
    });
  });

  it('Australia/Lord_Howe: a DST shift of only 30 minutes repeats and skips half an hour', () => {
    expect(resolveIn('Australia/Lord_Howe', '2026-04-05T01:45:00')).toEqual({
      recorderInstantMs: utc('2026-04-04T14:45:00Z'),
      ambiguity: 'repeated',
      alternativeInstantMs: utc('2026-04-04T15:15:00Z'),
    });
    expect(resolveIn('Australia/Lord_Howe', '2026-04-05T01:15:00').ambiguity).toBe('none');
    expect(resolveIn('Australia/Lord_Howe', '2026-10-04T02:15:00')).toMatchObject({ recorderInstantMs: utc('2026-10-03T15:45:00Z'), ambiguity: 'skipped' });
  });

  it("a UTC clock (Frigate) reads the fields as UTC whatever the source's zone", () => {
    for (const timeZone of ['Europe/London', 'America/New_York', 'Asia/Kolkata']) {
      expect(resolveRecorderLocalTime({ local: local('2026-10-25T01:30:00'), timeZone, clock: 'utc' })).toEqual({
        recorderInstantMs: utc('2026-10-25T01:30:00Z'),
        ambiguity: 'none',
        alternativeInstantMs: null,
      });
    }
    expect(resolveRecorderLocalTime({ local: local('2026-03-29T01:30:00'), timeZone: 'Europe/London', clock: 'utc' }).ambiguity).toBe('none');
  });

  it('an explicit local clock behaves like the default', () => {
    expect(resolveRecorderLocalTime({ local: local('2026-07-01T09:00:00'), timeZone: 'Europe/London', clock: 'local' }).recorderInstantMs).toBe(
      utc('2026-07-01T08:00:00Z'),
    );
  });
});

describe('resolveRecorderLocalTime errors', () => {
  it('throws a RangeError naming an unknown zone, even for a UTC clock', () => {
    expect(() => resolveIn('Europe/Londn', '2026-03-14T14:02:31')).toThrow(/Europe\/Londn/);
    expect(() => resolveIn('Europe/Londn', '2026-03-14T14:02:31')).toThrow(RangeError);
    expect(() => resolveRecorderLocalTime({ local: local('2026-03-14T14:02:31'), timeZone: '', clock: 'utc' })).toThrow(RangeError);
  });

  it('throws a RangeError for a reading that is not a real date and time', () => {
    expect(() => resolveIn('Europe/London', '2026-02-30T12:00:00')).toThrow(RangeError);
    expect(() => resolveIn('Europe/London', '2026-02-30T12:00:00')).toThrow(/2026-02-30T12:00:00/);
    expect(() => resolveIn('Europe/London', '2026-01-01T24:00:00')).toThrow(RangeError);
    expect(() => resolveIn('Europe/London', '2026-01-01T12:60:00')).toThrow(RangeError);
    const fractional = { ...local('2026-01-01T12:00:00'), second: 1.5 };
    expect(() => resolveRecorderLocalTime({ local: fractional, timeZone: 'UTC', clock: 'utc' })).toThrow(RangeError);
  });
});

describe('recorder time and true time', () => {
  it('a fast recorder is ahead of true time, a slow one behind', () => {
    const recorderInstantMs = utc('2026-03-14T14:02:31Z');
    expect(recorderToTrueMs({ recorderInstantMs, clockOffsetS: 192 })).toBe(utc('2026-03-14T13:59:19Z'));
    expect(recorderToTrueMs({ recorderInstantMs, clockOffsetS: -3605 })).toBe(utc('2026-03-14T15:02:36Z'));
    expect(recorderToTrueMs({ recorderInstantMs, clockOffsetS: 0 })).toBe(recorderInstantMs);
    expect(trueToRecorderMs({ trueInstantMs: utc('2026-03-14T13:59:19Z'), clockOffsetS: 192 })).toBe(recorderInstantMs);
  });

  it('round-trips for a spread of offsets and instants', () => {
    for (const clockOffsetS of [0, 1, -1, 192, -3605, 86_400 * 400, 0.25]) {
      for (const recorderInstantMs of [0, utc('2026-10-25T01:30:00Z'), utc('2030-12-31T23:59:59.999Z')]) {
        const trueInstantMs = recorderToTrueMs({ recorderInstantMs, clockOffsetS });
        expect(trueToRecorderMs({ trueInstantMs, clockOffsetS })).toBe(recorderInstantMs);
      }
    }
  });

  it('refuses non-finite offsets and instants', () => {
    expect(() => recorderToTrueMs({ recorderInstantMs: 0, clockOffsetS: Number.NaN })).toThrow(RangeError);
    expect(() => trueToRecorderMs({ trueInstantMs: Number.POSITIVE_INFINITY, clockOffsetS: 0 })).toThrow(RangeError);
  });
});

describe('formatInstantInZone', () => {
  it('writes ISO-8601 with the offset in force and no milliseconds when there are none', () => {
    expect(formatInstantInZone({ instantMs: utc('2026-03-14T14:02:31Z'), timeZone: 'Europe/London' })).toBe('2026-03-14T14:02:31+00:00');
    expect(formatInstantInZone({ instantMs: utc('2026-07-01T08:00:00Z'), timeZone: 'Europe/London' })).toBe('2026-07-01T09:00:00+01:00');
    expect(formatInstantInZone({ instantMs: utc('2026-07-01T08:00:00.250Z'), timeZone: 'Europe/London' })).toBe('2026-07-01T09:00:00.250+01:00');
    expect(formatInstantInZone({ instantMs: utc('2026-07-01T08:00:00.007Z'), timeZone: 'Europe/London' })).toBe('2026-07-01T09:00:00.007+01:00');
  });

  it('writes negative and part-hour offsets', () => {
    expect(formatInstantInZone({ instantMs: utc('2026-01-15T12:00:00Z'), timeZone: 'America/New_York' })).toBe('2026-01-15T07:00:00-05:00');
    expect(formatInstantInZone({ instantMs: utc('2026-07-01T03:30:00Z'), timeZone: 'Asia/Kolkata' })).toBe('2026-07-01T09:00:00+05:30');
    expect(formatInstantInZone({ instantMs: utc('2026-01-15T12:00:00Z'), timeZone: 'Australia/Adelaide' })).toBe('2026-01-15T22:30:00+10:30');
    expect(formatInstantInZone({ instantMs: utc('2026-01-15T12:00:00Z'), timeZone: 'Asia/Kathmandu' })).toBe('2026-01-15T17:45:00+05:45');
  });

  it('tells the two occurrences of a repeated hour apart by their offsets', () => {
    expect(formatInstantInZone({ instantMs: utc('2026-10-25T00:30:00Z'), timeZone: 'Europe/London' })).toBe('2026-10-25T01:30:00+01:00');
    expect(formatInstantInZone({ instantMs: utc('2026-10-25T01:30:00Z'), timeZone: 'Europe/London' })).toBe('2026-10-25T01:30:00+00:00');
  });

  it('handles instants before 1970, crossing a date line and in UTC', () => {
    expect(formatInstantInZone({ instantMs: utc('1969-12-31T23:59:59.500Z'), timeZone: 'UTC' })).toBe('1969-12-31T23:59:59.500+00:00');
    expect(formatInstantInZone({ instantMs: utc('2026-01-01T10:00:00Z'), timeZone: 'Pacific/Kiritimati' })).toBe('2026-01-02T00:00:00+14:00');
  });

  it('keeps the seconds of a historical local-mean-time offset and copes with far-off years', () => {
    // London kept LMT, 1 min 15 s behind Greenwich, until 1847.
    expect(formatInstantInZone({ instantMs: utc('1800-01-01T00:00:00Z'), timeZone: 'Europe/London' })).toBe('1799-12-31T23:58:45-00:01:15');
    expect(zoneOffsetMinutesAt({ instantMs: utc('1800-01-01T00:00:00Z'), timeZone: 'Europe/London' })).toBe(-1.25);
    expect(formatInstantInZone({ instantMs: utc('0500-06-01T12:00:00.125Z'), timeZone: 'UTC' })).toBe('0500-06-01T12:00:00.125+00:00');
    const beforeCommonEra = utc('-000003-11-27T00:00:00Z');
    expect(formatInstantInZone({ instantMs: beforeCommonEra, timeZone: 'UTC' })).toBe('-000003-11-27T00:00:00+00:00');
    expect(formatInstantInZone({ instantMs: utc('+010000-01-01T00:00:00Z'), timeZone: 'UTC' })).toBe('+010000-01-01T00:00:00+00:00');
  });

  it('refuses an unknown zone', () => {
    expect(() => formatInstantInZone({ instantMs: 0, timeZone: 'Europe/Narnia' })).toThrow(RangeError);
  });
});

describe('wallClockAt', () => {
  it('gives the wall clock a zone showed at an instant', () => {
    expect(formatLocalDateTime(wallClockAt({ instantMs: utc('2026-10-25T00:30:00Z'), timeZone: 'Europe/London' }))).toBe('2026-10-25T01:30:00');
    expect(formatLocalDateTime(wallClockAt({ instantMs: utc('2026-10-25T01:30:00Z'), timeZone: 'Europe/London' }))).toBe('2026-10-25T01:30:00');
    expect(formatLocalDateTime(wallClockAt({ instantMs: utc('2026-07-01T03:30:00.999Z'), timeZone: 'Asia/Kolkata' }))).toBe('2026-07-01T09:00:00');
  });
});

describe('describeClockOffset', () => {
  it.each([
    [0, "The recorder's clock is right."],
    [0.4, "The recorder's clock is right."],
    [-0.4, "The recorder's clock is right."],
    [1, "The recorder's clock is 1 s fast."],
    [-45, "The recorder's clock is 45 s slow."],
    [180, "The recorder's clock is 3 min fast."],
    [192, "The recorder's clock is 3 min 12 s fast."],
    [3600, "The recorder's clock is 1 h fast."],
    [-3605, "The recorder's clock is 1 h 0 min 5 s slow."],
    [5400, "The recorder's clock is 1 h 30 min fast."],
    [86_400, "The recorder's clock is 1 day fast."],
    [-(2 * 86_400 + 5), "The recorder's clock is 2 days 0 h 0 min 5 s slow."],
    [191.6, "The recorder's clock is 3 min 12 s fast."],
  ])('%s s → %s', (clockOffsetS, words) => {
    expect(describeClockOffset(clockOffsetS)).toBe(words);
  });

  it('refuses a non-finite offset', () => {
    expect(() => describeClockOffset(Number.NaN)).toThrow(RangeError);
  });
});

describe('clockOffsetFromReadings', () => {
  const offsetIn = (timeZone: string, recorderShows: string, actualTime: string) =>
    clockOffsetFromReadings({ recorderShows: local(recorderShows), actualTime: local(actualTime), timeZone });

  it('gives recorder minus true time in whole seconds', () => {
    expect(offsetIn('Europe/London', '2026-03-14T14:05:43', '2026-03-14T14:02:31')).toBe(192);
    expect(offsetIn('Europe/London', '2026-03-14T14:02:31', '2026-03-14T15:02:36')).toBe(-3605);
    expect(offsetIn('Europe/London', '2026-03-14T14:02:31', '2026-03-14T14:02:31')).toBe(0);
  });

  it('works across midnight and across a month end', () => {
    expect(offsetIn('Europe/London', '2026-03-15T00:01:10', '2026-03-14T23:58:00')).toBe(190);
    expect(offsetIn('America/New_York', '2026-06-30T23:59:00', '2026-07-01T00:04:00')).toBe(-300);
  });

  it('counts a recorder that is a whole day or more out', () => {
    expect(offsetIn('Asia/Kolkata', '2026-01-02T10:00:00', '2026-01-01T10:00:00')).toBe(86_400);
  });

  it('across the spring-forward gap, measures real elapsed time', () => {
    // A recorder 3 min slow shows 00:58:00 GMT when the real clock has just jumped to 02:01:00 BST.
    expect(offsetIn('Europe/London', '2026-03-29T00:58:00', '2026-03-29T02:01:00')).toBe(-180);
  });

  it('in the repeated hour, prefers the pairing that gives the smaller offset', () => {
    // Both readings in the repeated hour: the same occurrence for both.
    expect(offsetIn('Europe/London', '2026-10-25T01:23:00', '2026-10-25T01:20:00')).toBe(180);
    // A recorder 3 min slow still shows 01:58 BST when the real clock has fallen back to 01:01 GMT.
    expect(offsetIn('Europe/London', '2026-10-25T01:58:00', '2026-10-25T01:01:00')).toBe(-180);
    // A recorder 5 min fast has fallen back to 01:02 GMT while the real clock still shows 01:57 BST.
    expect(offsetIn('Europe/London', '2026-10-25T01:02:00', '2026-10-25T01:57:00')).toBe(300);
  });

  it('refuses an unknown zone or an impossible reading', () => {
    expect(() => offsetIn('Atlantis/Central', '2026-03-14T14:05:43', '2026-03-14T14:02:31')).toThrow(RangeError);
    expect(() => offsetIn('Europe/London', '2026-02-29T14:05:43', '2026-03-14T14:02:31')).toThrow(RangeError);
  });
});


const PROPERTY_ZONES = [
  'Europe/London',
  'America/New_York',
  'Australia/Adelaide',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'America/Sao_Paulo',
  'UTC',
];

/**
 * Every real wall-clock reading resolves back to its instant or, when repeated, offers it as one of the two. Returns a
 * description of what went wrong, if anything, so a run of thousands of cases can be checked with one assertion.
 */
function roundTripProblem(instantMs: number, timeZone: string): string | null {
  const reading = wallClockAt({ instantMs, timeZone });
  const resolved = resolveRecorderLocalTime({ local: reading, timeZone });
  const ok =
    resolved.ambiguity === 'none'
      ? resolved.recorderInstantMs === instantMs && resolved.alternativeInstantMs === null
      : resolved.ambiguity === 'repeated' &&
        resolved.alternativeInstantMs !== null &&
        resolved.recorderInstantMs < resolved.alternativeInstantMs &&
        (resolved.recorderInstantMs === instantMs || resolved.alternativeInstantMs === instantMs);
  return ok ? null : `${timeZone} ${new Date(instantMs).toISOString()} read as ${formatLocalDateTime(reading)} resolved to ${JSON.stringify(resolved)}`;
}

describe('property: wall clock → instant round trip, 2020-2030', () => {
  it('holds for random instants in several zones', () => {
    const random = seededRandom(20_260_329);
    const startMs = utc('2020-01-01T00:00:00Z');
    const spanS = (utc('2030-12-31T23:59:59Z') - startMs) / 1000;
    const problems: string[] = [];
    let checked = 0;
    for (let i = 0; i < 3000; i++) {
      const instantMs = startMs + Math.floor(random() * spanS) * 1000;
      for (const timeZone of PROPERTY_ZONES) {
        const problem = roundTripProblem(instantMs, timeZone);
        if (problem) problems.push(problem);
        checked++;
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBe(3000 * PROPERTY_ZONES.length);
  });

  it('holds every few minutes around every transition, and meets the repeated hours', () => {
    // Random instants rarely land in a repeated hour, so walk the hours around each transition too.
    const problems: string[] = [];
    let transitions = 0;
    let repeated = 0;
    for (const timeZone of ['Europe/London', 'America/New_York', 'Australia/Adelaide', 'Australia/Lord_Howe', 'Pacific/Chatham']) {
      for (let year = 2020; year <= 2030; year++) {
        for (const month of [3, 4, 9, 10, 11]) {
          const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
          for (let day = 1; day <= daysInMonth; day++) {
            // Windows a day long that tile the month, so each transition is found once.
            const windowStartMs = Date.UTC(year, month - 1, day) - 14 * 3_600_000;
            const windowEndMs = windowStartMs + 24 * 3_600_000;
            if (zoneOffsetMinutesAt({ instantMs: windowStartMs, timeZone }) === zoneOffsetMinutesAt({ instantMs: windowEndMs, timeZone })) continue;
            transitions++;
            for (let instantMs = windowStartMs - 2 * 3_600_000; instantMs < windowEndMs + 2 * 3_600_000; instantMs += 7 * 60_000) {
              const problem = roundTripProblem(instantMs, timeZone);
              if (problem) problems.push(problem);
              else if (resolveRecorderLocalTime({ local: wallClockAt({ instantMs, timeZone }), timeZone }).ambiguity === 'repeated') repeated++;
            }
          }
        }
      }
    }
    expect(problems).toEqual([]);
    // Two transitions a year in each of the five zones.
    expect(transitions).toBe(5 * 11 * 2);
    // Each repeated stretch is at least half an hour, hit every 7 minutes, in both its occurrences.
    expect(repeated).toBeGreaterThanOrEqual(5 * 11 * 8);
  });
});

describe('performance', () => {
  it('resolves 100,000 file-name readings, a scan’s worth', () => {
    // A recorder writing a file every 6 s across the autumn change, as a scan would see it.
    const first = local('2026-10-24T00:00:00');
    const firstMs = Date.UTC(first.year, first.month - 1, first.day);
    let repeated = 0;
    let previousMs = Number.NEGATIVE_INFINITY;
    let outOfOrder = 0;
    for (let i = 0; i < 100_000; i++) {
      const reading: LocalDateTime = naiveMsToLocal(firstMs + i * 6000);
      const resolved = resolveRecorderLocalTime({ local: reading, timeZone: 'Europe/London' });
      if (resolved.ambiguity === 'repeated') repeated++;
      if (resolved.recorderInstantMs <= previousMs) outOfOrder++;
      previousMs = resolved.recorderInstantMs;
    }
    // The synthetic names walk the wall clock once, so 01:00-01:59 appears once (600 readings) and all of it is read as
    // BST, the default; the readings stay in order across the change.
    expect(repeated).toBe(600);
    expect(outOfOrder).toBe(0);
  });
});
