/** A wall-clock reading with no zone, as a recorder writes it in a file name. Months are 1-12. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Treats the fields as if they were UTC; only for arithmetic and ordering of wall-clock readings. */
export function localToNaiveMs(local: LocalDateTime): number {
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
}

export function naiveMsToLocal(ms: number): LocalDateTime {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/**
 * True when the fields name a real calendar date and time (no 31 Feb, no 25:00). Plain integer checks, no Date
 * objects: scans call this for every one of 100,000 file names.
 */
export function isValidLocalDateTime(local: LocalDateTime): boolean {
  const { year, month, day, hour, minute, second } = local;
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    Number.isInteger(hour) &&
    Number.isInteger(minute) &&
    Number.isInteger(second) &&
    year >= 1970 &&
    year <= 2200 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour >= 0 &&
    hour <= 23 &&
    minute >= 0 &&
    minute <= 59 &&
    second >= 0 &&
    second <= 59
  );
}

export function addSecondsToLocal(local: LocalDateTime, seconds: number): LocalDateTime {
  return naiveMsToLocal(localToNaiveMs(local) + seconds * 1000);
}

/** "2026-03-14T14:02:31" (no zone). */
export function formatLocalDateTime(local: LocalDateTime): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(local.year, 4)}-${p(local.month)}-${p(local.day)}T${p(local.hour)}:${p(local.minute)}:${p(local.second)}`;
}

/** Reads "2026-03-14T14:02:31", "2026-03-14 14:02" and the like; null when it is not a real date and time. */
export function parseLocalDateTimeText(text: string): LocalDateTime | null {
  const match = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?\s*$/.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number) as [number, number, number, number, number];
  const local = { year, month, day, hour, minute, second: match[6] === undefined ? 0 : Number(match[6]) };
  return isValidLocalDateTime(local) ? local : null;
}
