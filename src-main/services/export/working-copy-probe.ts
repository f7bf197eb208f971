/**
 * What a working copy needs to know from ffprobe: about each input before ffmpeg runs (codecs, start, duration,
 * where the cut can go) and about the output after (is it H.264 4:2:0, and which frame times does it hold).
 */
import path from 'node:path';
import {
  buildPacketTimesArgs,
  firstFrameAtOrAfter,
  keyframeAtOrBefore,
  packetEndsInterval,
  packetWindowInterval,
  parsePacketTimes,
  type PacketTimes,
} from '../../../src-shared/ffmpeg-args/export-probe';
import type { WorkingCopyInputFacts } from '../../../src-shared/ffmpeg-args/export-decision';
import { AppError, isAppError } from '../errors';
import type { Logger } from '../logger';
import type { MediaTools, ResolvedTool } from '../media/binaries';
import { probeMedia, type ProbedStream } from '../media/probe';
import { runTool, ToolFailedError } from '../media/runner';

export interface ProbedInput {
  absPath: string;
  name: string;
  /** ffmpeg counts `-ss` and in-points from this; 0 when the file does not say. */
  startTimeS: number;
  durationS: number | null;
  videoIndex: number;
  audioIndex: number | null;
  frameRate: number | null;
  facts: WorkingCopyInputFacts;
}

interface ProbeContext {
  tools: MediaTools;
  logger: Logger;
  signal: AbortSignal;
}

/** How far before an in-point to look for its keyframe; recorders put one every 1-10 s, rarely more. */
const KEYFRAME_LOOKBACK_S = 30;

/** ffmpeg's words for common damage, and what they mean for someone holding the file. */
const KNOWN_PROBLEMS: readonly { pattern: RegExp; words: string }[] = [
  { pattern: /moov atom not found/i, words: 'the index MP4 keeps at its end is missing, so the file was probably cut off while being written or copied' },
  { pattern: /Invalid NAL unit size|error while decoding|corrupt/i, words: 'part of the video data is corrupt' },
  { pattern: /Invalid data found when processing input/i, words: 'it could not be read as video' },
];

/** What went wrong in plain words, with ffmpeg's own last line for whoever investigates. */
export function toolProblem(error: unknown): string {
  if (error instanceof ToolFailedError) {
    const lines = error.stderrTail.trim().split('\n').map((line) => line.trim()).filter(Boolean);
    // ffmpeg prefixes lines with "[demuxer @ 0x…]" or the file's path; neither helps a reader.
    const last = (lines.at(-1) ?? '').replace(/^\[[^\]]*\]\s*/, '').replace(/^.*?: (?=[A-Z])/, '');
    const known = KNOWN_PROBLEMS.find((problem) => lines.some((line) => problem.pattern.test(line)));
    const raw = last || (error.exitCode === null ? 'it crashed while reading the file' : `error code ${error.exitCode}`);
    return known ? `${known.words}; ${error.message.startsWith('ffprobe') ? 'ffprobe' : 'ffmpeg'} said "${last || raw}"` : raw;
  }
  return error instanceof Error ? error.message : String(error);
}

export function damagedError(options: { names: readonly string[]; problem: string; clipLabel?: string; cause?: unknown }): AppError {
  const clip = options.clipLabel ? ` of clip ${options.clipLabel}` : '';
  const which = options.names.length === 1 ? `The recording ${options.names[0]} is` : `One of the recordings (${options.names.join(', ')}) is`;
  return new AppError('media_failed', `${which} damaged or unreadable (${options.problem}), so no working copy could be made${clip}.`, { cause: options.cause });
}

/** Cover art is stored as a one-picture "video" stream; only a real one counts. */
export function pickVideoStream(streams: readonly ProbedStream[]): ProbedStream | null {
  const videos = streams.filter((stream) => stream.codecType === 'video');
  return videos.find((stream) => stream.codecName !== 'mjpeg' && stream.codecName !== 'png') ?? videos[0] ?? null;
}

async function runJson(options: ProbeContext & { tool: ResolvedTool; args: string[] }): Promise<string> {
  const { stdout } = await runTool({ tool: options.tool, args: options.args, logger: options.logger, signal: options.signal, captureStdout: true });
  return stdout;
}

/** Probes every input; a file ffprobe cannot read, or one with no video, is reported as damaged by name. */
export async function probeInputs(options: ProbeContext & { files: readonly string[]; clipLabel?: string }): Promise<ProbedInput[]> {
  const probed: ProbedInput[] = [];
  for (const absPath of options.files) {
    const name = path.basename(absPath);
    let probe;
    try {
      probe = await probeMedia({ ffprobe: options.tools.ffprobe, file: absPath, logger: options.logger, signal: options.signal });
    } catch (error) {
      if (isAppError(error) && error.code !== 'media_failed') throw error;
      throw damagedError({ names: [name], problem: toolProblem(error), clipLabel: options.clipLabel, cause: error });
    }
    const video = pickVideoStream(probe.streams);
    if (!video) throw damagedError({ names: [name], problem: 'no video found in it', clipLabel: options.clipLabel });
    const audio = probe.streams.find((stream) => stream.codecType === 'audio' && stream.codecName !== null) ?? null;
    probed.push({
      absPath,
      name,
      startTimeS: probe.startTimeS ?? 0,
      durationS: probe.durationS,
      videoIndex: video.index,
      audioIndex: audio?.index ?? null,
      frameRate: video.frameRate,
      facts: {
        name,
        formatName: probe.formatName,
        video: { codecName: video.codecName, profile: video.profile, pixFmt: video.pixFmt, width: video.width, height: video.height },
        audioCodecName: audio?.codecName ?? null,
      },
    });
  }
  return probed;
}

async function packetTimes(options: ProbeContext & { file: string; streamIndex: number; intervals: string | null }): Promise<PacketTimes> {
  const args = buildPacketTimesArgs({ inFile: options.file, streamIndex: options.streamIndex, intervals: options.intervals });
  return parsePacketTimes(await runJson({ ...options, tool: options.tools.ffprobe, args }));
}

export interface CutPoints {
  /** Seconds from the file's start of the keyframe at or before the in-point: where a stream copy starts. */
  keyframeS: number;
  /** Seconds from the file's start of the first frame at or after the in-point: where a re-encode starts. */
  firstFrameS: number | null;
}

/**
 * Lists the packets in a window before the in-point, and from the file's start when the window holds no keyframe
 * (a recorder that puts one only every minute).
 */
export async function findCutPoints(options: ProbeContext & { input: ProbedInput; inpointS: number; clipLabel?: string }): Promise<CutPoints> {
  const { input, inpointS } = options;
  const read = async (fromS: number) => {
    // A few seconds past the in-point, so a camera recording one frame a second still shows its next frame.
    const intervals = packetWindowInterval({ startTimeS: input.startTimeS, fromS, toS: inpointS + 5 });
    try {
      return await packetTimes({ ...options, file: input.absPath, streamIndex: input.videoIndex, intervals });
    } catch (error) {
      if (isAppError(error) && error.code !== 'media_failed') throw error;
      throw damagedError({ names: [input.name], problem: toolProblem(error), clipLabel: options.clipLabel, cause: error });
    }
  };
  let times = await read(Math.max(0, inpointS - KEYFRAME_LOOKBACK_S));
  let keyframeS = keyframeAtOrBefore({ times, atS: inpointS });
  if (keyframeS === null && inpointS > KEYFRAME_LOOKBACK_S) {
    times = await read(0);
    keyframeS = keyframeAtOrBefore({ times, atS: inpointS });
  }
  if (keyframeS === null) {
    throw damagedError({ names: [input.name], problem: `no keyframe at or before ${inpointS.toFixed(3)} s to start from`, clipLabel: options.clipLabel });
  }
  return { keyframeS, firstFrameS: firstFrameAtOrAfter({ times, atS: inpointS }) };
}

export interface OutputFacts {
  codecName: string | null;
  pixFmt: string | null;
  width: number | null;
  height: number | null;
  durationS: number | null;
  /** Output timestamps of the earliest frame, the first keyframe and the latest frame, and a frame's length. */
  firstPtsS: number;
  firstKeyPtsS: number;
  lastPtsS: number;
  frameDurationS: number;
}

/** ffprobe of a finished copy: its video format, and its first and last frame times from packets at both ends. */
export async function probeOutput(options: ProbeContext & { file: string }): Promise<OutputFacts | null> {
  const probe = await probeMedia({ ffprobe: options.tools.ffprobe, file: options.file, logger: options.logger, signal: options.signal });
  const video = pickVideoStream(probe.streams);
  if (!video) return null;
  // With B-frames the earliest frame is not the first packet; a hundred packets cover any reordering.
  // Short copies are read whole; long ones only at both ends, so a 4 GB copy is not read again just for two times.
  const long = probe.durationS !== null && probe.durationS > 30;
  const tailFromS = long ? (probe.startTimeS ?? 0) + probe.durationS! - 10 : null;
  const read = (intervals: string | null) => packetTimes({ ...options, file: options.file, streamIndex: video.index, intervals });
  let times = await read(tailFromS === null ? null : packetEndsInterval({ count: 100, tailFromS }));
  if (tailFromS !== null && !times.packets.some((packet) => packet.ptsS >= tailFromS)) {
    // No tail came back: the copy is shorter than its header says, or ffprobe skipped the seek. Only a full read tells.
    options.logger.warn('packet listing had no tail; reading the whole copy', { file: options.file, tailFromS });
    times = await read(null);
  }
  if (times.packets.length === 0) return null;
  const pts = times.packets.map((packet) => packet.ptsS);
  const firstKey = times.packets.find((packet) => packet.key);
  const frameDurationS = times.packets.find((packet) => packet.durationS !== null && packet.durationS > 0)?.durationS ?? (video.frameRate ? 1 / video.frameRate : 0);
  return {
    codecName: video.codecName,
    pixFmt: video.pixFmt,
    width: video.width,
    height: video.height,
    durationS: probe.durationS,
    firstPtsS: Math.min(...pts),
    firstKeyPtsS: firstKey?.ptsS ?? Math.min(...pts),
    lastPtsS: Math.max(...pts),
    frameDurationS,
  };
}
