/**
 * Dahua / Amcrest SD card, NAS or FTP upload:
 *   YYYY-MM-DD/<ch 3 digits>/dav/<HH>/<HH.MM.SS>-<HH.MM.SS>[R][0@0][0].dav
 * Firmwares that record MP4 vary the two folders below the channel: 'mp4/<HH>', '<HH>hour/mp4' and
 * 'mp4/<HH>hour' are all read.
 */
import { channelCamera, splitFileName, splitRelPath, takeTrailingFolders, threeDigits, twoDigits } from './path-parts';
import { combineDateAndTime, formatDashedDate, parseDashedDate, parseTimeFields, resolveEndTimeOfDay } from './time-fields';
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

/** Reads one file name inside a folder `readDahuaSdFolder` accepted; null when the name is not this layout. */
export function parseDahuaSdFileName(options: { folder: DahuaSdFolder; fileName: string }): ParsedRecordingPath | null {
  const { folder } = options;
  const file = splitFileName(options.fileName);
  if (!file || !VIDEO_EXTENSIONS.has(file.extension)) return null;
  const stem = FILE_STEM.exec(file.stem);
  if (!stem) return null;

  const startTime = parseTimeFields({ hour: stem[1], minute: stem[2], second: stem[3] });
  const endTime = parseTimeFields({ hour: stem[4], minute: stem[5], second: stem[6] });
  const start = startTime && combineDateAndTime({ date: folder.date, time: startTime });
  if (!start || !endTime) return null;
  const span = resolveEndTimeOfDay({ start, endTime });
  if (!span) return null;

  const warnings = [...span.warnings];
  if (folder.folderHour !== start.hour) {
    warnings.push(`hour folder ${twoDigits(folder.folderHour)} does not match the start time ${twoDigits(start.hour)}:xx in the name`);
  }
  const eventCode = (stem[7] ?? '').toUpperCase();
  const eventKind = EVENT_BY_CODE[eventCode] ?? null;
  if (eventKind === null) warnings.push(`unrecognised recording type code '${eventCode}'`);

  return {
    layout: 'dahua-sd',
    ...folder.camera,
    start,
    end: span.end,
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
