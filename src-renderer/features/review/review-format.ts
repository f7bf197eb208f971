/**
 * Pure helpers for the review screen: the overwrite countdown, sizes in words, and the J/K/L shuttle. No DOM, no React.
 */
import { decimalUnits } from '../../../src-shared/domain/byte-units';
import { formatInZone, partsInZone } from '../footage/footage-format';

const DAY_MS = 86_400_000;

/**
 * "This recorder keeps about 30 days: footage from 14 Mar 2026 will be overwritten around 13 Apr 2026 (in 9 days)."
 * The recorder overwrites its oldest footage first, so the incident's footage goes `retentionDays` after it was recorded.
 */
export function overwriteCountdown(options: { retentionDays: number; incidentMs: number; nowMs: number; timeZone: string }): {
  overwriteAtMs: number;
  daysLeft: number;
  urgent: boolean;
  text: string;
} {
  const { retentionDays, incidentMs, nowMs, timeZone } = options;
  const overwriteAtMs = incidentMs + retentionDays * DAY_MS;
  const daysLeft = Math.floor((overwriteAtMs - nowMs) / DAY_MS);
  const from = partsInZone(incidentMs, timeZone).date;
  const around = partsInZone(overwriteAtMs, timeZone).date;
  const keeps = `This recorder keeps about ${retentionDays} day${retentionDays === 1 ? '' : 's'}`;
  let text: string;
  if (overwriteAtMs <= nowMs) text = `${keeps}: footage from ${from} has probably been overwritten on the recorder already (around ${around}). Keep the copy you have here safe.`;
  else if (daysLeft < 1) text = `${keeps}: footage from ${from} will be overwritten around ${around}, today. Export it now.`;
  else text = `${keeps}: footage from ${from} will be overwritten around ${around} (in ${daysLeft} day${daysLeft === 1 ? '' : 's'}).`;
  return { overwriteAtMs, daysLeft, urgent: daysLeft < 7, text };
}

/** "1.2 GB", "340 MB", "12 kB": decimal units, as USB sticks are sold. */
export function formatBytes(bytes: number): string {
  const scaled = decimalUnits(bytes);
  if (scaled === null) return `${bytes} bytes`;
  return `${scaled.value >= 100 ? scaled.value.toFixed(0) : scaled.value.toFixed(1)} ${scaled.unit}`;
}

/** A clip's times in words: "14 Mar 2026 14:01:50 to 14:03:20". */
export function formatClipSpan(options: { startMs: number; endMs: number; timeZone: string }): string {
  const start = partsInZone(options.startMs, options.timeZone);
  const end = partsInZone(options.endMs, options.timeZone);
  return start.date === end.date ? `${start.date} ${start.time} to ${end.time}` : `${formatInZone(options.startMs, options.timeZone)} to ${formatInZone(options.endMs, options.timeZone)}`;
}

/** Playback direction and speed: J plays backwards (by stepping), K stops, L plays forwards; pressing again doubles. */
export interface Shuttle {
  direction: -1 | 0 | 1;
  rate: number;
}

export const SHUTTLE_STOPPED: Shuttle = { direction: 0, rate: 1 };
const MAX_RATE = 8;

export function nextShuttle(options: { current: Shuttle; key: 'j' | 'k' | 'l' }): Shuttle {
  const { current, key } = options;
  if (key === 'k') return SHUTTLE_STOPPED;
  const direction = key === 'l' ? 1 : -1;
  if (current.direction !== direction) return { direction, rate: 1 };
  return { direction, rate: Math.min(MAX_RATE, current.rate * 2) };
}

/** Grid sizes for the multi-camera view. */
export const GRID_LAYOUTS = { single: 1, '2x2': 4, '3x3': 9 } as const;
export type GridLayout = keyof typeof GRID_LAYOUTS;
