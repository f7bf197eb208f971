/**
 * Reolink upload to an FTP server, below whatever root folder the server was given:
 *   YYYY/MM/DD/<camera name>_<NN>_<YYYYMMDDhhmmss>.mp4
 * The name carries the camera's own name, so it is the camera key; only the start is recorded.
 */
import { fourDigits, splitFileName, splitRelPath, takeTrailingFolders, toPathSegment, twoDigits } from './path-parts';
import { formatCompactDateTime, formatDashedDate, parseCompactDateTime, parseDateFields, sameCalendarDate } from './time-fields';
import type { LayoutParser, ParsedRecordingPath } from './types';

const YEAR_FOLDER = /^[0-9]{4}$/;
const TWO_DIGIT_FOLDER = /^[0-9]{2}$/;
/** Greedy camera part: the last two underscore fields are the stream number and the timestamp. */
const UPLOAD_STEM = /^(.+)_([0-9]{2})_([0-9]{14})$/;

function parseReolinkFtp(relPath: string): ParsedRecordingPath | null {
  const parts = splitRelPath(relPath);
  if (!parts) return null;
  const file = splitFileName(parts.fileName);
  if (!file || file.partial || file.extension !== 'mp4') return null;
  const folders = takeTrailingFolders({ folders: parts.folders, count: 3 });
  if (!folders) return null;
  const [yearFolder = '', monthFolder = '', dayFolder = ''] = folders.trailing;
  if (!YEAR_FOLDER.test(yearFolder) || !TWO_DIGIT_FOLDER.test(monthFolder) || !TWO_DIGIT_FOLDER.test(dayFolder)) return null;
  const folderDate = parseDateFields({ year: yearFolder, month: monthFolder, day: dayFolder });
  const match = UPLOAD_STEM.exec(file.stem);
  if (!folderDate || !match) return null;
  const [, cameraName = '', , startText = ''] = match;
  const start = parseCompactDateTime(startText);
  if (!start || cameraName.trim() === '') return null;

  const warnings: string[] = [];
  if (!sameCalendarDate(folderDate, start)) {
    warnings.push(`date folder ${yearFolder}/${monthFolder}/${dayFolder} does not match the date ${formatDashedDate(start)} in the name`);
  }
  return {
    layout: 'reolink-ftp',
    cameraKey: cameraName,
    cameraLabel: cameraName,
    start,
    end: null,
    clock: 'local',
    dstHint: null,
    eventKind: null,
    stream: null,
    partial: false,
    extension: file.extension,
    warnings,
  };
}

export const reolinkFtpLayout: LayoutParser = {
  id: 'reolink-ftp',
  parse: parseReolinkFtp,
  format({ cameraIndex, cameraName, start }) {
    const camera = toPathSegment({ name: cameraName, fallback: `Camera${cameraIndex}` });
    const dateFolders = [fourDigits(start.year), twoDigits(start.month), twoDigits(start.day)];
    return [...dateFolders, `${camera}_00_${formatCompactDateTime(start)}.mp4`].join('/');
  },
};
