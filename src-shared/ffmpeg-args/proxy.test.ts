import { describe, expect, it } from 'vitest';
import { buildProxyArgs, formatSeekSeconds, proxyScaleFilter } from './proxy';

describe('buildProxyArgs', () => {
  it('seeks before the input, encodes fast H.264 with a keyframe a second, and writes fragmented MP4 to stdout', () => {
    const args = buildProxyArgs({ inFile: '/footage/ch01 [M].dav', offsetS: 83.25, withAudio: false });
    expect(args.indexOf('-ss')).toBeLessThan(args.indexOf('-i'));
    expect(args[args.indexOf('-ss') + 1]).toBe('83.250');
    expect(args[args.indexOf('-i') + 1]).toBe('/footage/ch01 [M].dav');
    expect(args.join(' ')).toContain('-c:v libx264 -preset ultrafast -tune zerolatency -pix_fmt yuv420p');
    expect(args[args.indexOf('-force_key_frames') + 1]).toBe('expr:gte(t,n_forced*1)');
    expect(args[args.indexOf('-movflags') + 1]).toBe('frag_keyframe+empty_moov+default_base_moof');
    expect(args).toContain('-an');
    expect(args.at(-1)).toBe('pipe:1');
    // stdout is the video, so ffmpeg must not be asked to print progress there.
    expect(args).not.toContain('-progress');
  });

  it('keeps the first audio stream as AAC when asked', () => {
    const args = buildProxyArgs({ inFile: 'a.mp4', offsetS: 0, withAudio: true });
    expect(args.join(' ')).toContain('-map 0:v:0 -map 0:a:0');
    expect(args.join(' ')).toContain('-c:a aac');
    expect(args).not.toContain('-an');
  });

  it('refuses a negative or missing start and an empty input', () => {
    expect(() => buildProxyArgs({ inFile: 'a.mp4', offsetS: -1, withAudio: false })).toThrow(RangeError);
    expect(() => buildProxyArgs({ inFile: 'a.mp4', offsetS: Number.NaN, withAudio: false })).toThrow(RangeError);
    expect(() => buildProxyArgs({ inFile: '', offsetS: 0, withAudio: false })).toThrow(RangeError);
  });
});

describe('proxyScaleFilter', () => {
  it('caps the width without upscaling, keeps the aspect and even sizes, with the comma escaped for the filtergraph', () => {
    expect(proxyScaleFilter()).toBe('scale=w=trunc(min(1280\\,iw)/2)*2:h=-2');
    expect(proxyScaleFilter(640)).toBe('scale=w=trunc(min(640\\,iw)/2)*2:h=-2');
    expect(() => proxyScaleFilter(1)).toThrow(RangeError);
  });
});

describe('formatSeekSeconds', () => {
  it('writes milliseconds', () => {
    expect(formatSeekSeconds(0)).toBe('0.000');
    expect(formatSeekSeconds(1.23456)).toBe('1.235');
    expect(formatSeekSeconds(3600)).toBe('3600.000');
  });
});
