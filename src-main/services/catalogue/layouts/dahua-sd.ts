/**
 * Dahua / Amcrest SD card, NAS or FTP upload:
 *   YYYY-MM-DD/<ch 3 digits>/dav/<HH>/<HH.MM.SS>-<HH.MM.SS>[R][0@0][0].dav
 * Firmwares that record MP4 vary the two folders below the channel: 'mp4/<HH>', '<HH>hour/mp4' and
 * 'mp4/<HH>hour' are all read.
 */
import { channelCamera, splitFileName, splitRelPath, takeTrailingFolders, threeDigits, twoDigits } from './path-parts';
import type { LocalDateTime } from '../../../../src-shared/domain/local-time';
import { formatDashedDate, parseDashedDate, resolveEndTimeOfDay } from './time-fields';
import type { LayoutParser, ParsedRecordingPath, RecordingEventKind } from './types';

const VIDEO_EXTENSIONS = new Set(['dav', 'mp4']);
const CONTAINER_FOLDER = /^(?:dav|mp4)$/i;
const PLAIN_HOUR_FOLDER = /^([0-9]{2})$/;
const SUFFIXED_HOUR_FOLDER = /^([0-9]{2})hour$/i;
const CHANNEL_FOLDER = /^([0-9]{3})$/;
const FILE_STEM =
  /^([0-9]{2})\.([0-9]{2})\.([0-9]{2})-([0-9]{2})\.([0-9]{2})\.([0-9]{2})\[([A-Za-z])\](?:\[[0-9]+@[0-9]+\])?(?:\[[0-9]+\])?$/;

const EVENT_BY_CODE: Record<string, RecordingEventKind> = { R: 'regular', M: 'motion', A: 'alarm' };
const CODE_BY_EVENT: Record<RecordingEventKind, string> = { regular: 'R', motion: 'M', alarm: 'A' };

/** The two folders between the channel and the file: 'dav/14', '14hour/mp4' or 'mp4/14hour'. */
function readHourFolders(options: { outer: string; inner: string }): number | null {
  const { outer, inner } = options;
  let hourText: string | undefined;
  if (CONTAINER_FOLDER.test(outer)) {
    hourText = PLAIN_HOUR_FOLDER.exec(inner)?.[1] ?? SUFFIXED_HOUR_FOLDER.exec(inner)?.[1];
  } else if (CONTAINER_FOLDER.test(inner)) {
    hourText = SUFFIXED_HOUR_FOLDER.exec(outer)?.[1];
  }
  if (hourText === undefined) return null;
  const hour = Number(hourText);
  return hour <= 23 ? hour : null;
}

/** What a Dahua SD folder path says, worked out once for all the files in it. */
export interface DahuaSdFolder {
  date: NonNullable<ReturnType<typeof parseDashedDate>>;
  folderHour: number;
  camera: ReturnType<typeof channelCamera>;
}

/** Reads the folders of a Dahua SD path (root first); null when they are not that layout. */
export function readDahuaSdFolder(folderNames: string[]): DahuaSdFolder | null {
  const folders = takeTrailingFolders({ folders: folderNames, count: 4 });
  if (!folders) return null;
  const [dateFolder = '', channelFolder = '', outerFolder = '', innerFolder = ''] = folders.trailing;
  const date = parseDashedDate(dateFolder);
  const channelText = CHANNEL_FOLDER.exec(channelFolder)?.[1];
  const folderHour = readHourFolders({ outer: outerFolder, inner: innerFolder });
  if (!date || channelText === undefined || folderHour === null) return null;
  return { date, folderHour, camera: channelCamera({ channel: Number(channelText), recorderScope: folders.above }) };
}

/** Two ASCII digits at a position the pattern has already checked. */
function twoDigitsAt(text: string, at: number): number {
  return (text.charCodeAt(at) - 48) * 10 + (text.charCodeAt(at + 1) - 48);
}

/** What `readCommonDahuaSdName` reads from a name: seconds of the day, and the event kind. */
export interface CommonDahuaSdName {
  startS: number;
  endS: number;
  eventKind: RecordingEventKind;
  partial: boolean;
}

/**
 * The common case of `parseDahuaSdFileName`, without building a parsed path: a '.dav'/'.mp4' (or partial) name whose
 * times are valid, that ends later the same day, in its own hour folder, with a known event code, i.e. one that
 * parses with no warnings. Fills `into` and returns true, or returns false for anything else (the caller then uses
 * `parseDahuaSdFileName`). Scanning 100,000 names, this is most of the work.
 */
export function readCommonDahuaSdName(options: { folder: DahuaSdFolder; fileName: string; into: CommonDahuaSdName }): boolean {
  const { fileName, into } = options;
  // FILE_STEM's fixed start ('HH.MM.SS-HH.MM.SS[X]') checked by character code, then the rest with a sticky pattern
  // from position 20: no slices or lower-casing, as this runs for every name of a 100,000-file card.
  if (fileName.length < 24) return false;
  for (const at of DIGIT_POSITIONS) {
    const code = fileName.charCodeAt(at);
    if (code < 48 || code > 57) return false;
  }
  for (const [at, code] of SEPARATORS) if (fileName.charCodeAt(at) !== code) return false;
  const eventKind = EVENT_BY_CODE[fileName.charAt(18).toUpperCase()];
  if (eventKind === undefined) return false;
  COMMON_TAIL.lastIndex = 20;
  const tail = COMMON_TAIL.exec(fileName);
  if (!tail) return false;
  const startHour = twoDigitsAt(fileName, 0);
  const startS = startHour * 3600 + twoDigitsAt(fileName, 3) * 60 + twoDigitsAt(fileName, 6);
  const endHour = twoDigitsAt(fileName, 9);
  const endS = endHour * 3600 + twoDigitsAt(fileName, 12) * 60 + twoDigitsAt(fileName, 15);
  if (startHour !== options.folder.folderHour || endHour > 23 || twoDigitsAt(fileName, 3) > 59 || twoDigitsAt(fileName, 6) > 59) return false;
  if (twoDigitsAt(fileName, 12) > 59 || twoDigitsAt(fileName, 15) > 59 || endS <= startS) return false;
  into.startS = startS;
  into.endS = endS;
  into.eventKind = eventKind;
  into.partial = tail[1] === '_';
  return true;
}

const DIGIT_POSITIONS = [0, 1, 3, 4, 6, 7, 9, 10, 12, 13, 15, 16];
const SEPARATORS: readonly (readonly [number, number])[] = [
  [2, 46], // '.'
  [5, 46],
  [8, 45], // '-'
  [11, 46],
  [14, 46],
  [17, 91], // '['
  [19, 93], // ']'
];
/** What may follow '[X]': FILE_STEM's optional groups, then a '.dav' or '.mp4' extension, '_' while still being written. */
const COMMON_TAIL = /(?:\[[0-9]+@[0-9]+\])?(?:\[[0-9]+\])?\.(?:dav|mp4)(_?)$/iy;

/** Reads one file name inside a folder `readDahuaSdFolder` accepted; null when the name is not this layout. */
export function parseDahuaSdFileName(options: { folder: DahuaSdFolder; fileName: string }): ParsedRecordingPath | null {
  const { folder } = options;
  const file = splitFileName(options.fileName);
  if (!file || !VIDEO_EXTENSIONS.has(file.extension)) return null;
  const stem = FILE_STEM.exec(file.stem);
  if (!stem) return null;

  // The pattern fixes where each two-digit field sits ('HH.MM.SS-HH.MM.SS[X]...'), so they are read straight from the
  // characters: this runs once per file, 100,000 times on a big card.
  const text = file.stem;
  const startHour = twoDigitsAt(text, 0);
  const startMinute = twoDigitsAt(text, 3);
  const startSecond = twoDigitsAt(text, 6);
  const endTime = { hour: twoDigitsAt(text, 9), minute: twoDigitsAt(text, 12), second: twoDigitsAt(text, 15) };
  if (startHour > 23 || startMinute > 59 || startSecond > 59 || endTime.hour > 23 || endTime.minute > 59 || endTime.second > 59) return null;
  const start = { year: folder.date.year, month: folder.date.month, day: folder.date.day, hour: startHour, minute: startMinute, second: startSecond };
  const startOfDayS = startHour * 3600 + startMinute * 60 + startSecond;
  const endOfDayS = endTime.hour * 3600 + endTime.minute * 60 + endTime.second;
  let end: LocalDateTime;
  let warnings: string[];
  if (endOfDayS > startOfDayS) {
    end = { year: start.year, month: start.month, day: start.day, hour: endTime.hour, minute: endTime.minute, second: endTime.second };
    warnings = [];
  } else {
    // Zero length, or running past midnight: rare, so the general rule is used.
    const span = resolveEndTimeOfDay({ start, endTime });
    if (!span) return null;
    end = span.end;
    warnings = [...span.warnings];
  }

  if (folder.folderHour !== start.hour) {
    warnings.push(`hour folder ${twoDigits(folder.folderHour)} does not match the start time ${twoDigits(start.hour)}:xx in the name`);
  }
  const eventCode = (stem[7] ?? '').toUpperCase();
  const eventKind = EVENT_BY_CODE[eventCode] ?? null;
  if (eventKind === null) warnings.push(`unrecognised recording type code '${eventCode}'`);

  return {
    layout: 'dahua-sd',
    cameraKey: folder.camera.cameraKey,
    cameraLabel: folder.camera.cameraLabel,
    start,
    end,
    clock: 'local',
    dstHint: null,
    eventKind,
    stream: null,
    partial: file.partial,
    extension: file.extension,
    warnings,
  };
}

function parseDahuaSd(relPath: string): ParsedRecordingPath | null {
  const parts = splitRelPath(relPath);
  if (!parts) return null;
  const folder = readDahuaSdFolder(parts.folders);
  return folder && parseDahuaSdFileName({ folder, fileName: parts.fileName });
}

export const dahuaSdLayout: LayoutParser = {
  id: 'dahua-sd',
  parse: parseDahuaSd,
  format({ cameraIndex, start, end, eventKind, extension }) {
    const container = extension !== undefined && VIDEO_EXTENSIONS.has(extension.toLowerCase()) ? extension.toLowerCase() : 'dav';
    const dottedTime = (t: { hour: number; minute: number; second: number }) =>
      `${twoDigits(t.hour)}.${twoDigits(t.minute)}.${twoDigits(t.second)}`;
    const code = CODE_BY_EVENT[eventKind ?? 'regular'];
    return [
      formatDashedDate(start),
      threeDigits(cameraIndex),
      'dav',
      twoDigits(start.hour),
      `${dottedTime(start)}-${dottedTime(end)}[${code}][0@0][0].${container}`,
    ].join('/');
  },
};
