/**
 * Hikvision NVR export to a USB stick:
 *   [<prefix>_]ch<NN>[_]<YYYYMMDDhhmmss>[[_]<YYYYMMDDhhmmss>][_<part>].mp4
 * e.g. 'ch01_20260314140000.mp4' or 'd_PT402_ch012019112016124820191120161258_1.mp4'.
 */
import type { LocalDateTime } from '../../../../src-shared/domain/local-time';
import { channelCamera, splitFileName, splitRelPath, twoDigits } from './path-parts';
import { checkFullSpanEnd, formatCompactDateTime, parseCompactDateTime } from './time-fields';
import type { LayoutParser, ParsedRecordingPath } from './types';

/**
 * With no separator the digits only split one way if the channel is exactly two digits; a one- or
 * three-digit channel is accepted only when an underscore marks where it ends.
 */
const EXPORT_STEM =
  /^(?:(.*)_)?ch(?:([0-9]{2})_?|([0-9]{1,3})_)([0-9]{14})(?:_?([0-9]{14}))?(?:_([0-9]+))?$/i;

function parseHikvisionUsb(relPath: string): ParsedRecordingPath | null {
  const parts = splitRelPath(relPath);
  if (!parts) return null;
  const file = splitFileName(parts.fileName);
  if (!file || file.partial || file.extension !== 'mp4') return null;
  const match = EXPORT_STEM.exec(file.stem);
  if (!match) return null;
  const [, prefix, fixedChannel, separatedChannel, startText = '', endText] = match;

  const start = parseCompactDateTime(startText);
  if (!start) return null;
  let end: LocalDateTime | null = null;
  const warnings: string[] = [];
  if (endText !== undefined) {
    const namedEnd = parseCompactDateTime(endText);
    // An impossible end means the digits were split wrongly, so the start cannot be trusted either.
    if (!namedEnd) return null;
    const span = checkFullSpanEnd({ start, end: namedEnd });
    end = span.end;
    warnings.push(...span.warnings);
  }

  const channel = Number(fixedChannel ?? separatedChannel);
  const recorderScope = prefix !== undefined && prefix !== '' ? [prefix] : [];
  return {
    layout: 'hikvision-usb',
    ...channelCamera({ channel, recorderScope }),
    start,
    end,
    clock: 'local',
    dstHint: null,
    eventKind: null,
    stream: null,
    partial: false,
    extension: file.extension,
    warnings,
  };
}

export const hikvisionUsbLayout: LayoutParser = {
  id: 'hikvision-usb',
  parse: parseHikvisionUsb,
  format({ cameraIndex, start, end }) {
    return `ch${twoDigits(cameraIndex)}_${formatCompactDateTime(start)}_${formatCompactDateTime(end)}.mp4`;
  },
};
