import { describe, expect, it } from 'vitest';
import { buildFrameTimesArgs, buildStillArgs, STILL_FAST_SEEK_MARGIN_S } from './still';

function valuesAfter(args: string[], flag: string): string[] {
  return args.flatMap((arg, index) => (arg === flag ? [args[index + 1]!] : []));
}

describe('buildStillArgs', () => {
  it('seeks fast to a margin before the frame, then exactly after -i, and writes one full-size PNG', () => {
    const args = buildStillArgs({ inFile: '/footage/ch 01.mp4', outFile: '/data/.still.partial.png', seekS: 12.5 });
    expect(args.slice(0, 7)).toEqual(['-hide_banner', '-nostdin', '-loglevel', 'error', '-progress', 'pipe:1', '-nostats']);
    expect(args).toContain('-n');
    const input = args.indexOf('-i');
    expect(args[input + 1]).toBe('/footage/ch 01.mp4');
    expect(args.indexOf('-ss')).toBeLessThan(input);
    expect(args.lastIndexOf('-ss')).toBeGreaterThan(input);
    // The two seeks add up to the asked time.
    const [fast, exact] = valuesAfter(args, '-ss').map(Number);
    expect(fast).toBe(12.5 - STILL_FAST_SEEK_MARGIN_S);
    expect(fast! + exact!).toBeCloseTo(12.5, 6);
    expect(valuesAfter(args, '-frames:v')).toEqual(['1']);
    expect(valuesAfter(args, '-c:v')).toEqual(['png']);
    expect(args).toContain('-an');
    // No resizing: no scale or other filter.
    expect(args).not.toContain('-vf');
    expect(args).not.toContain('-s');
    expect(args.at(-1)).toBe('/data/.still.partial.png');
  });

  it('never seeks before the start of the file', () => {
    const args = buildStillArgs({ inFile: 'a.mp4', outFile: 'b.png', seekS: 1.2 });
    expect(valuesAfter(args, '-ss')).toEqual(['0.000000', '1.200000']);
  });

  it('refuses a negative or missing time', () => {
    expect(() => buildStillArgs({ inFile: 'a.mp4', outFile: 'b.png', seekS: -1 })).toThrow(RangeError);
    expect(() => buildStillArgs({ inFile: 'a.mp4', outFile: 'b.png', seekS: Number.NaN })).toThrow(RangeError);
  });
});

describe('buildFrameTimesArgs', () => {
  it('lists video packet times in a window relative to the file start, as JSON', () => {
    const args = buildFrameTimesArgs({ inFile: '/f.dav', fromS: 4, durationS: 7 });
    expect(valuesAfter(args, '-read_intervals')).toEqual(['+4.000000%+7.000000']);
    expect(valuesAfter(args, '-select_streams')).toEqual(['v:0']);
    expect(valuesAfter(args, '-print_format')).toEqual(['json']);
    expect(args.at(-1)).toBe('/f.dav');
  });

  it('refuses an empty window', () => {
    expect(() => buildFrameTimesArgs({ inFile: '/f.dav', fromS: 0, durationS: 0 })).toThrow(RangeError);
  });
});
