import type { Logger } from '../logger';
import type { ResolvedTool } from './binaries';
import { runTool } from './runner';

export interface ProbedStream {
  index: number;
  codecType: string;
  codecName: string | null;
  profile: string | null;
  width: number | null;
  height: number | null;
  pixFmt: string | null;
  frameRate: number | null;
  durationS: number | null;
}

export interface ProbeResult {
  formatName: string | null;
  durationS: number | null;
  startTimeS: number | null;
  sizeBytes: number | null;
  /** The container's creation_time tag as written (usually UTC), or null. */
  creationTime: string | null;
  streams: ProbedStream[];
}

function num(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || value.trim() === '' || value === 'N/A') return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' && value !== 'unknown' ? value : null;
}

/** "30000/1001" → 29.97; "0/0" → null. */
export function parseFrameRate(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const [a, b] = value.split('/').map(Number);
  if (a === undefined || !Number.isFinite(a)) return null;
  if (b === undefined) return a > 0 ? a : null;
  return Number.isFinite(b) && b > 0 && a > 0 ? a / b : null;
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Reads `ffprobe -print_format json -show_format -show_streams` output; unknown or missing fields become null. */
export function parseProbeJson(text: string): ProbeResult {
  const root = record(JSON.parse(text) as unknown);
  const format = record(root.format);
  const formatTags = record(format.tags);
  const streams = Array.isArray(root.streams) ? root.streams.map(record) : [];
  return {
    formatName: str(format.format_name),
    durationS: num(format.duration),
    startTimeS: num(format.start_time),
    sizeBytes: num(format.size),
    creationTime: str(formatTags.creation_time),
    streams: streams.map((stream, position) => ({
      index: num(stream.index) ?? position,
      codecType: str(stream.codec_type) ?? 'unknown',
      codecName: str(stream.codec_name),
      profile: str(stream.profile),
      width: num(stream.width),
      height: num(stream.height),
      pixFmt: str(stream.pix_fmt),
      frameRate: parseFrameRate(stream.avg_frame_rate) ?? parseFrameRate(stream.r_frame_rate),
      durationS: num(stream.duration),
    })),
  };
}

export async function probeMedia(options: { ffprobe: ResolvedTool; file: string; logger: Logger; signal?: AbortSignal }): Promise<ProbeResult> {
  const { stdout } = await runTool({
    tool: options.ffprobe,
    args: ['-hide_banner', '-loglevel', 'error', '-print_format', 'json', '-show_format', '-show_streams', '-i', options.file],
    logger: options.logger,
    signal: options.signal,
    captureStdout: true,
  });
  return parseProbeJson(stdout);
}
