import { describe, expect, it } from 'vitest';
import { addSecondsToLocal, formatLocalDateTime, isValidLocalDateTime, parseLocalDateTimeText } from './local-time';

describe('local date-times', () => {
  it('parses the forms people type and refuses impossible dates', () => {
    expect(parseLocalDateTimeText('2026-03-14T14:02:31')).toEqual({ year: 2026, month: 3, day: 14, hour: 14, minute: 2, second: 31 });
    expect(parseLocalDateTimeText(' 2026-3-4 9:05 ')).toEqual({ year: 2026, month: 3, day: 4, hour: 9, minute: 5, second: 0 });
    expect(parseLocalDateTimeText('2026-02-30 10:00')).toBeNull();
    expect(parseLocalDateTimeText('2026-03-14 24:00')).toBeNull();
    expect(parseLocalDateTimeText('14/03/2026 10:00')).toBeNull();
  });

  it('adds seconds across midnight and formats without a zone', () => {
    const late = { year: 2026, month: 12, day: 31, hour: 23, minute: 59, second: 30 };
    expect(formatLocalDateTime(addSecondsToLocal(late, 45))).toBe('2027-01-01T00:00:15');
    expect(isValidLocalDateTime({ ...late, month: 13 })).toBe(false);
  });
});
