import { describe, expect, it } from 'vitest';
import { localAt } from '../../../../test/helpers/local-at';
import {
  checkFullSpanEnd,
  formatCompactDateTime,
  formatDashedDate,
  parseCompactDateTime,
  parseCompactTime,
  parseDashedDate,
  resolveEndTimeOfDay,
} from './time-fields';

const at = localAt;

describe('date and time fields', () => {
  it('reads and writes compact and dashed forms', () => {
    expect(parseCompactDateTime('20240229235959')).toEqual(at(2024, 2, 29, 23, 59, 59));
    expect(formatCompactDateTime(at(2026, 3, 4, 5, 6, 7))).toBe('20260304050607');
    expect(parseDashedDate('2026-03-14')).toEqual({ year: 2026, month: 3, day: 14 });
    expect(formatDashedDate({ year: 2026, month: 3, day: 4 })).toBe('2026-03-04');
  });

  it.each(['20250229120000', '20261301120000', '20260314240000', '20260314126000', '2026031412000', '2026O314120000'])(
    'rejects the impossible or malformed timestamp %s',
    (text) => {
      expect(parseCompactDateTime(text)).toBeNull();
    },
  );

  it('rejects bad dashed dates and times', () => {
    expect(parseDashedDate('2026-02-30')).toBeNull();
    expect(parseDashedDate('2026-3-14')).toBeNull();
    expect(parseCompactTime('235960')).toBeNull();
  });
});

describe('resolveEndTimeOfDay', () => {
  const start = at(2026, 3, 14, 23, 58, 0);

  it('keeps a later end on the same day', () => {
    expect(resolveEndTimeOfDay({ start, endTime: { hour: 23, minute: 59, second: 0 } })).toEqual({ end: at(2026, 3, 14, 23, 59, 0), warnings: [] });
  });

  it('moves an earlier end to the next day', () => {
    expect(resolveEndTimeOfDay({ start, endTime: { hour: 0, minute: 3, second: 0 } })).toEqual({ end: at(2026, 3, 15, 0, 3, 0), warnings: [] });
  });

  it('flags zero-length and implausibly long spans', () => {
    expect(resolveEndTimeOfDay({ start, endTime: { hour: 23, minute: 58, second: 0 } })?.warnings).toEqual(['zero-length recording']);
    expect(resolveEndTimeOfDay({ start, endTime: { hour: 23, minute: 0, second: 0 } })?.warnings).toHaveLength(1);
  });
});

describe('checkFullSpanEnd', () => {
  it('drops an end before the start and flags a zero-length span', () => {
    const start = at(2026, 3, 14, 14, 0, 0);
    expect(checkFullSpanEnd({ start, end: at(2026, 3, 14, 13, 0, 0) }).end).toBeNull();
    expect(checkFullSpanEnd({ start, end: start }).warnings).toEqual(['zero-length recording']);
    expect(checkFullSpanEnd({ start, end: at(2026, 3, 14, 14, 5, 0) })).toEqual({ end: at(2026, 3, 14, 14, 5, 0), warnings: [] });
  });
});
