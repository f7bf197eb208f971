/**
 * Fallback for any video file the specific layouts do not recognise. The name is not trusted for
 * time; the scanner reads that from the container or the file's modified time later.
 */
import { splitFileName, splitRelPath, toPathSegment } from './path-parts';
import { formatCompactDateTime } from './time-fields';
import type { LayoutParser, ParsedRecordingPath } from './types';

export const GENERIC_VIDEO_EXTENSIONS: ReadonlySet<string> = new Set([
  'mp4', 'mkv', 'avi', 'mov', 'ts', 'm2ts', 'dav', 'h264', '264', 'asf',
]);

/** Files straight in the footage folder have no folder to name their camera. */
const ROOT_CAMERA_NAME = 'footage';

/**
 * Folders named only by digits and separators ('2026-03-14', '14', '20260314') split footage by
 * time, not by camera, so the camera is the nearest folder above them.
 */
const TIME_FOLDER = /^[0-9][0-9 ._-]*$/;

function parseGeneric(relPath: string): ParsedRecordingPath | null {
  const parts = splitRelPath(relPath);
  if (!parts) return null;
  const file = splitFileName(parts.fileName);
  if (!file || !GENERIC_VIDEO_EXTENSIONS.has(file.extension)) return null;

  const cameraDepth = parts.folders.findLastIndex((folder) => !TIME_FOLDER.test(folder));
  const cameraFolder = parts.folders[cameraDepth];
  return {
    layout: 'generic',
    // The whole path keeps 'siteA/cam1' and 'siteB/cam1' apart; the label stays short.
    cameraKey: cameraFolder === undefined ? ROOT_CAMERA_NAME : parts.folders.slice(0, cameraDepth + 1).join('/'),
    cameraLabel: cameraFolder ?? ROOT_CAMERA_NAME,
    start: null,
    end: null,
    clock: 'local',
    dstHint: null,
    eventKind: null,
    stream: null,
    partial: file.partial,
    extension: file.extension,
    warnings: file.partial ? ['file name marks it as still being written'] : [],
  };
}

export const genericLayout: LayoutParser = {
  id: 'generic',
  parse: parseGeneric,
  format({ cameraIndex, cameraName, start, extension }) {
    const container = extension !== undefined && GENERIC_VIDEO_EXTENSIONS.has(extension.toLowerCase()) ? extension.toLowerCase() : 'mp4';
    const folder = toPathSegment({ name: cameraName, fallback: `Camera ${cameraIndex}` });
    return `${folder}/clip-${formatCompactDateTime(start)}.${container}`;
  },
};
