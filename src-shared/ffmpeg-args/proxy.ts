/**
 * ffmpeg arguments for the playback proxy: footage the browser cannot play itself (HEVC, DAV, MPEG-PS, odd audio)
 * converted as it plays into H.264 in fragmented MP4 on stdout, which a <video> element can play while it arrives.
 */
import { filterOptionValue } from './filter-escape';

export const PROXY_VIDEO = {
  /** A 4K camera does not need 4K to find a moment, and encoding it would not keep up with playback. */
  maxWidth: 1280,
  /** Each keyframe closes a fragment, so this is roughly how long the player waits for its first picture. */
  keyframeIntervalS: 1,
  audioBitrate: '96k',
} as const;

export interface ProxyStreamOptions {
  inFile: string;
  /** Where to start, in seconds from the file's start; the stream's time 0 is this point. */
  offsetS: number;
  /** Whether to carry the first audio stream (as AAC); the browser plays no other audio in MP4 reliably. */
  withAudio: boolean;
}

/** `-ss` value with millisecond precision: ffmpeg reads plain decimal seconds. */
export function formatSeekSeconds(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`ffmpeg: a seek position must be 0 or more seconds; got ${seconds}`);
  return (Math.round(seconds * 1000) / 1000).toFixed(3);
}

/**
 * Width no more than PROXY_VIDEO.maxWidth and never upscaled; height from the aspect ratio. libx264 with yuv420p needs
 * even sizes on both sides, hence the rounding down to even and the -2.
 */
export function proxyScaleFilter(maxWidth: number = PROXY_VIDEO.maxWidth): string {
  if (!Number.isInteger(maxWidth) || maxWidth < 2) throw new RangeError(`proxy: the largest width must be a whole number of at least 2; got ${maxWidth}`);
  return `scale=w=${filterOptionValue(`trunc(min(${maxWidth},iw)/2)*2`)}:h=-2`;
}

/** Arguments for one proxy stream; the output is always stdout ("pipe:1"). */
export function buildProxyArgs(options: ProxyStreamOptions): string[] {
  const { inFile, offsetS, withAudio } = options;
  if (inFile === '') throw new RangeError('proxy: inFile is required');
  return [
    // No -progress here (unlike FFMPEG_PRELUDE): stdout carries the video itself.
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    // Before -i: jump to the keyframe before the point, then decode on to it, so the stream starts at the asked frame.
    '-ss',
    formatSeekSeconds(offsetS),
    '-i',
    inFile,
    '-map',
    '0:v:0',
    ...(withAudio ? ['-map', '0:a:0'] : []),
    '-vf',
    proxyScaleFilter(),
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    // No B-frames or look-ahead: the first fragment leaves ffmpeg as soon as its frames are encoded.
    '-tune',
    'zerolatency',
    '-pix_fmt',
    'yuv420p',
    // By time, not frame count: recorders often vary their frame rate, so a count would not say how long a wait is.
    '-force_key_frames',
    `expr:gte(t,n_forced*${PROXY_VIDEO.keyframeIntervalS})`,
    ...(withAudio ? ['-c:a', 'aac', '-b:a', PROXY_VIDEO.audioBitrate] : ['-an']),
    '-sn',
    '-dn',
    '-f',
    'mp4',
    // An empty moov up front and a fragment per keyframe: playable from the first bytes, with no seeking back.
    '-movflags',
    'frag_keyframe+empty_moov+default_base_moof',
    'pipe:1',
  ];
}
