import { describe, expect, it } from 'vitest';
import { formatBytes, formatClipSpan, nextShuttle, overwriteCountdown, SHUTTLE_STOPPED } from './review-format';

const at = (text: string) => Date.parse(text);

describe('overwriteCountdown', () => {
  it('says when the incident footage will be overwritten, and how many days are left', () => {
    const result = overwriteCountdown({ retentionDays: 30, incidentMs: at('2026-03-14T14:02:00Z'), nowMs: at('2026-04-04T09:00:00Z'), timeZone: 'Europe/London' });
    expect(result.text).toBe('This recorder keeps about 30 days: footage from 14 Mar 2026 will be overwritten around 13 Apr 2026 (in 9 days).');
    expect(result.daysLeft).toBe(9);
    expect(result.urgent).toBe(false);
  });

  it('warns urgently in the last week, on the last day, and after the date has passed', () => {
    const incidentMs = at('2026-03-14T14:02:00Z');
    expect(overwriteCountdown({ retentionDays: 7, incidentMs, nowMs: at('2026-03-16T09:00:00Z'), timeZone: 'UTC' }).urgent).toBe(true);
    expect(overwriteCountdown({ retentionDays: 1, incidentMs, nowMs: at('2026-03-15T09:00:00Z'), timeZone: 'UTC' }).text).toContain('today. Export it now.');
    expect(overwriteCountdown({ retentionDays: 1, incidentMs, nowMs: at('2026-03-20T09:00:00Z'), timeZone: 'UTC' }).text).toContain('has probably been overwritten');
  });
});

describe('formatBytes', () => {
  it('uses decimal units with sensible precision', () => {
    expect(formatBytes(999)).toBe('999 bytes');
    expect(formatBytes(12_300)).toBe('12.3 kB');
    expect(formatBytes(340_000_000)).toBe('340 MB');
    expect(formatBytes(1_234_000_000)).toBe('1.2 GB');
  });
});

describe('formatClipSpan', () => {
  it('gives the date once within a day and both dates across midnight', () => {
    expect(formatClipSpan({ startMs: at('2026-03-14T14:01:50Z'), endMs: at('2026-03-14T14:03:20Z'), timeZone: 'UTC' })).toBe('14 Mar 2026 14:01:50 to 14:03:20');
    expect(formatClipSpan({ startMs: at('2026-03-14T23:59:00Z'), endMs: at('2026-03-15T00:01:00Z'), timeZone: 'UTC' })).toBe(
      '14 Mar 2026 23:59:00 to 15 Mar 2026 00:01:00',
    );
  });
});

describe('nextShuttle', () => {
  it('doubles on repeated presses up to 8×, reverses to 1×, and stops on K', () => {
    let shuttle = SHUTTLE_STOPPED;
    const rates: string[] = [];
    for (const key of ['l', 'l', 'l', 'l', 'l', 'j', 'j', 'k'] as const) {
      shuttle = nextShuttle({ current: shuttle, key });
      rates.push(`${shuttle.direction}:${shuttle.rate}`);
    }
    expect(rates).toEqual(['1:1', '1:2', '1:4', '1:8', '1:8', '-1:1', '-1:2', '0:1']);
  });
});
