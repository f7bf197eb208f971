/**
 * Whether a working copy can be a remux (the camera's own H.264, repackaged into MP4 without touching a picture) or
 * needs a re-encode, and why in plain words. Police guidance asks that every processing step be explained, and a
 * re-encode is a step; a remux keeps every pixel the camera recorded, so it is always preferred when it is possible.
 */
import type { Enhancement, ExportPreset } from '../domain/export';

/** What ffprobe says about one input, as far as the decision needs it. */
export interface WorkingCopyInputFacts {
  /** The file name, for messages. */
  name: string;
  /** ffprobe's format name, e.g. "mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm", "mpeg", "dhav". */
  formatName: string | null;
  video: { codecName: string | null; profile: string | null; pixFmt: string | null; width: number | null; height: number | null };
  /** The first audio stream's codec, or null when there is no sound. */
  audioCodecName: string | null;
}

export interface WorkingCopyDecision {
  method: 'remux' | 'reencode';
  /** One plain sentence per reason; empty for a remux. */
  reasons: string[];
  /** For a remux: whether the sound is copied, converted to AAC (MP4 players expect it), or absent. */
  audio: 'copy' | 'aac' | 'none';
}

/**
 * 4:2:0 8-bit is what every H.264 player decodes. yuvj420p is the same pictures with the full-range flag that many
 * IP cameras set; players honour the flag, so it is as playable as yuv420p.
 */
export const PLAYABLE_PIXEL_FORMATS: ReadonlySet<string> = new Set(['yuv420p', 'yuvj420p']);

/** Profiles beyond High need 10-bit or 4:2:2/4:4:4 decoders that office PCs do not have. */
const UNPLAYABLE_PROFILE = /high 10|high 4:2:2|high 4:4:4|cavlc 4:4:4/i;

/** Containers whose timing or packaging MP4 cannot take over as it is, even around H.264. */
const REENCODE_CONTAINERS: Record<string, string> = {
  dhav: "The recording is in Dahua's own DAV format, whose timing MP4 cannot take over as it is, so the picture is re-encoded.",
};

const CODEC_WORDS: Record<string, string> = {
  hevc: 'HEVC (H.265)',
  mjpeg: 'Motion JPEG',
  mpeg4: 'MPEG-4 Part 2',
  mpeg2video: 'MPEG-2',
  h263: 'H.263',
};

const ENHANCEMENT_WORDS: Record<keyof Enhancement, string> = {
  brightness: 'brightness',
  contrast: 'contrast',
  gamma: 'gamma',
  sharpen: 'sharpening',
  denoise: 'noise reduction',
  deinterlace: 'deinterlacing',
};

const NEUTRAL_ENHANCEMENT: Enhancement = { brightness: 0, contrast: 1, gamma: 1, sharpen: 0, denoise: 0, deinterlace: false };

/** The enhancements that would change the picture; an object left at its neutral values asks for nothing. */
export function activeEnhancements(enhancement: Enhancement | null): (keyof Enhancement)[] {
  if (enhancement === null) return [];
  return (Object.keys(NEUTRAL_ENHANCEMENT) as (keyof Enhancement)[]).filter((key) => enhancement[key] !== NEUTRAL_ENHANCEMENT[key]);
}

function codecWords(codecName: string | null): string {
  if (codecName === null) return 'a format ffprobe could not name';
  return CODEC_WORDS[codecName] ?? codecName.toUpperCase();
}

function sizeText(video: WorkingCopyInputFacts['video']): string {
  return `${video.width ?? '?'}×${video.height ?? '?'}`;
}

/** Reasons found in the inputs themselves: codec, colour format, container, and changes between files. */
function inputReasons(inputs: readonly WorkingCopyInputFacts[]): string[] {
  const reasons = new Set<string>();
  for (const input of inputs) {
    const { codecName, pixFmt, profile } = input.video;
    if (codecName !== 'h264') {
      reasons.add(`The camera records in ${codecWords(codecName)}, which not every police PC plays.`);
    } else if ((pixFmt !== null && !PLAYABLE_PIXEL_FORMATS.has(pixFmt)) || (profile !== null && UNPLAYABLE_PROFILE.test(profile))) {
      reasons.add(`The camera records H.264 in a colour format (${pixFmt ?? profile ?? 'unknown'}) that not every police PC plays.`);
    }
    const container = (input.formatName ?? '').split(',').find((name) => REENCODE_CONTAINERS[name] !== undefined);
    if (container !== undefined) reasons.add(REENCODE_CONTAINERS[container]!);
  }
  const first = inputs[0];
  const changed = inputs.find((input) => first && (input.video.width !== first.video.width || input.video.height !== first.video.height || input.video.codecName !== first.video.codecName));
  if (first && changed) {
    reasons.add(`The picture changes between recordings (${sizeText(first.video)} in ${first.name}, ${sizeText(changed.video)} in ${changed.name}), which one MP4 cannot hold without re-encoding.`);
  }
  return [...reasons];
}

/** Remux when every input is playable H.264 in a container MP4 can take over and nothing asks for new pictures. */
export function decideWorkingCopyMethod(options: {
  inputs: readonly WorkingCopyInputFacts[];
  preset: ExportPreset;
  captioned: boolean;
  enhancement: Enhancement | null;
}): WorkingCopyDecision {
  const { inputs, preset, captioned, enhancement } = options;
  if (inputs.length === 0) throw new RangeError('working copy: at least one input is needed');
  const reasons = inputReasons(inputs);
  if (captioned) reasons.push('A caption was asked for, so the picture is re-drawn.');
  const enhancements = activeEnhancements(enhancement);
  if (enhancements.length > 0) {
    reasons.push(`Picture enhancement was asked for (${enhancements.map((key) => ENHANCEMENT_WORDS[key]).join(', ')}), so the picture is re-drawn.`);
  }
  if (preset === 'small') reasons.push('"Small (for email)" makes the picture smaller, which needs a re-encode.');

  const audioCodecs = inputs.map((input) => input.audioCodecName);
  const audio = audioCodecs[0] === null || audioCodecs[0] === undefined ? 'none' : audioCodecs.every((codec) => codec === 'aac') ? 'copy' : 'aac';
  return { method: reasons.length > 0 ? 'reencode' : 'remux', reasons, audio };
}
