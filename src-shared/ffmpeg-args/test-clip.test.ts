import { describe, expect, it } from 'vitest';
import { buildTestClipArgs } from './test-clip';

describe('buildTestClipArgs', () => {
  it('asks for progress on stdout, never overwrites, and ends with the output file', () => {
    const args = buildTestClipArgs({ outFile: '/tmp/x y.mp4', durationS: 1, width: 320, height: 240, fps: 10 });
    expect(args.slice(0, 7)).toEqual(['-hide_banner', '-nostdin', '-loglevel', 'error', '-progress', 'pipe:1', '-nostats']);
    expect(args).toContain('-n');
    expect(args).toContain('testsrc2=size=320x240:rate=10:duration=1');
    expect(args.at(-1)).toBe('/tmp/x y.mp4');
  });

  it('rejects nonsense sizes', () => {
    expect(() => buildTestClipArgs({ outFile: 'a.mp4', durationS: 0, width: 320, height: 240, fps: 10 })).toThrow(RangeError);
  });
});
