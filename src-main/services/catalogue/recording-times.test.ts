import { describe, expect, it } from 'vitest';
import type { LocalDateTime } from '../../../src-shared/domain/local-time';
import { naiveMsToLocal, parseLocalDateTimeText } from '../../../src-shared/domain/local-time';
import { resolveRecorderLocalTime } from '../../../src-shared/domain/time';
import { computeRecordingTimes, createHourCachedResolver } from './recording-times';

const at = (text: string): LocalDateTime => {
  const local = parseLocalDateTimeText(text);
  if (!local) throw new Error(`bad test time ${text}`);
  return local;
};

describe('computeRecordingTimes', () => {
  it('takes both times from the name and applies the zone and clock offset', () => {
    const times = computeRecordingTimes({
      name: { start: at('2026-07-01 14:05:12'), end: at('2026-07-01 14:10:12'), clock: 'local', dstHint: null },
      probe: null,
      mtimeMs: 0,
      timeZone: 'Europe/London',
      clockOffsetS: 192,
    });
    expect(times).toMatchObject({ timeSource: 'name', ambiguity: 'none', durationMismatch: false, notes: [] });
    expect(new Date(times.recorderStartMs!).toISOString()).toBe('2026-07-01T13:05:12.000Z');
    // The recorder runs 3 min 12 s fast, so the truth is earlier.
    expect(new Date(times.trueStartMs!).toISOString()).toBe('2026-07-01T13:02:00.000Z');
    expect(times.trueEndMs! - times.trueStartMs!).toBe(5 * 60_000);
  });

  it('keeps the name and flags a probed length that disagrees', () => {
    const times = computeRecordingTimes({
      name: { start: at('2026-03-14 14:00:00'), end: at('2026-03-14 14:05:00'), clock: 'local', dstHint: null },
      probe: { durationS: 120, creationTime: null },
      mtimeMs: 0,
      timeZone: 'UTC',
      clockOffsetS: 0,
    });
    expect(times.durationMismatch).toBe(true);
    expect(times.recorderEndMs! - times.recorderStartMs!).toBe(300_000);
    expect(times.notes[0]).toMatch(/2 min 0 s long but its name says 5 min 0 s/);
  });

  it('tolerates small length differences at file boundaries', () => {
    const times = computeRecordingTimes({
      name: { start: at('2026-03-14 14:00:00'), end: at('2026-03-14 14:05:00'), clock: 'local', dstHint: null },
      probe: { durationS: 299.2, creationTime: null },
      mtimeMs: 0,
      timeZone: 'UTC',
      clockOffsetS: 0,
    });
    expect(times.durationMismatch).toBe(false);
  });

  it('uses the probed length when the name has only a start (Reolink FTP, Frigate in UTC)', () => {
    const times = computeRecordingTimes({
      name: { start: at('2026-03-14 14:00:00'), end: null, clock: 'utc', dstHint: null },
      probe: { durationS: 10, creationTime: null },
      mtimeMs: 0,
      timeZone: 'America/New_York',
      clockOffsetS: 0,
    });
    expect(new Date(times.recorderStartMs!).toISOString()).toBe('2026-03-14T14:00:00.000Z');
    expect(times.recorderEndMs! - times.recorderStartMs!).toBe(10_000);
  });

  it('falls back to the container creation time, then the modification time', () => {
    const container = computeRecordingTimes({
      name: { start: null, end: null, clock: 'local', dstHint: null },
      probe: { durationS: 27, creationTime: '2020-06-01T16:29:17.000000Z' },
      mtimeMs: 0,
      timeZone: 'UTC',
      clockOffsetS: -5,
    });
    expect(container.timeSource).toBe('container');
    expect(new Date(container.trueStartMs!).toISOString()).toBe('2020-06-01T16:29:22.000Z');
    const mtime = computeRecordingTimes({ name: { start: null, end: null, clock: 'local', dstHint: null }, probe: { durationS: 60, creationTime: null }, mtimeMs: 1_000_000, timeZone: 'UTC', clockOffsetS: 0 });
    expect(mtime).toMatchObject({ timeSource: 'mtime', recorderStartMs: 940_000, recorderEndMs: 1_000_000 });
    expect(mtime.notes[0]).toMatch(/last changed/);
  });

  it('handles a recording across the autumn clock change', () => {
    const times = computeRecordingTimes({
      name: { start: at('2026-10-25 01:55:00'), end: at('2026-10-25 01:05:00'), clock: 'local', dstHint: null },
      probe: null,
      mtimeMs: 0,
      timeZone: 'Europe/London',
      clockOffsetS: 0,
    });
    // 01:55 BST (00:55Z) to 01:05 GMT (01:05Z): ten minutes, not a negative length.
    expect(times.recorderEndMs! - times.recorderStartMs!).toBe(10 * 60_000);
    expect(times.ambiguity).toBe('repeated');
  });
});

describe('createHourCachedResolver', () => {
  it('answers exactly as the exact resolver, through clock changes of an hour and of half an hour', () => {
    const cases: [string, string][] = [
      ['Europe/London', '2026-03-28'],
      ['Europe/London', '2026-10-24'],
      ['America/New_York', '2026-03-07'],
      ['America/New_York', '2026-10-31'],
      ['Australia/Lord_Howe', '2026-04-04'],
      ['Australia/Lord_Howe', '2026-10-03'],
      ['UTC', '2026-03-28'],
    ];
    const differing: string[] = [];
    for (const [timeZone, day] of cases) {
      const resolve = createHourCachedResolver(timeZone);
      const from = Date.parse(`${day}T00:00:00Z`);
      // Every 7 minutes 13 seconds over three days, so every minute and second of the changing hours are reached.
      for (let naiveMs = from; naiveMs < from + 3 * 86_400_000; naiveMs += 433_000) {
        for (const dstHint of [null, true, false]) {
          const options = { local: naiveMsToLocal(naiveMs), timeZone, clock: 'local' as const, dstHint };
          const cached = resolve(options);
          const exact = resolveRecorderLocalTime(options);
          if (JSON.stringify(cached) !== JSON.stringify(exact)) differing.push(`${timeZone} ${new Date(naiveMs).toISOString()} ${String(dstHint)}`);
        }
      }
    }
    expect(differing).toEqual([]);
  });
});
