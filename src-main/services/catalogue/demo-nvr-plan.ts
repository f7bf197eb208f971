/**
 * What a demo footage set holds: which files, for which cameras, covering which recorder times. Pure and quick, so
 * every bad input is refused before anything touches the disk.
 */
import { formatLocalDateTime, isValidLocalDateTime, localToNaiveMs, naiveMsToLocal, type LocalDateTime } from '../../../src-shared/domain/local-time';
import { isValidTimeZone, resolveRecorderLocalTime, wallClockAt } from '../../../src-shared/domain/time';
import { AppError } from '../errors';
import { LAYOUT_IDS, layoutParserById, type LayoutId } from './layouts';

/** Names a small shop's cameras might have; past the list cameras are "Camera N". */
export const DEMO_CAMERA_NAMES = ['Till', 'Door', 'Yard', 'Stockroom', 'Car park', 'Office', 'Back door', 'Aisle 3'] as const;

/** More than a recorder's usual 16 channels or a day of footage is not a demo any more. */
export const DEMO_LIMITS = { maxCameras: 16, maxMinutes: 24 * 60 } as const;

/** The default set starts at this hour of the recorder's clock: a shop's busy afternoon. */
export const DEMO_DEFAULT_START_HOUR = 14;

const MS_PER_DAY = 86_400_000;

export interface DemoFootageFile {
  /** '/'-separated, relative to the footage folder, exactly as the layout names it. */
  relPath: string;
  /** 1-based channel number. */
  cameraIndex: number;
  cameraName: string;
  /** The recorder's wall clock at the first frame; what the burnt-in clock shows. */
  recorderStart: LocalDateTime;
  recorderEnd: LocalDateTime;
  durationS: number;
}

export interface PlanDemoFootageOptions {
  layout: LayoutId;
  cameras: number;
  /** Length of footage per camera. */
  minutes: number;
  /** Length of each file; the last file of a camera is shorter when `minutes` is not a multiple. */
  segmentMinutes: number;
  /** Recorder wall-clock time of the first frame. */
  start: LocalDateTime;
  /** The recorder's zone: gives Frigate's UTC names and every file's true start instant. */
  timeZone: string;
}

export function demoCameraName(cameraIndex: number): string {
  return DEMO_CAMERA_NAMES[cameraIndex - 1] ?? `Camera ${cameraIndex}`;
}

/**
 * Yesterday at 14:00 on the recorder's clock. Yesterday rather than today so that even a day-long set is over before
 * now: footage stamped in the future would look like a clock fault, which is not what a demo should show.
 */
export function defaultDemoStart(options: { nowMs: number; timeZone: string }): LocalDateTime {
  const today = wallClockAt({ instantMs: options.nowMs, timeZone: options.timeZone });
  const yesterday = naiveMsToLocal(localToNaiveMs({ ...today, hour: 0, minute: 0, second: 0 }) - MS_PER_DAY);
  return { ...yesterday, hour: DEMO_DEFAULT_START_HOUR, minute: 0, second: 0 };
}

function isWholeNumberBetween(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

function checkPlanOptions(options: PlanDemoFootageOptions): void {
  const { layout, cameras, minutes, segmentMinutes, start, timeZone } = options;
  const fail = (message: string) => {
    throw new AppError('invalid_input', message);
  };
  if (!(LAYOUT_IDS as readonly string[]).includes(layout)) fail(`"${String(layout)}" is not a recorder layout Handover knows. Choose one of: ${LAYOUT_IDS.join(', ')}.`);
  if (!isWholeNumberBetween(cameras, 1, DEMO_LIMITS.maxCameras)) fail(`The number of cameras must be a whole number from 1 to ${DEMO_LIMITS.maxCameras}; got ${cameras}.`);
  if (!isWholeNumberBetween(minutes, 1, DEMO_LIMITS.maxMinutes)) {
    fail(`The length of footage must be a whole number of minutes from 1 to ${DEMO_LIMITS.maxMinutes} (a day); got ${minutes}.`);
  }
  if (!isWholeNumberBetween(segmentMinutes, 1, DEMO_LIMITS.maxMinutes)) {
    fail(`Each file must cover a whole number of minutes from 1 to ${DEMO_LIMITS.maxMinutes}; got ${segmentMinutes}.`);
  }
  if (!isValidTimeZone(timeZone)) fail(`"${timeZone}" is not a time zone this computer knows (expected a name such as Europe/London).`);
  if (!isValidLocalDateTime(start)) fail(`The start time ${formatLocalDateTime(start)} is not a real date and time.`);
  const end = naiveMsToLocal(localToNaiveMs(start) + minutes * 60_000);
  if (!isValidLocalDateTime(end)) fail(`The footage would end at ${formatLocalDateTime(end)}, which is out of range. Choose an earlier start.`);
}

/** Every file of the set, camera by camera, each camera's files in time order. Throws a plain AppError on bad input. */
export function planDemoFootage(options: PlanDemoFootageOptions): DemoFootageFile[] {
  checkPlanOptions(options);
  const { layout, cameras, minutes, segmentMinutes, start, timeZone } = options;
  const parser = layoutParserById(layout);
  // Frigate names its files in UTC; every other layout uses the recorder's own clock.
  const nameClock = (local: LocalDateTime): LocalDateTime =>
    layout === 'frigate' ? naiveMsToLocal(resolveRecorderLocalTime({ local, timeZone }).recorderInstantMs) : local;
  const startMs = localToNaiveMs(start);
  const files: DemoFootageFile[] = [];
  for (let cameraIndex = 1; cameraIndex <= cameras; cameraIndex += 1) {
    const cameraName = demoCameraName(cameraIndex);
    for (let fromMinute = 0; fromMinute < minutes; fromMinute += segmentMinutes) {
      const toMinute = Math.min(fromMinute + segmentMinutes, minutes);
      const recorderStart = naiveMsToLocal(startMs + fromMinute * 60_000);
      const recorderEnd = naiveMsToLocal(startMs + toMinute * 60_000);
      // Every layout takes .mp4; the Dahua ones also take .dav, but real DAV cannot be written.
      const relPath = parser.format({ cameraIndex, cameraName, start: nameClock(recorderStart), end: nameClock(recorderEnd), extension: 'mp4' });
      files.push({ relPath, cameraIndex, cameraName, recorderStart, recorderEnd, durationS: (toMinute - fromMinute) * 60 });
    }
  }
  if (new Set(files.map((file) => file.relPath)).size !== files.length) throw new Error(`demo footage: layout ${layout} gave two files the same name`);
  return files;
}
