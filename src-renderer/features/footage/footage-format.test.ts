import { describe, expect, it } from 'vitest';
import {
  coverageBlocks,
  describeGap,
  formatDuration,
  formatInZone,
  formatSpanInZone,
  friendlyLocalTimes,
  localInputAt,
  localInputToText,
  overallSpan,
  plural,
  timeZoneChoices,
} from './footage-format';

const at = (iso: string) => Date.parse(iso);

describe('times in the recorder zone', () => {
  it('always shows the date, in the zone given', () => {
    expect(formatInZone(at('2026-03-14T14:05:10Z'), 'UTC')).toBe('14 Mar 2026 14:05:10');
    // British Summer Time starts 29 March 2026.
    expect(formatInZone(at('2026-07-01T08:00:00Z'), 'Europe/London')).toBe('1 Jul 2026 09:00:00');
    expect(formatInZone(at('2026-03-14T23:30:00Z'), 'Asia/Tokyo')).toBe('15 Mar 2026 08:30:00');
  });

  it('drops seconds from a span only when both ends are on the minute', () => {
    expect(formatSpanInZone({ startMs: at('2026-03-14T14:05:00Z'), endMs: at('2026-03-14T14:20:00Z') }, 'UTC')).toBe('14:05\u201314:20 on 14 Mar 2026');
    expect(formatSpanInZone({ startMs: at('2026-03-14T14:05:00Z'), endMs: at('2026-03-14T14:05:40Z') }, 'UTC')).toBe(
      '14:05:00\u201314:05:40 on 14 Mar 2026',
    );
  });

  it('says a gap in words, with its length, across midnight too', () => {
    expect(describeGap({ startMs: at('2026-03-14T14:05:00Z'), endMs: at('2026-03-14T14:20:00Z') }, 'UTC')).toBe(
      'No recording 14:05\u201314:20 on 14 Mar 2026 (15 min)',
    );
    expect(describeGap({ startMs: at('2026-03-14T23:50:00Z'), endMs: at('2026-03-15T00:10:00Z') }, 'UTC')).toBe(
      'No recording from 14 Mar 2026 23:50 to 15 Mar 2026 00:10 (20 min)',
    );
  });
});

describe('formatDuration and plural', () => {
  it('uses the two largest units', () => {
    expect(formatDuration(40_000)).toBe('40 s');
    expect(formatDuration(192_000)).toBe('3 min 12 s');
    expect(formatDuration(15 * 60_000)).toBe('15 min');
    expect(formatDuration(65 * 60_000)).toBe('1 h 5 min');
    expect(formatDuration(2 * 3_600_000)).toBe('2 h');
    expect(formatDuration(26 * 3_600_000)).toBe('1 day 2 h');
    expect(formatDuration(-5)).toBe('0 s');
  });

  it('counts in words', () => {
    expect(plural(1, 'recording')).toBe('1 recording');
    expect(plural(1200, 'recording')).toBe('1,200 recordings');
  });
});

describe('coverage bars', () => {
  const span = { startMs: 0, endMs: 1000 };

  it('spans the earliest start to the latest end, ignoring cameras with nothing playable', () => {
    expect(overallSpan([{ startMs: 200, endMs: 900 }, { startMs: 100, endMs: 500 }, { startMs: null, endMs: null }])).toEqual({ startMs: 100, endMs: 900 });
    expect(overallSpan([{ startMs: null, endMs: null }])).toBeNull();
    expect(overallSpan([])).toBeNull();
  });

  it('fills the recorded stretches and leaves gaps and the time outside the camera empty', () => {
    expect(coverageBlocks({ startMs: 100, endMs: 900, gaps: [{ startMs: 300, endMs: 400 }] }, span)).toEqual([
      { left: 10, width: 20 },
      { left: 40, width: 50 },
    ]);
  });

  it('copes with unsorted gaps, gaps at the edges and a camera without recordings', () => {
    const gaps = [
      { startMs: 800, endMs: 1000 },
      { startMs: 0, endMs: 100 },
      { startMs: 400, endMs: 500 },
    ];
    expect(coverageBlocks({ startMs: 0, endMs: 1000, gaps }, span)).toEqual([
      { left: 10, width: 30 },
      { left: 50, width: 30 },
    ]);
    expect(coverageBlocks({ startMs: null, endMs: null, gaps: [] }, span)).toEqual([]);
  });

  it('keeps a very short recording visible and fills a zero-length span', () => {
    expect(coverageBlocks({ startMs: 500, endMs: 501, gaps: [] }, { startMs: 0, endMs: 1_000_000 })).toEqual([{ left: 0.05, width: 0.25 }]);
    expect(coverageBlocks({ startMs: 5, endMs: 5, gaps: [] }, { startMs: 5, endMs: 5 })).toEqual([{ left: 0, width: 100 }]);
  });

  it('never runs past the right end', () => {
    const [block] = coverageBlocks({ startMs: 999_999, endMs: 1_000_000, gaps: [] }, { startMs: 0, endMs: 1_000_000 });
    expect(block!.left + block!.width).toBeLessThanOrEqual(100);
  });
});

describe('clock inputs', () => {
  it('turns datetime-local values into the contract text with seconds', () => {
    expect(localInputToText('2026-03-14T14:02')).toBe('2026-03-14T14:02:00');
    expect(localInputToText('2026-03-14T14:02:31')).toBe('2026-03-14T14:02:31');
    expect(localInputToText('2026-03-14T14:02:31.250')).toBe('2026-03-14T14:02:31');
    expect(localInputToText('')).toBeNull();
    expect(localInputToText('14:02')).toBeNull();
  });

  it('fills in "now" as the recorder zone shows it', () => {
    expect(localInputAt(at('2026-07-01T08:00:05Z'), 'Europe/London')).toBe('2026-07-01T09:00:05');
    expect(localInputAt(at('2026-07-01T08:00:05Z'), 'America/New_York')).toBe('2026-07-01T04:00:05');
  });

  it('lists every known zone plus the folder own, sorted and once each', () => {
    expect(timeZoneChoices(['Europe/London', 'America/New_York'], ['Etc/UTC', 'Europe/London', ''])).toEqual(['America/New_York', 'Etc/UTC', 'Europe/London']);
  });
});

describe('friendlyLocalTimes', () => {
  it('rewrites wall-clock readings inside a sentence and leaves the rest', () => {
    expect(friendlyLocalTimes('Recorder showed 2026-03-14T14:05:10 when the time was 2026-03-14 14:01.')).toBe(
      'Recorder showed 14 Mar 2026 14:05:10 when the time was 14 Mar 2026 14:01:00.',
    );
    expect(friendlyLocalTimes('No times here, only 2026.')).toBe('No times here, only 2026.');
    expect(friendlyLocalTimes('2026-13-01T10:00')).toBe('2026-13-01T10:00');
  });
});
