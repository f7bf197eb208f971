/**
 * Every recorder layout the catalogue recognises, and picking the one a file belongs to.
 */
import { dahuaSdLayout } from './dahua-sd';
import { dahuaUsbLayout } from './dahua-usb';
import { frigateLayout } from './frigate';
import { genericLayout } from './generic';
import { hikvisionUsbLayout } from './hikvision-usb';
import { reolinkFtpLayout } from './reolink-ftp';
import { reolinkSdLayout } from './reolink-sd';
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

export { dahuaSdLayout, dahuaUsbLayout, frigateLayout, genericLayout, hikvisionUsbLayout, reolinkFtpLayout, reolinkSdLayout };
