/**
 * One working copy of one clip on one camera: an H.264 MP4 (yuv420p, High or Main profile, AAC when there is audio,
 * +faststart) that any police PC plays. STUB: the contract between the export job and the ffmpeg side (issue 5).
 */
import type { Enhancement, ExportPreset, ProcessingStep } from '../../../src-shared/domain/export';
import type { Logger } from '../logger';
import type { MediaTools } from '../media/binaries';

/** A source recording the clip overlaps, in time order; the clip may span several. */
export interface WorkingCopyInput {
  absPath: string;
  /** Seconds into this file where the clip starts (first file) or 0; the cut is at the keyframe at or before it. */
  inpointS: number;
  /** Seconds into this file where the clip ends (last file), or null for "to the end of the file". */
  outpointS: number | null;
}

export interface WorkingCopyRequest {
  inputs: WorkingCopyInput[];
  /** The new file to write (a temporary name in the export folder); must not exist. */
  outFile: string;
  preset: ExportPreset;
  /** Burnt-in caption, or null: the text parts; the true time is drawn by ffmpeg from the frame times. */
  caption: { caseReference: string; cameraLabel: string; timeZone: string; trueStartMs: number } | null;
  enhancement: Enhancement | null;
  tools: MediaTools;
  /** The H.264 encoder to use when re-encoding (see encoders.ts): 'libx264' or a hardware one found to work. */
  encoder: string;
  logger: Logger;
  signal: AbortSignal;
  /** 0..1 through this copy. */
  onProgress?: (ratio: number) => void;
}

export interface WorkingCopyResult {
  method: 'remux' | 'reencode';
  /** Why a re-encode was needed, in plain words; '' for remux. */
  reason: string;
  /** Each ffmpeg run, with its exact command line and the ffmpeg version. */
  steps: ProcessingStep[];
  /** From ffprobe of the output: the first and last video timestamps, in seconds relative to the first input's start. */
  firstPtsS: number;
  lastPtsS: number;
  /** Set when a source was damaged or cut short and the copy is shorter than asked. */
  incomplete: string | null;
}

export function makeWorkingCopy(_request: WorkingCopyRequest): Promise<WorkingCopyResult> {
  return Promise.reject(new Error('not implemented'));
}

/**
 * Splits an MP4 bigger than `maxBytes` into playable parts of at most `maxBytes` each (cut at keyframes, by stream
 * copy), written as `<base>.part1.mp4`, … next to it; returns the part files in order (just the file itself when it fits).
 */
export function splitWorkingCopy(_options: { file: string; maxBytes: number; tools: MediaTools; logger: Logger; signal: AbortSignal }): Promise<{ files: string[]; steps: ProcessingStep[] }> {
  return Promise.reject(new Error('not implemented'));
}

/** The H.264 encoder to use: the first hardware encoder whose one-frame test encode works here, else libx264. Cached. */
export function detectH264Encoder(_options: { tools: MediaTools; logger: Logger }): Promise<string> {
  return Promise.resolve('libx264');
}
