/**
 * Every recorder layout the catalogue recognises, and picking the one a file belongs to.
 */
import { dahuaSdLayout, parseDahuaSdFileName, readDahuaSdFolder } from './dahua-sd';
import { dahuaUsbLayout } from './dahua-usb';
import { frigateLayout } from './frigate';
import { GENERIC_VIDEO_EXTENSIONS, genericLayout } from './generic';
import { hikvisionUsbLayout } from './hikvision-usb';
import { reolinkFtpLayout } from './reolink-ftp';
import { reolinkSdLayout } from './reolink-sd';
import { MAX_REL_PATH_LENGTH } from './path-parts';
import type { LayoutId, LayoutParser, ParsedRecordingPath } from './types';

export type * from './types';
export { LAYOUT_IDS } from './types';

/**
 * Most specific first: layouts anchored on a folder structure, then those recognised by the file
 * name alone, and the catch-all generic layout last.
 */
export const LAYOUT_PARSERS: readonly LayoutParser[] = [
  dahuaSdLayout,
  frigateLayout,
  reolinkSdLayout,
  reolinkFtpLayout,
  dahuaUsbLayout,
  hikvisionUsbLayout,
  genericLayout,
];

export function layoutParserById(id: LayoutId): LayoutParser {
  const parser = LAYOUT_PARSERS.find((candidate) => candidate.id === id);
  if (!parser) throw new Error(`No parser for layout '${id}'`);
  return parser;
}

/** The first layout that reads relPath ('/'-separated, relative to the footage folder), or null for non-video files. */
export function detectLayout(relPath: string): ParsedRecordingPath | null {
  for (const parser of LAYOUT_PARSERS) {
    const parsed = parser.parse(relPath);
    if (parsed) return parsed;
  }
  return null;
}

/**
 * Whether a file name could be a recording in some layout, from its extension alone (partial '.dav_' included). Every
 * layout's extensions are among the generic layout's, and the generic layout reads any such name, so this is exactly
 * the set of files `detectLayout` reads, without running every parser.
 */
export function isVideoFileName(fileName: string): boolean {
  // splitFileName's rules without building its parts: this runs for every file of every scanned folder.
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0) return false;
  const end = fileName.charCodeAt(fileName.length - 1) === 95 ? fileName.length - 1 : fileName.length; // partial '_'
  return end > dot + 1 && GENERIC_VIDEO_EXTENSIONS.has(fileName.slice(dot + 1, end).toLowerCase());
}

/**
 * `detectLayout` for the files of one folder ('/'-separated, '' for the root): the folder path is read once, and for a
 * Dahua SD folder each file needs only its name read. Anything the fast path does not take goes to `detectLayout`,
 * so the answers are always the same as `detectLayout(dirRel + '/' + fileName)`.
 */
export function folderParser(dirRel: string): (fileName: string) => ParsedRecordingPath | null {
  const dahua = dirRel === '' ? null : readDahuaSdFolder(dirRel.split('/'));
  return (fileName) => {
    const relPath = dirRel === '' ? fileName : `${dirRel}/${fileName}`;
    if (dahua && relPath.length <= MAX_REL_PATH_LENGTH && !fileName.startsWith('.')) {
      const parsed = parseDahuaSdFileName({ folder: dahua, fileName });
      if (parsed) return parsed;
    }
    return detectLayout(relPath);
  };
}

export { dahuaSdLayout, dahuaUsbLayout, frigateLayout, genericLayout, hikvisionUsbLayout, reolinkFtpLayout, reolinkSdLayout };
