import type { PlaybackMode } from '../../../src-shared/domain/review';
import type { ProbeResult, ProbedStream } from '../media/probe';

/**
 * What Chromium (Electron's and the browser's) plays from a file by itself: H.264 in MP4/MOV or Matroska, 8-bit 4:2:0,
 * with AAC, MP3 or Opus sound or none. Everything else goes through the proxy.
 */
const DIRECT_CONTAINERS: readonly { formatName: string; contentType: string }[] = [
  { formatName: 'mp4', contentType: 'video/mp4' },
  { formatName: 'mov', contentType: 'video/mp4' },
  { formatName: 'matroska', contentType: 'video/x-matroska' },
];
const DIRECT_VIDEO_CODECS = new Set(['h264']);
const DIRECT_PIXEL_FORMATS = new Set(['yuv420p', 'yuvj420p']);
const DIRECT_AUDIO_CODECS = new Set(['aac', 'mp3', 'opus']);

/** ffprobe's codec and container names as a shop owner might have heard them. */
const CODEC_NAMES: Record<string, string> = {
  hevc: 'HEVC (H.265)',
  h264: 'H.264',
  mjpeg: 'Motion JPEG',
  mpeg4: 'MPEG-4 Part 2',
  pcm_alaw: 'G.711 A-law',
  pcm_mulaw: 'G.711 µ-law',
  adpcm_g726: 'G.726',
  adpcm_g726le: 'G.726',
};
const CONTAINER_NAMES: Record<string, string> = {
  dhav: "Dahua's own DAV format",
  mpeg: 'MPEG-PS, a recorder format',
  mpegts: 'MPEG-TS',
  avi: 'AVI',
  h264: 'a bare H.264 stream with no container',
  hevc: 'a bare HEVC stream with no container',
  flv: 'Flash video',
  asf: 'ASF',
};

const CONVERTS = 'which this computer cannot play directly, so Handover converts it as it plays.';

export interface PlaybackModeChoice {
  mode: PlaybackMode;
  /** For 'direct': the type to serve the file as. */
  contentType: string | null;
  /** Plain words for why the proxy is used; empty for 'direct'. */
  note: string;
  video: ProbedStream;
  /** For the proxy: whether to carry the first sound track across. */
  withAudio: boolean;
}

function friendlyCodec(name: string | null): string {
  if (name === null) return 'an unknown format';
  return CODEC_NAMES[name] ?? name.toUpperCase();
}

/** The container's entry in DIRECT_CONTAINERS; ffprobe names MP4 "mov,mp4,m4a,3gp,3g2,mj2" and Matroska "matroska,webm". */
function directContainer(formatName: string | null): { contentType: string } | null {
  const names = (formatName ?? '').split(',');
  return DIRECT_CONTAINERS.find((container) => names.includes(container.formatName)) ?? null;
}

/** Direct or proxy, and why, from a probe. Null when the file holds no video at all. */
export function choosePlaybackMode(probe: ProbeResult): PlaybackModeChoice | null {
  const video = probe.streams.find((stream) => stream.codecType === 'video' && stream.codecName !== 'mjpeg' && stream.codecName !== 'png');
  const anyVideo = video ?? probe.streams.find((stream) => stream.codecType === 'video');
  if (!anyVideo) return null;
  const audio = probe.streams.filter((stream) => stream.codecType === 'audio');
  const withAudio = audio.length > 0 && audio[0]!.codecName !== null;
  const proxy = (note: string): PlaybackModeChoice => ({ mode: 'proxy', contentType: null, note, video: anyVideo, withAudio });

  // Cover art (a still MJPEG or PNG "video" stream) is not the recording; only a real one counts.
  if (!video) return proxy(`This camera records in ${friendlyCodec(anyVideo.codecName)}, ${CONVERTS}`);
  if (!DIRECT_VIDEO_CODECS.has(video.codecName ?? '')) return proxy(`This camera records in ${friendlyCodec(video.codecName)}, ${CONVERTS}`);
  const container = directContainer(probe.formatName);
  if (!container) {
    const first = (probe.formatName ?? '').split(',')[0] ?? '';
    return proxy(`This recording is in ${CONTAINER_NAMES[first] ?? (first ? `the ${first} format` : 'a format Handover does not recognise')}, ${CONVERTS}`);
  }
  if (video.pixFmt !== null && !DIRECT_PIXEL_FORMATS.has(video.pixFmt)) {
    return proxy(`This camera records its pictures in a high-end colour format (${video.pixFmt}), ${CONVERTS}`);
  }
  const oddAudio = audio.find((stream) => !DIRECT_AUDIO_CODECS.has(stream.codecName ?? ''));
  if (oddAudio) return proxy(`This recording's sound is in ${friendlyCodec(oddAudio.codecName)}, ${CONVERTS}`);
  return { mode: 'direct', contentType: container.contentType, note: '', video, withAudio };
}

/**
 * The true instant at the element's currentTime 0 when the file itself plays. Chromium's timeline is the file's own
 * timestamps, so a file whose first frame is stamped 3 s shows that frame (the recording's true start) at 3 s.
 */
export function directMediaZeroMs(options: { trueStartMs: number; probe: Pick<ProbeResult, 'startTimeS'> }): number {
  const startTimeS = options.probe.startTimeS ?? 0;
  return Math.round(options.trueStartMs - (startTimeS > 0 ? startTimeS * 1000 : 0));
}
