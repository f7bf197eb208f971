import type { LocalDateTime } from '../../src-shared/domain/local-time';

/** A wall-clock reading written out field by field, for expected values in tests. */
export function localAt(year: number, month: number, day: number, hour: number, minute: number, second: number): LocalDateTime {
  return { year, month, day, hour, minute, second };
}
