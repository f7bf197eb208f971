import { describe, expect, it } from 'vitest';
import { buildThumbnailArgs } from './thumbnail';

describe('buildThumbnailArgs', () => {
  it('seeks before the input and writes one small JPEG, never overwriting, output last', () => {
    const args = buildThumbnailArgs({ inFile: '/footage/Till 1.mp4', offsetS: 12.5, outFile: '/cache/x.tmp.jpg' });
    expect(args.slice(0, 7)).toEqual(['-hide_banner', '-nostdin', '-loglevel', 'error', '-progress', 'pipe:1', '-nostats']);
    expect(args).toContain('-n');
    expect(args.indexOf('-ss')).toBeLessThan(args.indexOf('-i'));
    expect(args[args.indexOf('-ss') + 1]).toBe('12.500');
    expect(args.join(' ')).toContain('-frames:v 1 -vf scale=160:-2');
    expect(args.join(' ')).toContain('-f image2 -update 1');
    expect(args.at(-1)).toBe('/cache/x.tmp.jpg');
  });

  it('can take the picture from the last second instead, for a moment past the end of a short file', () => {
    const args = buildThumbnailArgs({ inFile: 'a.mp4', offsetS: 300, outFile: 'b.jpg', fromLastSecond: true });
    expect(args.join(' ')).toContain('-sseof -1 -i a.mp4');
    expect(args).not.toContain('-ss');
  });

  it('takes another even width and refuses odd ones', () => {
    expect(buildThumbnailArgs({ inFile: 'a', offsetS: 0, outFile: 'b.jpg', width: 320 })).toContain('scale=320:-2');
    expect(() => buildThumbnailArgs({ inFile: 'a', offsetS: 0, outFile: 'b.jpg', width: 161 })).toThrow(RangeError);
    expect(() => buildThumbnailArgs({ inFile: 'a', offsetS: -0.5, outFile: 'b.jpg' })).toThrow(RangeError);
  });
});
