import { describe, expect, it } from 'vitest';
import type { ProbeResult, ProbedStream } from '../media/probe';
import { choosePlaybackMode, directMediaZeroMs } from './playback-mode';

function stream(overrides: Partial<ProbedStream>): ProbedStream {
  return { index: 0, codecType: 'video', codecName: 'h264', profile: null, width: 1920, height: 1080, pixFmt: 'yuv420p', frameRate: 25, durationS: 60, ...overrides };
}

function probe(formatName: string, streams: ProbedStream[]): ProbeResult {
  return { formatName, durationS: 60, startTimeS: 0, sizeBytes: 1, creationTime: null, streams };
}

const MP4 = 'mov,mp4,m4a,3gp,3g2,mj2';

describe('choosePlaybackMode', () => {
  it('plays H.264 in MP4 or Matroska directly, with or without AAC, MP3 or Opus sound', () => {
    expect(choosePlaybackMode(probe(MP4, [stream({})]))).toMatchObject({ mode: 'direct', contentType: 'video/mp4', note: '', withAudio: false });
    expect(choosePlaybackMode(probe('matroska,webm', [stream({}), stream({ codecType: 'audio', codecName: 'opus' })]))).toMatchObject({
      mode: 'direct',
      contentType: 'video/x-matroska',
      withAudio: true,
    });
    expect(choosePlaybackMode(probe(MP4, [stream({ pixFmt: 'yuvj420p' }), stream({ codecType: 'audio', codecName: 'aac' })]))?.mode).toBe('direct');
  });

  it('converts HEVC, and says why in plain words', () => {
    const choice = choosePlaybackMode(probe(MP4, [stream({ codecName: 'hevc' })]));
    expect(choice).toMatchObject({ mode: 'proxy', contentType: null });
    expect(choice?.note).toBe('This camera records in HEVC (H.265), which this computer cannot play directly, so Handover converts it as it plays.');
  });

  it('converts recorder containers, 4:2:2 pictures and telephone-style sound', () => {
    expect(choosePlaybackMode(probe('dhav', [stream({})]))?.note).toMatch(/^This recording is in Dahua's own DAV format, which/);
    expect(choosePlaybackMode(probe('mpeg', [stream({})]))?.note).toMatch(/MPEG-PS/);
    expect(choosePlaybackMode(probe('weird', [stream({})]))?.note).toMatch(/the weird format/);
    expect(choosePlaybackMode(probe(MP4, [stream({ pixFmt: 'yuv422p10le' })]))?.note).toMatch(/yuv422p10le/);
    const alaw = choosePlaybackMode(probe(MP4, [stream({}), stream({ codecType: 'audio', codecName: 'pcm_alaw' })]));
    expect(alaw).toMatchObject({ mode: 'proxy', withAudio: true });
    expect(alaw?.note).toMatch(/sound is in G\.711 A-law/);
  });

  it('ignores cover art and refuses a file with no video', () => {
    const withArt = choosePlaybackMode(probe(MP4, [stream({ codecName: 'mjpeg' }), stream({ index: 1 })]));
    expect(withArt).toMatchObject({ mode: 'direct', video: { index: 1 } });
    expect(choosePlaybackMode(probe(MP4, [stream({ codecType: 'audio', codecName: 'aac' })]))).toBeNull();
  });
});

describe('directMediaZeroMs', () => {
  it("puts the recording's true start where the browser shows the first frame: at the file's own start time", () => {
    expect(directMediaZeroMs({ trueStartMs: 1_000_000, probe: { startTimeS: 0 } })).toBe(1_000_000);
    expect(directMediaZeroMs({ trueStartMs: 1_000_000, probe: { startTimeS: 3 } })).toBe(997_000);
    expect(directMediaZeroMs({ trueStartMs: 1_000_000, probe: { startTimeS: null } })).toBe(1_000_000);
    expect(directMediaZeroMs({ trueStartMs: 1_000_000, probe: { startTimeS: -0.04 } })).toBe(1_000_000);
  });
});
