/** Reading and writing the date/time fields recorders put in folder and file names. */
import {
  isValidLocalDateTime,
  localToNaiveMs,
  naiveMsToLocal,
  type LocalDateTime,
} from '../../../../src-shared/domain/local-time';
import { fourDigits, twoDigits } from './path-parts';

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export interface TimeOfDay {
  hour: number;
  minute: number;
  second: number;
}

const MS_PER_DAY = 86_400_000;

/**
 * A span that only makes sense by assuming midnight was crossed but that lasts this long is more
 * likely a recorder clock going backwards (DST, NTP fix) than a real recording; recorders cut files
 * at two hours at most.
 */
const SUSPICIOUS_SPAN_MS = 6 * 3_600_000;

/** Digits only, ASCII; anything else is NaN so the caller's validity check rejects it. */
function digits(text: string | undefined): number {
  return text !== undefined && /^[0-9]+$/.test(text) ? Number(text) : Number.NaN;
}

export function combineDateAndTime(options: { date: CalendarDate; time: TimeOfDay }): LocalDateTime | null {
  const { date, time } = options;
  // Built field by field: object spread here showed up as the hottest line when scanning 100,000 names.
  const local: LocalDateTime = { year: date.year, month: date.month, day: date.day, hour: time.hour, minute: time.minute, second: time.second };
  return isValidLocalDateTime(local) ? local : null;
}

export function calendarDateOf(local: LocalDateTime): CalendarDate {
  return { year: local.year, month: local.month, day: local.day };
}

export function sameCalendarDate(a: CalendarDate, b: CalendarDate): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

export function compareLocal(a: LocalDateTime, b: LocalDateTime): number {
  return localToNaiveMs(a) - localToNaiveMs(b);
}

/** "2026-03-14" → date, or null when not a real calendar day. */
export function parseDashedDate(text: string): CalendarDate | null {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text);
  if (!match) return null;
  return parseDateFields({ year: match[1], month: match[2], day: match[3] });
}

export function parseDateFields(fields: { year: string | undefined; month: string | undefined; day: string | undefined }): CalendarDate | null {
  const date = { year: digits(fields.year), month: digits(fields.month), day: digits(fields.day) };
  return combineDateAndTime({ date, time: { hour: 0, minute: 0, second: 0 } }) ? date : null;
}

/** "20260314" → date. */
export function parseCompactDate(text: string): CalendarDate | null {
  if (!/^[0-9]{8}$/.test(text)) return null;
  return parseDateFields({ year: text.slice(0, 4), month: text.slice(4, 6), day: text.slice(6, 8) });
}

export function parseTimeFields(fields: { hour: string | undefined; minute: string | undefined; second: string | undefined }): TimeOfDay | null {
  const time = { hour: digits(fields.hour), minute: digits(fields.minute), second: digits(fields.second) };
  return combineDateAndTime({ date: { year: 2000, month: 1, day: 1 }, time }) ? time : null;
}

/** "140500" → time of day. */
export function parseCompactTime(text: string): TimeOfDay | null {
  if (!/^[0-9]{6}$/.test(text)) return null;
  return parseTimeFields({ hour: text.slice(0, 2), minute: text.slice(2, 4), second: text.slice(4, 6) });
}

/** "20260314140500" → date and time. */
export function parseCompactDateTime(text: string): LocalDateTime | null {
  if (!/^[0-9]{14}$/.test(text)) return null;
  const date = parseCompactDate(text.slice(0, 8));
  const time = parseCompactTime(text.slice(8));
  return date && time ? combineDateAndTime({ date, time }) : null;
}

export function formatCompactDate(local: CalendarDate): string {
  return `${fourDigits(local.year)}${twoDigits(local.month)}${twoDigits(local.day)}`;
}

export function formatCompactTime(local: TimeOfDay): string {
  return `${twoDigits(local.hour)}${twoDigits(local.minute)}${twoDigits(local.second)}`;
}

export function formatCompactDateTime(local: LocalDateTime): string {
  return formatCompactDate(local) + formatCompactTime(local);
}

export function formatDashedDate(local: CalendarDate): string {
  return `${fourDigits(local.year)}-${twoDigits(local.month)}-${twoDigits(local.day)}`;
}

export interface ResolvedSpanEnd {
  end: LocalDateTime;
  warnings: string[];
}

/**
 * For names that give the end as a time of day only: the end is on the start's day, or the next
 * day when it reads earlier than the start (the recording ran past midnight).
 */
export function resolveEndTimeOfDay(options: { start: LocalDateTime; endTime: TimeOfDay }): ResolvedSpanEnd | null {
  const { start, endTime } = options;
  const sameDayEnd = combineDateAndTime({ date: calendarDateOf(start), time: endTime });
  if (!sameDayEnd) return null;
  const gap = compareLocal(sameDayEnd, start);
  if (gap === 0) return { end: sameDayEnd, warnings: ['zero-length recording'] };
  if (gap > 0) return { end: sameDayEnd, warnings: [] };
  const nextDayEnd = naiveMsToLocal(localToNaiveMs(sameDayEnd) + MS_PER_DAY);
  const warnings =
    compareLocal(nextDayEnd, start) > SUSPICIOUS_SPAN_MS
      ? ['end time reads earlier than the start time; taken as running past midnight, but the recorder clock may have been changed']
      : [];
  return { end: nextDayEnd, warnings };
}

/**
 * For names that give the end as a full date and time. An end before the start is not a possible
 * span (usually a clock change mid-recording), so the end is dropped rather than trusted.
 */
export function checkFullSpanEnd(options: { start: LocalDateTime; end: LocalDateTime }): { end: LocalDateTime | null; warnings: string[] } {
  const gap = compareLocal(options.end, options.start);
  if (gap < 0) return { end: null, warnings: ['end time in the name is before the start time; end ignored'] };
  if (gap === 0) return { end: options.end, warnings: ['zero-length recording'] };
  return { end: options.end, warnings: [] };
}
