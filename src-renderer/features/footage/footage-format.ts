/**
 * Pure helpers for the footage step: times in a recorder's zone, gaps in words, and the geometry of coverage bars.
 * No DOM and no React, so they are unit-tested in Node.
 */
import type { CameraOverview, DemoLayout, FileStatus } from '../../../src-shared/domain/catalogue';
import { formatLocalDateTime } from '../../../src-shared/domain/local-time';
import { wallClockAt } from '../../../src-shared/domain/time';

export const DEMO_LAYOUT_LABELS: Record<DemoLayout, string> = {
  dahua: 'Dahua',
  'dahua-usb': 'Dahua USB export',
  'hikvision-usb': 'Hikvision USB export',
  reolink: 'Reolink',
  frigate: 'Frigate',
  generic: 'Other / generic',
};

export const FILE_STATUS_WORDS: Record<FileStatus, string> = {
  ok: 'OK',
  partial: 'Still being written',
  empty: 'Empty',
  unreadable: 'Damaged or unreadable',
  unknown: 'Not checked yet',
};

interface ZoneFormatters {
  date: Intl.DateTimeFormat;
  time: Intl.DateTimeFormat;
}

const formattersByZone = new Map<string, ZoneFormatters>();

function formattersFor(timeZone: string): ZoneFormatters {
  let known = formattersByZone.get(timeZone);
  if (!known) {
    known = {
      date: new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric' }),
      time: new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }),
    };
    formattersByZone.set(timeZone, known);
  }
  return known;
}

/** "14 Mar 2026" and "14:05:10", as a clock in the zone showed them at that instant. */
export function partsInZone(instantMs: number, timeZone: string): { date: string; time: string } {
  const formatters = formattersFor(timeZone);
  return { date: formatters.date.format(instantMs), time: formatters.time.format(instantMs) };
}

/** "14 Mar 2026 14:05:10": always with the date. */
export function formatInZone(instantMs: number, timeZone: string): string {
  const { date, time } = partsInZone(instantMs, timeZone);
  return `${date} ${time}`;
}

/** "14:05" when both times are on the minute, otherwise "14:05:10", so a span never reads "14:05–14:05". */
function shortTimes(times: [string, string]): [string, string] {
  return times.every((time) => time.endsWith(':00')) ? [times[0].slice(0, 5), times[1].slice(0, 5)] : times;
}

/** "1 h 5 min", "15 min", "40 s": the length of a stretch of time, in the largest two units. */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.round(ms / 1000));
  if (totalSeconds < 60) return `${totalSeconds} s`;
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (days > 0) return hours > 0 ? `${days} day${days === 1 ? '' : 's'} ${hours} h` : `${days} day${days === 1 ? '' : 's'}`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  return seconds > 0 && minutes < 10 ? `${minutes} min ${seconds} s` : `${minutes} min`;
}

/** "14:05–14:20 on 14 Mar 2026", or "14 Mar 2026 23:50 to 15 Mar 2026 00:10" across midnight. */
export function formatSpanInZone(span: { startMs: number; endMs: number }, timeZone: string): string {
  const start = partsInZone(span.startMs, timeZone);
  const end = partsInZone(span.endMs, timeZone);
  const [from, to] = shortTimes([start.time, end.time]);
  return start.date === end.date ? `${from}\u2013${to} on ${start.date}` : `${start.date} ${from} to ${end.date} ${to}`;
}

/** "No recording 14:05–14:20 on 14 Mar 2026 (15 min)". */
export function describeGap(gap: { startMs: number; endMs: number }, timeZone: string): string {
  const span = formatSpanInZone(gap, timeZone);
  const lead = span.includes(' to ') ? 'No recording from' : 'No recording';
  return `${lead} ${span} (${formatDuration(gap.endMs - gap.startMs)})`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
}

/** The earliest start and latest end over all cameras, or null when none has a playable recording. */
export function overallSpan(cameras: readonly Pick<CameraOverview, 'startMs' | 'endMs'>[]): { startMs: number; endMs: number } | null {
  let startMs = Number.POSITIVE_INFINITY;
  let endMs = Number.NEGATIVE_INFINITY;
  for (const camera of cameras) {
    if (camera.startMs === null || camera.endMs === null) continue;
    startMs = Math.min(startMs, camera.startMs);
    endMs = Math.max(endMs, camera.endMs);
  }
  return Number.isFinite(startMs) && Number.isFinite(endMs) ? { startMs, endMs } : null;
}

export interface BarBlock {
  /** Percent of the bar's width, 0..100. */
  left: number;
  width: number;
}

/**
 * The recorded stretches of one camera as blocks across the whole folder's span: the camera's own start to end, minus
 * its gaps. Gaps may come in any order and may poke outside the camera's range; blocks narrower than a pixel are kept
 * (with a minimum width) so a short recording is still visible.
 */
export function coverageBlocks(
  camera: Pick<CameraOverview, 'startMs' | 'endMs' | 'gaps'>,
  span: { startMs: number; endMs: number },
  minWidthPercent = 0.25,
): BarBlock[] {
  if (camera.startMs === null || camera.endMs === null) return [];
  const total = span.endMs - span.startMs;
  if (total <= 0) return [{ left: 0, width: 100 }];
  const toPercent = (ms: number) => (Math.min(Math.max(ms, span.startMs), span.endMs) - span.startMs) / total * 100;

  const recorded: Array<{ startMs: number; endMs: number }> = [];
  let cursor = camera.startMs;
  for (const gap of [...camera.gaps].sort((a, b) => a.startMs - b.startMs)) {
    if (gap.startMs > cursor) recorded.push({ startMs: cursor, endMs: Math.min(gap.startMs, camera.endMs) });
    cursor = Math.max(cursor, gap.endMs);
    if (cursor >= camera.endMs) break;
  }
  if (cursor < camera.endMs) recorded.push({ startMs: cursor, endMs: camera.endMs });

  return recorded
    .filter((stretch) => stretch.endMs > stretch.startMs)
    .map((stretch) => {
      const left = toPercent(stretch.startMs);
      const width = Math.max(toPercent(stretch.endMs) - left, minWidthPercent);
      return { left, width: Math.min(width, 100 - left) };
    });
}

/** A `datetime-local` value ("2026-03-14T14:02" or "…T14:02:31") as the contract's text, always with seconds. */
export function localInputToText(value: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?(?:\.\d+)?$/.exec(value.trim());
  if (!match) return null;
  return `${match[1]}T${match[2]}${match[3] ?? ':00'}`;
}

/** What a clock in the zone shows at that instant, as a `datetime-local` value with seconds. */
export function localInputAt(instantMs: number, timeZone: string): string {
  return formatLocalDateTime(wallClockAt({ instantMs: Math.round(instantMs), timeZone }));
}

/** Every time zone this computer knows, with `also` (e.g. the folder's own zone) added when missing. */
export function timeZoneChoices(known: readonly string[], also: readonly string[]): string[] {
  const zones = new Set(known);
  for (const zone of also) if (zone) zones.add(zone);
  return [...zones].sort((a, b) => a.localeCompare(b, 'en'));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** Wall-clock readings written as "2026-03-14T14:05:10" inside a sentence, turned into "14 Mar 2026 14:05:10". */
export function friendlyLocalTimes(text: string): string {
  return text.replace(/\b(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?\b/g, (whole, year: string, month: string, day: string, hour: string, minute: string, second?: string) => {
    const name = MONTHS[Number(month) - 1];
    return name ? `${Number(day)} ${name} ${year} ${hour}:${minute}:${second ?? '00'}` : whole;
  });
}
