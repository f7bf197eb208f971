/**
 * The H.264 encoders a working copy may use, with quality settings that mean roughly the same for each, and the
 * one-frame test that tells whether a hardware encoder really works here (ffmpeg lists encoders it was built with,
 * not ones this computer's graphics chip and driver can run).
 */
import type { ExportPreset } from '../domain/export';

/** In order of preference; the first whose test encode works is used, else libx264. */
export const HARDWARE_H264_ENCODERS = ['h264_nvenc', 'h264_qsv', 'h264_amf', 'h264_videotoolbox'] as const;
export const SOFTWARE_H264_ENCODER = 'libx264';

/**
 * libx264's constant-quality level per preset: 18 is visually lossless for most footage, 23 is x264's own default,
 * 28 is clearly softer but a fraction of the size. Hardware encoders get the nearest equivalent of the same number.
 */
export const PRESET_QUALITY: Record<ExportPreset, { crf: number; x264Preset: string; audioBitrate: string; maxWidth: number | null }> = {
  original: { crf: 18, x264Preset: 'fast', audioBitrate: '128k', maxWidth: null },
  // veryfast: a working copy to watch, made in a fraction of 'fast''s time for a few per cent more bytes.
  balanced: { crf: 23, x264Preset: 'veryfast', audioBitrate: '128k', maxWidth: null },
  small: { crf: 28, x264Preset: 'fast', audioBitrate: '64k', maxWidth: 640 },
};

/**
 * `-c:v` and the quality arguments for an encoder. High profile and 4:2:0 8-bit are what every police PC decodes;
 * Quick Sync takes its 4:2:0 as nv12, which is the same pictures in another memory layout.
 */
export function encoderArgs(options: { encoder: string; preset: ExportPreset }): string[] {
  const { encoder, preset } = options;
  const quality = PRESET_QUALITY[preset];
  const crf = String(quality.crf);
  const common = ['-profile:v', 'high'];
  switch (encoder) {
    case SOFTWARE_H264_ENCODER:
      return ['-c:v', encoder, '-preset', quality.x264Preset, '-crf', crf, ...common, '-pix_fmt', 'yuv420p'];
    case 'h264_nvenc':
      // Variable bitrate steered only by the quality target (-b:v 0 lifts the default bitrate cap).
      return ['-c:v', encoder, '-preset', 'p4', '-rc', 'vbr', '-cq', crf, '-b:v', '0', ...common, '-pix_fmt', 'yuv420p'];
    case 'h264_qsv':
      return ['-c:v', encoder, '-preset', 'medium', '-global_quality', crf, ...common, '-pix_fmt', 'nv12'];
    case 'h264_amf':
      return ['-c:v', encoder, '-quality', 'balanced', '-rc', 'cqp', '-qp_i', crf, '-qp_p', crf, '-qp_b', crf, ...common, '-pix_fmt', 'yuv420p'];
    case 'h264_videotoolbox':
      // VideoToolbox's scale runs the other way (1-100, higher is better); 18 → 70, 23 → 58, 28 → 45.
      return ['-c:v', encoder, '-q:v', String(Math.round(115 - 2.5 * quality.crf)), ...common, '-pix_fmt', 'yuv420p'];
    default:
      throw new RangeError(`working copy: unknown H.264 encoder "${encoder}"`);
  }
}

/**
 * A one-frame encode with the same quality settings a working copy would use, so an encoder that exists but refuses
 * those settings (e.g. VideoToolbox's constant quality on an Intel Mac) fails here and is not picked.
 */
export function buildEncoderTestArgs(encoder: string): string[] {
  return [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    'color=size=256x256:duration=0.1',
    '-frames:v',
    '1',
    ...encoderArgs({ encoder, preset: 'balanced' }),
    '-f',
    'null',
    '-',
  ];
}

export const ENCODER_LIST_ARGS = ['-hide_banner', '-nostdin', '-encoders'] as const;

/** The encoder names in `ffmpeg -encoders` output (" V....D libx264  libx264 H.264 …" lines, after the legend). */
export function parseEncoderList(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    const match = /^\s*[VAS][A-Z.]{5}\s+(\S+)/.exec(line);
    if (match?.[1] && match[1] !== '=') names.add(match[1]);
  }
  return names;
}
