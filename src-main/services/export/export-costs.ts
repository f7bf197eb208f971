/**
 * Whether a working copy will be remuxed or re-encoded, and what each item of an export costs in bytes and seconds.
 * The same figures give the estimate shown before an export and the weights of its progress bar, so the bar moves
 * at the pace the estimate promised.
 */
import type { ExportOptions, ExportPreset } from '../../../src-shared/domain/export';
import { decideWorkingCopyMethod, scaledSize } from '../../../src-shared/ffmpeg-args/export';
import type { ProbeResult } from '../media/probe';

/** A plain copy from and to local disks; USB sticks are slower, but the export folder is on this computer. */
export const COPY_BYTES_PER_S = 150e6;
/** SHA-256 with the CPU's SHA instructions reads a warm file at about a GB/s; half that allows for older machines. */
export const HASH_BYTES_PER_S = 500e6;
/** A still is a small PNG; this is the cost of opening and renaming one, which outweighs its bytes. */
export const STILL_OVERHEAD_S = 0.05;

/**
 * Per preset (see PRESET_QUALITY): bits per pixel per frame of the H.264 it makes at its CRF on CCTV pictures, and how
 * many source pixels a second libx264 at its x264 preset gets through, decoding included, on a two-core machine.
 * Rough by nature; they only set expectations and pace the progress bar.
 */
const PRESETS: Record<ExportPreset, { bitsPerPixelFrame: number; pixelsPerS: number }> = {
  original: { bitsPerPixelFrame: 0.1, pixelsPerS: 30e6 },
  balanced: { bitsPerPixelFrame: 0.05, pixelsPerS: 60e6 },
  small: { bitsPerPixelFrame: 0.06, pixelsPerS: 80e6 },
};
/** Hardware encoders run several times faster than libx264; decoding the source then sets the pace. */
const HARDWARE_SPEEDUP = 4;
/** When the probe says nothing about the picture: a common recorder main stream. */
const DEFAULT_PICTURE = { width: 1920, height: 1080, frameRate: 25 };

export interface WorkingCopyPrediction {
  method: 'remux' | 'reencode';
  reason: string;
  picture: { width: number; height: number; frameRate: number };
}

/**
 * makeWorkingCopy's own rule (decideWorkingCopyMethod), applied to a probe of the clip's first recording (null when
 * ffprobe could not read it): a camera records in one format, so the first file speaks for the rest.
 */
export function predictWorkingCopy(options: { probe: ProbeResult | null; fileName: string; exportOptions: ExportOptions }): WorkingCopyPrediction {
  const { probe, exportOptions } = options;
  const video = probe?.streams.find((stream) => stream.codecType === 'video' && stream.codecName !== 'mjpeg' && stream.codecName !== 'png') ??
    probe?.streams.find((stream) => stream.codecType === 'video') ??
    null;
  const picture = {
    width: video?.width ?? DEFAULT_PICTURE.width,
    height: video?.height ?? DEFAULT_PICTURE.height,
    frameRate: video?.frameRate ?? DEFAULT_PICTURE.frameRate,
  };
  if (!probe) return { method: 'reencode', reason: "Handover could not read this recording's format, so it will try to convert it to H.264.", picture };
  const audio = probe.streams.find((stream) => stream.codecType === 'audio');
  const decision = decideWorkingCopyMethod({
    inputs: [
      {
        name: options.fileName,
        formatName: probe.formatName,
        video: { codecName: video?.codecName ?? null, profile: video?.profile ?? null, pixFmt: video?.pixFmt ?? null, width: video?.width ?? null, height: video?.height ?? null },
        audioCodecName: audio?.codecName ?? null,
      },
    ],
    preset: exportOptions.preset,
    captioned: exportOptions.caption,
    enhancement: exportOptions.enhancement,
  });
  return { method: decision.method, reason: decision.reasons.join(' '), picture };
}

/** What one working copy will take: bytes on disk and seconds of work (ffmpeg, then reading it back to hash it). */
export function workingCopyCost(options: {
  prediction: WorkingCopyPrediction;
  preset: ExportPreset;
  durationS: number;
  /** The clip's share of its recordings' bytes; null while a size is unknown. */
  sourceBytes: number | null;
  encoder: string;
}): { bytes: number | null; encodeSeconds: number; hashSeconds: number } {
  const { prediction, durationS } = options;
  if (prediction.method === 'remux') {
    const bytes = options.sourceBytes;
    // Unknown sizes still need a weight for the progress bar: a recorder's typical 4 Mbit/s.
    const forTime = bytes ?? (durationS * 4e6) / 8;
    return { bytes, encodeSeconds: forTime / COPY_BYTES_PER_S, hashSeconds: forTime / HASH_BYTES_PER_S };
  }
  const preset = PRESETS[options.preset];
  const { width, height, frameRate } = prediction.picture;
  const out = scaledSize({ preset: options.preset, width, height });
  const bytes = Math.round((out.width * out.height * frameRate * preset.bitsPerPixelFrame * durationS) / 8);
  const speedup = options.encoder === 'libx264' ? 1 : HARDWARE_SPEEDUP;
  const encodeSeconds = (durationS * width * height * frameRate) / (preset.pixelsPerS * speedup);
  return { bytes, encodeSeconds, hashSeconds: bytes / HASH_BYTES_PER_S };
}

/**
 * The bytes of a clip's recordings it covers: each file by the share of its length inside the clip (footage is
 * spread evenly over a file at a recorder's constant bit rate). Null while any size is unknown.
 */
export function coveredBytes(options: { recordings: readonly { size: number | null; trueStartMs: number; trueEndMs: number }[]; startMs: number; endMs: number }): number | null {
  let total = 0;
  for (const recording of options.recordings) {
    if (recording.size === null) return null;
    const lengthMs = recording.trueEndMs - recording.trueStartMs;
    const overlapMs = Math.min(options.endMs, recording.trueEndMs) - Math.max(options.startMs, recording.trueStartMs);
    const share = lengthMs > 0 ? Math.min(1, Math.max(0, overlapMs / lengthMs)) : 1;
    total += recording.size * share;
  }
  return Math.round(total);
}
