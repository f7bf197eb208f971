/**
 * Dahua / Lorex / XVR export to a USB stick:
 *   <device>_ch<N>_<main|sub>_<YYYYMMDDhhmmss>_<YYYYMMDDhhmmss>[_<part>…].(dav|mp4)
 * The device name is whatever the installer typed, so it may hold underscores and spaces.
 */
import { channelCamera, splitFileName, splitRelPath } from './path-parts';
import { checkFullSpanEnd, formatCompactDateTime, parseCompactDateTime } from './time-fields';
import type { LayoutParser, ParsedRecordingPath, RecordingStream } from './types';

const VIDEO_EXTENSIONS = new Set(['dav', 'mp4']);
const CHANNEL_TOKEN = /^ch([0-9]{1,3})$/i;
const STREAM_TOKEN = /^(main|sub)$/i;
const TIMESTAMP_TOKEN = /^[0-9]{14}$/;

/** Demo footage needs some device name; this is what Dahua XVRs ship with. */
const DEMO_DEVICE_NAME = 'XVR';

interface ExportNameFields {
  device: string;
  channel: number;
  stream: RecordingStream;
  startText: string;
  endText: string;
}

/**
 * Token scan rather than one regex: the device name is free text, and scanning for the first
 * 'chN_main|sub_<14 digits>_<14 digits>' run keeps any underscores before it in the device name.
 */
function readExportName(stem: string): ExportNameFields | null {
  const tokens = stem.split('_');
  for (let index = 1; index + 3 < tokens.length; index += 1) {
    const channelText = CHANNEL_TOKEN.exec(tokens[index] ?? '')?.[1];
    const streamText = STREAM_TOKEN.exec(tokens[index + 1] ?? '')?.[1];
    const startText = tokens[index + 2] ?? '';
    const endText = tokens[index + 3] ?? '';
    if (channelText === undefined || streamText === undefined) continue;
    if (!TIMESTAMP_TOKEN.test(startText) || !TIMESTAMP_TOKEN.test(endText)) continue;
    const device = tokens.slice(0, index).join('_');
    if (device.trim() === '') return null;
    const stream: RecordingStream = streamText.toLowerCase() === 'sub' ? 'sub' : 'main';
    return { device, channel: Number(channelText), stream, startText, endText };
  }
  return null;
}

function parseDahuaUsb(relPath: string): ParsedRecordingPath | null {
  const parts = splitRelPath(relPath);
  if (!parts) return null;
  const file = splitFileName(parts.fileName);
  if (!file || !VIDEO_EXTENSIONS.has(file.extension)) return null;
  const fields = readExportName(file.stem);
  if (!fields) return null;
  const start = parseCompactDateTime(fields.startText);
  const namedEnd = parseCompactDateTime(fields.endText);
  if (!start || !namedEnd) return null;
  const span = checkFullSpanEnd({ start, end: namedEnd });

  return {
    layout: 'dahua-usb',
    ...channelCamera({ channel: fields.channel, recorderScope: [fields.device] }),
    start,
    end: span.end,
    clock: 'local',
    dstHint: null,
    eventKind: null,
    stream: fields.stream,
    partial: file.partial,
    extension: file.extension,
    warnings: span.warnings,
  };
}

export const dahuaUsbLayout: LayoutParser = {
  id: 'dahua-usb',
  parse: parseDahuaUsb,
  format({ cameraIndex, start, end, extension }) {
    const container = extension !== undefined && VIDEO_EXTENSIONS.has(extension.toLowerCase()) ? extension.toLowerCase() : 'dav';
    return `${DEMO_DEVICE_NAME}_ch${cameraIndex}_main_${formatCompactDateTime(start)}_${formatCompactDateTime(end)}.${container}`;
  },
};
