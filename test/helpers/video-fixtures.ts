/** Small generated videos and ways to look inside them, for tests that run the real ffmpeg. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { resolveMediaTools } from '../../src-main/services/media/binaries';

const tools = resolveMediaTools();

export interface TestVideoOptions {
  file: string;
  durationS: number;
  codec?: 'h264' | 'hevc';
  width?: number;
  height?: number;
  fps?: number;
  /** A keyframe exactly every this many seconds (no scene-cut keyframes), so "the keyframe before" is predictable. */
  gopS?: number;
  audio?: boolean;
  /** Index at the front (true) or the end, as most recorders write it (false). */
  faststart?: boolean;
  /** libx264/libx265 quality: lower is bigger. */
  crf?: number;
  /** Picture source; testsrc2 shows a frame counter, so every frame differs. */
  source?: string;
  /** A -vf chain after the source, e.g. noise over part of the clip to make its bitrate uneven. */
  videoFilter?: string;
  format?: 'mp4' | 'matroska';
}

/** testsrc2 (+ a sine tone as AAC) encoded with a fixed keyframe interval; B-frames on, as cameras' main streams use. */
export function makeTestVideo(options: TestVideoOptions): string {
  const { file, durationS, codec = 'h264', width = 320, height = 240, fps = 10, gopS = 2, audio = false, faststart = true, crf = 28 } = options;
  const gop = String(Math.round(fps * gopS));
  const source = options.source ?? 'testsrc2';
  const video =
    codec === 'hevc'
      ? ['-c:v', 'libx265', '-preset', 'ultrafast', '-crf', String(crf), '-x265-params', `log-level=error:keyint=${gop}:min-keyint=${gop}:scenecut=0`, '-tag:v', 'hvc1']
      : ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', String(crf), '-g', gop, '-keyint_min', gop, '-sc_threshold', '0', '-bf', '2'];
  execFileSync(tools.ffmpeg.path, [
    '-hide_banner', '-nostdin', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', `${source}=size=${width}x${height}:rate=${fps}:duration=${durationS}`,
    ...(audio ? ['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${durationS}`] : []),
    ...(options.videoFilter ? ['-vf', options.videoFilter] : []),
    ...video, '-pix_fmt', 'yuv420p',
    ...(audio ? ['-c:a', 'aac', '-b:a', '64k'] : []),
    ...(faststart ? ['-movflags', '+faststart'] : []),
    '-f', options.format ?? 'mp4', file,
  ]);
  return file;
}

/** The MP4's top-level boxes in file order, e.g. ['ftyp', 'moov', 'free', 'mdat']. */
export function mp4TopLevelBoxes(file: string): string[] {
  const bytes = fs.readFileSync(file);
  const boxes: string[] = [];
  let offset = 0;
  while (offset + 8 <= bytes.length) {
    let size = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    if (size === 1) size = Number(bytes.readBigUInt64BE(offset + 8));
    if (size === 0) size = bytes.length - offset;
    if (size < 8) break;
    boxes.push(type);
    offset += size;
  }
  return boxes;
}

export interface ProbedVideo {
  codecName: string;
  pixFmt: string;
  width: number;
  height: number;
  durationS: number;
  audioCodec: string | null;
}

export function probeVideo(file: string): ProbedVideo {
  const text = execFileSync(tools.ffprobe.path, ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name,pix_fmt,width,height:format=duration', '-of', 'json', file], {
    encoding: 'utf8',
  });
  const parsed = JSON.parse(text) as { streams: Record<string, string | number>[]; format: { duration: string } };
  const video = parsed.streams.find((stream) => stream.codec_type === 'video')!;
  const audio = parsed.streams.find((stream) => stream.codec_type === 'audio');
  return {
    codecName: String(video.codec_name),
    pixFmt: String(video.pix_fmt),
    width: Number(video.width),
    height: Number(video.height),
    durationS: Number(parsed.format.duration),
    audioCodec: audio ? String(audio.codec_name) : null,
  };
}

/** Video packet times (seconds, file order) and which are keyframes. */
export function videoPackets(file: string): { ptsS: number; key: boolean }[] {
  const text = execFileSync(tools.ffprobe.path, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,flags', '-of', 'csv=p=0', file], { encoding: 'utf8' });
  return text
    .trim()
    .split('\n')
    .map((line) => line.split(','))
    .filter(([pts]) => pts !== undefined && pts !== 'N/A')
    .map(([pts, flags]) => ({ ptsS: Number(pts), key: (flags ?? '').startsWith('K') }));
}

/** MD5 of each decoded video frame in presentation order, with its time; equal hashes mean identical pictures. */
export function videoFrameHashes(file: string, options: { trimStartS?: number; frames?: number } = {}): { ptsS: number; md5: string }[] {
  const filters = options.trimStartS === undefined ? [] : ['-vf', `trim=start=${options.trimStartS}`];
  const text = execFileSync(
    tools.ffmpeg.path,
    ['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', file, '-map', '0:v:0', ...filters, '-fps_mode', 'passthrough', ...(options.frames ? ['-frames:v', String(options.frames)] : []), '-f', 'framemd5', '-'],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  // "#tb 0: 1/10": the frame times are counted in this unit.
  const timeBase = /^#tb 0: (\d+)\/(\d+)$/m.exec(text);
  const unitS = timeBase ? Number(timeBase[1]) / Number(timeBase[2]) : 1;
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split(',').map((field) => field.trim()))
    .map((fields) => ({ ptsS: Number(fields[2]) * unitS, md5: fields[5] ?? '' }));
}
