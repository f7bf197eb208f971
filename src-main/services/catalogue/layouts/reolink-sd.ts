/**
 * Reolink camera SD card (copied off the card, or the card itself):
 *   [<card folder>/]Mp4Record/YYYY-MM-DD/Rec<M|S><NN>_[DST]<YYYYMMDD>_<hhmmss>_<hhmmss>_<hex flags>[_…]_<hex size>.mp4
 * NN is the file-format version, not a channel: each card belongs to one camera, so the camera is
 * the folder holding 'Mp4Record'.
 */
import { splitFileName, splitRelPath, takeTrailingFolders, toPathSegment } from './path-parts';
import {
  combineDateAndTime,
  formatCompactDate,
  formatCompactTime,
  formatDashedDate,
  parseCompactDate,
  parseCompactTime,
  parseDashedDate,
  resolveEndTimeOfDay,
  sameCalendarDate,
} from './time-fields';
import type { LayoutParser, ParsedRecordingPath } from './types';

const RECORD_FOLDER = /^mp4record$/i;
const RECORDING_STEM =
  /^Rec([MS])([0-9]{2})_(DST)?([0-9]{8})_([0-9]{6})_([0-9]{6})_[0-9A-F]+(?:_[0-9A-F]+)*_[0-9A-F]+$/i;
/** What a card at the root of the footage folder is called, since there is no folder to name it. */
const ROOT_CAMERA_NAME = 'reolink';

function parseReolinkSd(relPath: string): ParsedRecordingPath | null {
  const parts = splitRelPath(relPath);
  if (!parts) return null;
  const file = splitFileName(parts.fileName);
  if (!file || file.partial || file.extension !== 'mp4') return null;
  const folders = takeTrailingFolders({ folders: parts.folders, count: 2 });
  if (!folders) return null;
  const [recordFolder = '', dateFolder = ''] = folders.trailing;
  const folderDate = parseDashedDate(dateFolder);
  const match = RECORDING_STEM.exec(file.stem);
  if (!RECORD_FOLDER.test(recordFolder) || !folderDate || !match) return null;
  const [, streamCode = '', , dstMarker, dateText = '', startText = '', endText = ''] = match;

  const nameDate = parseCompactDate(dateText);
  const startTime = parseCompactTime(startText);
  const endTime = parseCompactTime(endText);
  const start = nameDate && startTime && combineDateAndTime({ date: nameDate, time: startTime });
  if (!start || !endTime) return null;
  const span = resolveEndTimeOfDay({ start, endTime });
  if (!span) return null;

  const warnings = [...span.warnings];
  if (!sameCalendarDate(folderDate, start)) {
    warnings.push(`date folder ${dateFolder} does not match the date ${formatDashedDate(start)} in the name`);
  }
  const cardFolder = folders.above.at(-1);
  return {
    layout: 'reolink-sd',
    cameraKey: cardFolder === undefined ? ROOT_CAMERA_NAME : folders.above.join('/'),
    cameraLabel: cardFolder ?? ROOT_CAMERA_NAME,
    start,
    end: span.end,
    clock: 'local',
    dstHint: dstMarker !== undefined,
    eventKind: null,
    stream: streamCode.toUpperCase() === 'S' ? 'sub' : 'main',
    partial: false,
    extension: file.extension,
    warnings,
  };
}

export const reolinkSdLayout: LayoutParser = {
  id: 'reolink-sd',
  parse: parseReolinkSd,
  format({ cameraIndex, cameraName, start, end }) {
    const cardFolder = toPathSegment({ name: cameraName, fallback: `Camera ${cameraIndex}` });
    const name = `RecM02_${formatCompactDate(start)}_${formatCompactTime(start)}_${formatCompactTime(end)}_6D28808_0.mp4`;
    return [cardFolder, 'Mp4Record', formatDashedDate(start), name].join('/');
  },
};
