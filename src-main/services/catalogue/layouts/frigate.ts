/**
 * Frigate NVR recordings folder, in UTC:
 *   recordings/YYYY-MM-DD/HH/<camera>/MM.SS.mp4      (Frigate 0.12 and later)
 *   recordings/YYYY-MM/DD/HH/<camera>/MM.SS.mp4      (earlier releases)
 * Segments run about ten seconds, but the name only gives the start.
 */
import { splitFileName, splitRelPath, toPathSegment, twoDigits } from './path-parts';
import { combineDateAndTime, formatDashedDate, parseDateFields, parseTimeFields, type CalendarDate } from './time-fields';
import type { LayoutParser, ParsedRecordingPath } from './types';

const RECORDINGS_FOLDER = /^recordings$/i;
const DAY_FOLDER = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
const MONTH_FOLDER = /^([0-9]{4})-([0-9]{2})$/;
const TWO_DIGITS = /^([0-9]{2})$/;
const SEGMENT_STEM = /^([0-9]{2})\.([0-9]{2})$/;

interface FrigateFolders {
  date: CalendarDate;
  hourText: string;
  camera: string;
}

/** Reads the folders between 'recordings' and the file, in either the current or the older shape. */
function readFolders(folders: string[]): FrigateFolders | null {
  const camera = folders.at(-1);
  const hourText = TWO_DIGITS.exec(folders.at(-2) ?? '')?.[1];
  if (camera === undefined || hourText === undefined) return null;

  const dayMatch = DAY_FOLDER.exec(folders.at(-3) ?? '');
  if (dayMatch && RECORDINGS_FOLDER.test(folders.at(-4) ?? '')) {
    const date = parseDateFields({ year: dayMatch[1], month: dayMatch[2], day: dayMatch[3] });
    return date && { date, hourText, camera };
  }
  const monthMatch = MONTH_FOLDER.exec(folders.at(-4) ?? '');
  const dayText = TWO_DIGITS.exec(folders.at(-3) ?? '')?.[1];
  if (monthMatch && dayText !== undefined && RECORDINGS_FOLDER.test(folders.at(-5) ?? '')) {
    const date = parseDateFields({ year: monthMatch[1], month: monthMatch[2], day: dayText });
    return date && { date, hourText, camera };
  }
  return null;
}

function parseFrigate(relPath: string): ParsedRecordingPath | null {
  const parts = splitRelPath(relPath);
  if (!parts) return null;
  const file = splitFileName(parts.fileName);
  if (!file || file.partial || file.extension !== 'mp4') return null;
  const folders = readFolders(parts.folders);
  const segment = SEGMENT_STEM.exec(file.stem);
  if (!folders || !segment) return null;
  const time = parseTimeFields({ hour: folders.hourText, minute: segment[1], second: segment[2] });
  const start = time && combineDateAndTime({ date: folders.date, time });
  if (!start) return null;

  return {
    layout: 'frigate',
    cameraKey: folders.camera,
    cameraLabel: folders.camera,
    start,
    end: null,
    clock: 'utc',
    dstHint: null,
    eventKind: null,
    stream: null,
    partial: false,
    extension: file.extension,
    warnings: [],
  };
}

export const frigateLayout: LayoutParser = {
  id: 'frigate',
  parse: parseFrigate,
  format({ cameraIndex, cameraName, start }) {
    const camera = toPathSegment({ name: cameraName, fallback: `camera_${cameraIndex}` });
    const segment = `${twoDigits(start.minute)}.${twoDigits(start.second)}.mp4`;
    return ['recordings', formatDashedDate(start), twoDigits(start.hour), camera, segment].join('/');
  },
};
