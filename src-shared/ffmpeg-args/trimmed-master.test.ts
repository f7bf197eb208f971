import { describe, expect, it } from 'vitest';
import { buildTrimmedMasterArgs } from './trimmed-master';

function valueAfter(args: string[], flag: string): string | undefined {
  const index = args.indexOf(flag);
  return index < 0 ? undefined : args[index + 1];
}

describe('buildTrimmedMasterArgs', () => {
  it('seeks before -i, copies every video and sound packet, and never overwrites', () => {
    const args = buildTrimmedMasterArgs({ inFile: '/footage/a.mp4', outFile: '/out/.a.partial', extension: '.mp4', inpointS: 12.5, outpointS: 42.5 });
    expect(args).toContain('-n');
    expect(args.indexOf('-ss')).toBeLessThan(args.indexOf('-i'));
    expect(valueAfter(args, '-ss')).toBe('12.500000');
    expect(valueAfter(args, '-t')).toBe('30.000000');
    expect(valueAfter(args, '-c')).toBe('copy');
    expect(valueAfter(args, '-f')).toBe('mp4');
    expect(args.at(-1)).toBe('/out/.a.partial');
  });

  it('runs to the end of the file without an out-point, and puts containers ffmpeg cannot write into Matroska', () => {
    const args = buildTrimmedMasterArgs({ inFile: '/footage/a.dav', outFile: '/out/a.mkv', extension: '.dav', inpointS: 0, outpointS: null });
    expect(args).not.toContain('-t');
    expect(valueAfter(args, '-f')).toBe('matroska');
  });

  it('refuses an out-point at or before the in-point', () => {
    expect(() => buildTrimmedMasterArgs({ inFile: 'a', outFile: 'b', extension: '.mp4', inpointS: 5, outpointS: 5 })).toThrow(RangeError);
    expect(() => buildTrimmedMasterArgs({ inFile: 'a', outFile: 'b', extension: '.mp4', inpointS: -1, outpointS: null })).toThrow(RangeError);
  });
});
