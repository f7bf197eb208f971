/**
 * ffprobe listings of video packet times, for the two places a working copy needs exact frame times: the keyframe
 * at or before an in-point (where a stream copy must start) and the first and last frames of the finished copy.
 * Packets, not frames: nothing is decoded, so it is quick; with `-read_intervals` only the stretch asked for is read.
 */
import { formatSeconds } from './still';

export interface PacketTimes {
  /** The file's start time (ffmpeg counts `-ss` from it), 0 when ffprobe does not say. */
  startTimeS: number;
  durationS: number | null;
  /** In file order (decode order); times are the file's own timestamps, not counted from its start. */
  packets: { ptsS: number; durationS: number | null; key: boolean }[];
}

/**
 * `streamIndex`: the video stream's index (not "v:0", which could be a cover picture). `intervals`: an ffprobe
 * `-read_intervals` value (see keyframeSearchInterval), or null for the whole file.
 */
export function buildPacketTimesArgs(options: { inFile: string; streamIndex: number; intervals: string | null }): string[] {
  const { inFile, streamIndex, intervals } = options;
  if (inFile === '') throw new RangeError('packet times: inFile is required');
  if (!Number.isInteger(streamIndex) || streamIndex < 0) throw new RangeError(`packet times: bad stream index ${streamIndex}`);
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-select_streams',
    String(streamIndex),
    ...(intervals === null ? [] : ['-read_intervals', intervals]),
    '-show_entries',
    'packet=pts_time,duration_time,flags:format=start_time,duration',
    '-print_format',
    'json=compact=1',
    '-i',
    inFile,
  ];
}

/**
 * From `fromS` to `toS` (seconds from the file's start). Both ends are written as the file's own timestamps: ffprobe
 * reads a relative end ("%+…") from wherever its seek landed, not from the time asked for. ffprobe starts at the
 * keyframe nearest the start, which may be after it in formats that seek roughly, so callers look back generously.
 */
export function packetWindowInterval(options: { startTimeS: number; fromS: number; toS: number }): string {
  const { startTimeS, fromS, toS } = options;
  if (!Number.isFinite(fromS) || !Number.isFinite(toS) || toS <= fromS) throw new RangeError(`packet times: bad window ${fromS}..${toS}`);
  return `${formatSeconds(startTimeS + Math.max(0, fromS))}%${formatSeconds(startTimeS + toS)}`;
}

/**
 * Far past any recording's end. An interval is never left open ("590%"): the bundled ffprobe (5.2, 2023 static build)
 * reads an open end as garbage, so whether it returns the tail depends on how long its own path is.
 */
const TO_THE_END_S = 7 * 86_400;

/** The first `count` packets, then everything from `tailFromS` (file time) to the end: a finished copy's two ends. */
export function packetEndsInterval(options: { count: number; tailFromS: number | null }): string {
  const head = `%+#${Math.max(1, Math.round(options.count))}`;
  return options.tailFromS === null ? head : `${head},${formatSeconds(Math.max(0, options.tailFromS))}%+${TO_THE_END_S}`;
}

function num(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || value.trim() === '' || value === 'N/A') return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}

/** Reads buildPacketTimesArgs' output; packets without a time are left out (nothing could be cut at them). */
export function parsePacketTimes(text: string): PacketTimes {
  const root = JSON.parse(text) as { packets?: unknown; format?: { start_time?: unknown; duration?: unknown } };
  const packets: PacketTimes['packets'] = [];
  for (const packet of Array.isArray(root.packets) ? (root.packets as Record<string, unknown>[]) : []) {
    const ptsS = num(packet.pts_time);
    if (ptsS === null) continue;
    packets.push({ ptsS, durationS: num(packet.duration_time), key: typeof packet.flags === 'string' && packet.flags.startsWith('K') });
  }
  return { startTimeS: num(root.format?.start_time) ?? 0, durationS: num(root.format?.duration), packets };
}

/** Seconds from the file's start of the last keyframe at or before `atS`, or null when the packets hold none. */
export function keyframeAtOrBefore({ times, atS }: { times: PacketTimes; atS: number }): number | null {
  let best: number | null = null;
  for (const packet of times.packets) {
    const relS = packet.ptsS - times.startTimeS;
    // Half a millisecond of slack: in-points come from millisecond times, keyframe times from the file's time base.
    if (packet.key && relS <= atS + 0.0005 && (best === null || relS > best)) best = relS;
  }
  return best;
}

/** Seconds from the file's start of the first frame at or after `atS` (the first one a re-encode keeps), or null. */
export function firstFrameAtOrAfter({ times, atS }: { times: PacketTimes; atS: number }): number | null {
  let best: number | null = null;
  for (const packet of times.packets) {
    const relS = packet.ptsS - times.startTimeS;
    if (relS >= atS - 0.0005 && (best === null || relS < best)) best = relS;
  }
  return best;
}
