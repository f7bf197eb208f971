/**
 * ffmpeg arguments for a clip's working copy: an MP4 with H.264 (4:2:0, High or Main), AAC sound when there is any,
 * and the index (moov) at the front, so it plays on any police PC and starts playing before it is fully read.
 *
 * Remux: the camera's own H.264 packets are copied untouched. A copy can only start on a keyframe, so it starts on the
 * keyframe at or before the in-point (found beforehand with ffprobe), so the asked start is never lost.
 *
 * Re-encode: decoding starts a margin before the in-point (some recorder formats seek only roughly) and an output
 * `-ss` keeps exactly the frames from the in-point on. Filters run in a fixed order: deinterlace, denoise,
 * brightness/contrast/gamma, sharpen, scale, caption, each only when asked for.
 */
import type { Enhancement, ExportPreset } from '../domain/export';
import { FFMPEG_PRELUDE, NO_OVERWRITE } from './common';
import { encoderArgs, PRESET_QUALITY } from './export-encoders';
import { FASTSTART, indexArgs, type IndexPlacement } from './export-index';
import { proxyScaleFilter } from './proxy';
import { formatSeconds } from './still';

export { decideWorkingCopyMethod, activeEnhancements, type WorkingCopyDecision, type WorkingCopyInputFacts } from './export-decision';
export { buildCaptionFilters, type CaptionFilterOptions } from './export-caption';
export { encoderArgs, PRESET_QUALITY } from './export-encoders';
export { FASTSTART, indexPlacement, indexProblem, reservedIndexBytes, type IndexPlacement } from './export-index';

/** How far before the in-point a re-encode starts decoding; enough for the longest keyframe gaps recorders use. */
export const REENCODE_DECODE_MARGIN_S = 10;
/** Keyframe spacing of re-encoded copies: quick seeking in any player, and split points every few seconds. */
export const REENCODE_KEYFRAME_INTERVAL_S = 2;

/** Where the pictures come from: one file (with a fast seek) or a concat list of several. */
export type WorkingCopySource = { kind: 'file'; file: string; seekS: number } | { kind: 'concat'; listFile: string };

/** One file in a concat list; times are the file's own timestamps (not counted from its start), as the demuxer reads them. */
export interface ConcatEntry {
  file: string;
  inpointS?: number | null;
  outpointS?: number | null;
  /** Where the next file starts, counted from this one's in-point (or start): keeps gaps between recordings. */
  durationS?: number | null;
}

/**
 * A path in a concat list: single quotes keep everything literal (Windows backslashes too); a quote itself is closed,
 * escaped and reopened. The list is read line by line, so a line break cannot be written at all.
 */
export function escapeConcatPath(file: string): string {
  if (/[\r\n\0]/.test(file)) throw new RangeError(`working copy: a file name with a line break cannot go into a concat list: ${JSON.stringify(file)}`);
  return `'${file.replace(/'/g, `'\\''`)}'`;
}

function requireTime(value: number, what: string): string {
  if (!Number.isFinite(value)) throw new RangeError(`working copy: ${what} must be a number of seconds; got ${value}`);
  return formatSeconds(value);
}

/** The concat demuxer's list ("ffconcat version 1.0", then `file`, `inpoint`, `outpoint`, `duration` lines). */
export function buildConcatList(entries: readonly ConcatEntry[]): string {
  if (entries.length === 0) throw new RangeError('working copy: a concat list needs at least one file');
  const lines = ['ffconcat version 1.0'];
  for (const entry of entries) {
    lines.push(`file ${escapeConcatPath(entry.file)}`);
    if (entry.inpointS != null) lines.push(`inpoint ${requireTime(entry.inpointS, 'inpoint')}`);
    if (entry.outpointS != null) lines.push(`outpoint ${requireTime(entry.outpointS, 'outpoint')}`);
    if (entry.durationS != null) lines.push(`duration ${requireTime(entry.durationS, 'duration')}`);
  }
  return `${lines.join('\n')}\n`;
}

function sourceArgs(source: WorkingCopySource): string[] {
  if (source.kind === 'file') {
    if (source.file === '') throw new RangeError('working copy: the input file is required');
    return ['-ss', requireTime(source.seekS, 'the seek'), '-i', source.file];
  }
  // -safe 0: the list names files by absolute path. -copyts keeps the list's own timeline (its first in-point is 0);
  // without it ffmpeg would shift everything by the earliest timestamp it saw, which B-frames and AAC priming make
  // slightly negative, and the gaps and cuts worked out here would land a fraction of a second off.
  return ['-copyts', '-f', 'concat', '-safe', '0', '-i', source.listFile];
}

function mapArgs(streams: { videoIndex: number; audioIndex: number | null }): string[] {
  return ['-map', `0:${streams.videoIndex}`, ...(streams.audioIndex === null ? [] : ['-map', `0:${streams.audioIndex}`])];
}

/** Output tail shared by both methods: no subtitles or data tracks, index at the front, MP4 whatever the name. */
function mp4Output(outFile: string, index: IndexPlacement): string[] {
  if (outFile === '') throw new RangeError('working copy: outFile is required');
  return ['-sn', '-dn', '-max_muxing_queue_size', '4096', ...indexArgs(index), '-f', 'mp4', outFile];
}

export interface RemuxArgsOptions {
  source: WorkingCopySource;
  /** Output length from the keyframe, or null to the end of the input. */
  durationS: number | null;
  videoIndex: number;
  audioIndex: number | null;
  audio: 'copy' | 'aac' | 'none';
  outFile: string;
  /**
   * How the index gets to the front (see export-index.ts): room reserved for it (one pass), or `+faststart` (a second
   * pass over the whole file), the default.
   */
  index?: IndexPlacement;
}

export function buildRemuxArgs(options: RemuxArgsOptions): string[] {
  const { source, durationS, audio } = options;
  const audioIndex = audio === 'none' ? null : options.audioIndex;
  const audioArgs = audioIndex === null ? ['-an'] : audio === 'copy' ? ['-c:a', 'copy'] : ['-c:a', 'aac', '-b:a', PRESET_QUALITY.original.audioBitrate];
  return [
    ...FFMPEG_PRELUDE,
    NO_OVERWRITE,
    ...sourceArgs(source),
    ...(durationS === null ? [] : ['-t', requireTime(durationS, 'the duration')]),
    ...mapArgs({ videoIndex: options.videoIndex, audioIndex }),
    '-c:v',
    'copy',
    ...audioArgs,
    ...mp4Output(options.outFile, options.index ?? FASTSTART),
  ];
}

export interface ReencodeArgsOptions {
  source: WorkingCopySource;
  /** Output `-ss`: from the decoding start (the file seek or the list's first in-point) to the in-point. */
  cutS: number;
  /** Output length from the in-point, or null to the end. */
  durationS: number | null;
  videoIndex: number;
  audioIndex: number | null;
  /** The `-vf` graph, or '' for none. */
  filters: string;
  encoder: string;
  preset: ExportPreset;
  /** The source's frame rate, for the keyframe spacing; null when unknown. */
  frameRate: number | null;
  outFile: string;
}

/** Frames between keyframes for REENCODE_KEYFRAME_INTERVAL_S; 25 fps is the common CCTV rate when it is unknown. */
export function keyframeIntervalFrames(frameRate: number | null): number {
  const fps = frameRate !== null && Number.isFinite(frameRate) && frameRate > 0 ? frameRate : 25;
  return Math.min(600, Math.max(2, Math.round(fps * REENCODE_KEYFRAME_INTERVAL_S)));
}

export function buildReencodeArgs(options: ReencodeArgsOptions): string[] {
  const { source, cutS, durationS, filters, encoder, preset } = options;
  if (cutS < 0) throw new RangeError(`working copy: the cut must not be before the decoding start; got ${cutS}`);
  return [
    ...FFMPEG_PRELUDE,
    NO_OVERWRITE,
    ...sourceArgs(source),
    '-ss',
    requireTime(cutS, 'the cut'),
    ...(durationS === null ? [] : ['-t', requireTime(durationS, 'the duration')]),
    ...mapArgs({ videoIndex: options.videoIndex, audioIndex: options.audioIndex }),
    ...(filters === '' ? [] : ['-vf', filters]),
    ...encoderArgs({ encoder, preset }),
    '-g',
    String(keyframeIntervalFrames(options.frameRate)),
    ...(options.audioIndex === null ? ['-an'] : ['-c:a', 'aac', '-b:a', PRESET_QUALITY[preset].audioBitrate]),
    ...mp4Output(options.outFile, FASTSTART),
  ];
}

/** One filter in the chain, with what the manifest should say about it. */
export interface AppliedFilter {
  name: 'deinterlace' | 'denoise' | 'eq' | 'sharpen' | 'scale' | 'pad' | 'caption';
  filter: string;
  parameters: Record<string, number | boolean | string>;
}

/** Plain decimals (never "1e-7"), at most four places: far finer than any of these settings can be told apart. */
function num({ value, what, min, max }: { value: number; what: string; min: number; max: number }): string {
  if (!Number.isFinite(value) || value < min || value > max) throw new RangeError(`working copy: ${what} must be ${min} to ${max}; got ${value}`);
  return String(Number(value.toFixed(4)));
}

/** Enhancements, scaling and caption in the fixed order; `captionFilters` comes from buildCaptionFilters. */
export function buildWorkingCopyFilters(options: {
  enhancement: Enhancement | null;
  preset: ExportPreset;
  sourceWidth: number | null;
  sourceHeight: number | null;
  captionFilters: string | null;
}): AppliedFilter[] {
  const e = options.enhancement;
  const applied: AppliedFilter[] = [];
  if (e?.deinterlace) applied.push({ name: 'deinterlace', filter: 'yadif=mode=send_frame:parity=auto:deint=all', parameters: { deinterlace: true } });
  if (e && e.denoise > 0) {
    const strength = num({ value: e.denoise, what: 'denoise', min: 0, max: 10 });
    applied.push({ name: 'denoise', filter: `hqdn3d=luma_spatial=${strength}`, parameters: { denoise: e.denoise } });
  }
  if (e && (e.brightness !== 0 || e.contrast !== 1 || e.gamma !== 1)) {
    const brightness = num({ value: e.brightness, what: 'brightness', min: -1, max: 1 });
    const contrast = num({ value: e.contrast, what: 'contrast', min: 0, max: 3 });
    const gamma = num({ value: e.gamma, what: 'gamma', min: 0.1, max: 10 });
    applied.push({ name: 'eq', filter: `eq=brightness=${brightness}:contrast=${contrast}:gamma=${gamma}`, parameters: { brightness: e.brightness, contrast: e.contrast, gamma: e.gamma } });
  }
  if (e && e.sharpen > 0) {
    const amount = num({ value: e.sharpen, what: 'sharpen', min: 0, max: 2 });
    applied.push({ name: 'sharpen', filter: `unsharp=luma_msize_x=5:luma_msize_y=5:luma_amount=${amount}`, parameters: { sharpen: e.sharpen } });
  }
  const maxWidth = PRESET_QUALITY[options.preset].maxWidth;
  if (maxWidth !== null) {
    applied.push({ name: 'scale', filter: proxyScaleFilter(maxWidth), parameters: { maxWidth } });
  } else if ((options.sourceWidth ?? 0) % 2 === 1 || (options.sourceHeight ?? 0) % 2 === 1) {
    // 4:2:0 needs even sizes; a black pixel added at the edge keeps every recorded one, where scaling would not.
    applied.push({ name: 'pad', filter: 'pad=w=ceil(iw/2)*2:h=ceil(ih/2)*2:x=0:y=0:color=black', parameters: { evenSize: true } });
  }
  if (options.captionFilters !== null) applied.push({ name: 'caption', filter: options.captionFilters, parameters: {} });
  return applied;
}

/** The picture size after the preset's scaling, as the scale filter works it out (width and height even). */
export function scaledSize(options: { preset: ExportPreset; width: number; height: number }): { width: number; height: number } {
  const maxWidth = PRESET_QUALITY[options.preset].maxWidth;
  const even = (value: number) => Math.max(2, Math.ceil(value / 2) * 2);
  if (maxWidth === null) return { width: even(options.width), height: even(options.height) };
  const width = Math.max(2, Math.floor(Math.min(maxWidth, options.width) / 2) * 2);
  return { width, height: even(Math.round((options.height * width) / options.width)) };
}
