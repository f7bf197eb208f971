/** Words and numbers shared by the receipt and the statement: sizes, times in two clocks, cameras and their periods. */
import type { BundleManifest, ManifestExhibit } from '../../../src-shared/domain/bundle';
import { decimalUnits } from '../../../src-shared/domain/byte-units';

export type ManifestRecorder = BundleManifest['recorders'][number];

/** Keeps a number with its unit, or a date's parts, on one line; the PDF writer prints it as a plain space. */
export const NBSP = '\u00a0';

/** "1,234,567 bytes": the exact count a checker compares. */
export function exactBytes(bytes: number): string {
  return `${bytes.toLocaleString('en-GB')}${NBSP}${bytes === 1 ? 'byte' : 'bytes'}`;
}

/** "1.23 MB" (powers of 1000, as drives are sold), or null under 1 kB. */
export function approxBytes(bytes: number): string | null {
  const scaled = decimalUnits(bytes);
  return scaled === null ? null : `${scaled.value.toFixed(scaled.value < 10 ? 2 : 1)}${NBSP}${scaled.unit}`;
}

/** "1,234,567 bytes (1.23 MB)": the exact count and a size a person reads. */
export function formatBytes(bytes: number): string {
  const approx = approxBytes(bytes);
  return approx === null ? exactBytes(bytes) : `${exactBytes(bytes)} (${approx})`;
}

function parts(ms: number, timeZone: string): Record<string, string> {
  const formatter = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  return Object.fromEntries(formatter.formatToParts(new Date(ms)).map((part) => [part.type, part.value]));
}

/** "Fri 3 Jul 2026" in the zone. */
export function formatDate(ms: number, timeZone: string): string {
  const p = parts(ms, timeZone);
  return [p.weekday, p.day, p.month, p.year].join(NBSP);
}

/** "14:01:50 BST" in the zone. */
export function formatTime(ms: number, timeZone: string): string {
  const p = parts(ms, timeZone);
  return `${p.hour}:${p.minute}:${p.second}${NBSP}${p.timeZoneName}`;
}

/** "Fri 3 Jul 2026, 14:01:50 BST": month in words, so no one reads 3/7 as 7 March. */
export function formatDateTime(ms: number, timeZone: string): string {
  return `${formatDate(ms, timeZone)}, ${formatTime(ms, timeZone)}`;
}

/** "2026-07-03T13:01:50Z": milliseconds only when there are some. */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** "Fri 3 Jul 2026, 14:01:50 BST to 14:03:20 BST", the date once when both ends share it. */
export function formatPeriod(options: { startMs: number; endMs: number; timeZone: string }): string {
  const { startMs, endMs, timeZone } = options;
  const sameDay = formatDate(startMs, timeZone) === formatDate(endMs, timeZone);
  return `${formatDateTime(startMs, timeZone)} to ${sameDay ? formatTime(endMs, timeZone) : formatDateTime(endMs, timeZone)}`;
}

/** "2026-07-03T13:01:50Z to 2026-07-03T13:03:20Z". */
export function utcPeriod(options: { startMs: number; endMs: number }): string {
  return `${isoUtc(options.startMs)} to ${isoUtc(options.endMs)}`;
}

/** "2026-07-03 14:05:02 to 14:06:32 (Europe/London)": wall-clock readings exactly as the recorder showed them. */
export function recorderPeriod(range: NonNullable<ManifestExhibit['recorderTime']>): string {
  const [startDate, startTime] = range.start.split('T');
  const [endDate, endTime] = range.end.split('T');
  const end = endDate === startDate && endTime !== undefined ? endTime : range.end.replace('T', ' ');
  return `${startDate ?? ''} ${startTime ?? ''} to ${end} (${range.timeZone})`.replace(/\s+/g, ' ');
}

/** "+192 s" / "-45 s" / "0 s". */
export function signedSeconds(seconds: number): string {
  const rounded = Math.round(seconds * 1000) / 1000;
  return `${rounded > 0 ? '+' : ''}${rounded}${NBSP}s`;
}

/** The recorder's clock in words, then in seconds, e.g. "The recorder's clock is 3 min 12 s fast. Offset +192 s …". */
export function clockOffsetText(recorder: ManifestRecorder): string {
  const words = recorder.clockDescription.trim();
  return `${words}${/[.!?]$/.test(words) ? '' : '.'} Offset ${signedSeconds(recorder.clockOffsetS)} (recorder clock minus true time).`;
}

export function crimeReference(manifest: BundleManifest): string {
  return manifest.case.reference?.trim() || 'none given';
}

/** "JS/1" → "JS_1", as file names write it; the manifest's own fileRef wins when it has one. */
export function fileRefOf(exhibit: Pick<ManifestExhibit, 'id' | 'fileRef'>): string {
  return exhibit.fileRef || exhibit.id.replace(/\//g, '_');
}

export function recorderForCamera(manifest: BundleManifest, camera: string): ManifestRecorder | null {
  return manifest.recorders.find((recorder) => recorder.cameras.includes(camera)) ?? (manifest.recorders.length === 1 ? manifest.recorders[0]! : null);
}

export interface CameraFootage {
  camera: string;
  recorder: ManifestRecorder | null;
  startMs: number;
  endMs: number;
  exhibitIds: string[];
}

/** Each camera with footage in the bundle, and the true-time span its exhibits cover, in the order first met. */
export function cameraFootage(manifest: BundleManifest): CameraFootage[] {
  const byCamera = new Map<string, CameraFootage>();
  for (const exhibit of manifest.exhibits) {
    if (exhibit.camera === null || exhibit.trueTime === null) continue;
    const startMs = Date.parse(exhibit.trueTime.start);
    const endMs = Date.parse(exhibit.trueTime.end);
    const known = byCamera.get(exhibit.camera);
    if (known) {
      known.startMs = Math.min(known.startMs, startMs);
      known.endMs = Math.max(known.endMs, endMs);
      known.exhibitIds.push(exhibit.id);
    } else {
      byCamera.set(exhibit.camera, { camera: exhibit.camera, recorder: recorderForCamera(manifest, exhibit.camera), startMs, endMs, exhibitIds: [exhibit.id] });
    }
  }
  return [...byCamera.values()];
}

/** Every camera the recorders know, whether or not footage from it was exported. */
export function allCameras(manifest: BundleManifest): string[] {
  return [...new Set([...manifest.recorders.flatMap((recorder) => recorder.cameras), ...cameraFootage(manifest).map((footage) => footage.camera)])];
}

export const KIND_WORDS: Record<ManifestExhibit['kind'], string> = {
  master: 'Master',
  working: 'Working copy',
  still: 'Still',
  document: 'Document',
};
