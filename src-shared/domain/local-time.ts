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

/** True when the fields name a real calendar date and time (no 31 Feb, no 25:00). */
export function isValidLocalDateTime(local: LocalDateTime): boolean {
  const { year, month, day, hour, minute, second } = local;
  if (![year, month, day, hour, minute, second].every(Number.isInteger)) return false;
  if (year < 1970 || year > 2200 || hour > 23 || minute > 59 || second > 59 || hour < 0 || minute < 0 || second < 0) return false;
  const roundTrip = naiveMsToLocal(localToNaiveMs(local));
  return roundTrip.year === year && roundTrip.month === month && roundTrip.day === day;
}

export function addSecondsToLocal(local: LocalDateTime, seconds: number): LocalDateTime {
  return naiveMsToLocal(localToNaiveMs(local) + seconds * 1000);
}

/** "2026-03-14T14:02:31" (no zone). */
export function formatLocalDateTime(local: LocalDateTime): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(local.year, 4)}-${p(local.month)}-${p(local.day)}T${p(local.hour)}:${p(local.minute)}:${p(local.second)}`;
}
