import { describe, expect, it } from 'vitest';
import { buildDemoFilterGraph, buildDemoSegmentArgs, demoClockText, demoPatternForCamera, type DemoSegmentOptions } from './demo-footage';

const BASE: DemoSegmentOptions = {
  outFile: '/footage/.ch01.mp4.abcd.partial',
  cameraIndex: 1,
  cameraName: 'Till',
  recorderStart: { year: 2026, month: 3, day: 14, hour: 14, minute: 0, second: 0 },
  timeZone: 'Europe/London',
  durationS: 300,
  codec: 'h264',
  fontFile: '/app/resources/fonts/DejaVuSansMono.ttf',
};

function valueAfter(args: string[], flag: string): string | undefined {
  const index = args.indexOf(flag);
  return index >= 0 ? args[index + 1] : undefined;
}

describe('buildDemoSegmentArgs', () => {
  it('asks for progress, never overwrites, writes MP4 and ends with the output file', () => {
    const args = buildDemoSegmentArgs(BASE);
    expect(args.slice(0, 7)).toEqual(['-hide_banner', '-nostdin', '-loglevel', 'error', '-progress', 'pipe:1', '-nostats']);
    expect(args).toContain('-n');
    expect(valueAfter(args, '-t')).toBe('300');
    expect(args.slice(-3)).toEqual(['-f', 'mp4', BASE.outFile]);
    expect(valueAfter(args, '-movflags')).toBe('+faststart');
  });

  it('encodes H.264 small, fast and seekable', () => {
    const args = buildDemoSegmentArgs(BASE);
    expect(valueAfter(args, '-i')).toBe('testsrc2=size=320x240:rate=5');
    expect(valueAfter(args, '-c:v')).toBe('libx264');
    expect(valueAfter(args, '-preset')).toBe('ultrafast');
    expect(valueAfter(args, '-pix_fmt')).toBe('yuv420p');
    expect(valueAfter(args, '-g')).toBe('10');
  });

  it('encodes HEVC tagged hvc1 with x265 kept quiet', () => {
    const args = buildDemoSegmentArgs({ ...BASE, codec: 'hevc' });
    expect(valueAfter(args, '-c:v')).toBe('libx265');
    expect(valueAfter(args, '-tag:v')).toBe('hvc1');
    expect(valueAfter(args, '-x265-params')).toMatch(/^log-level=error:keyint=10:min-keyint=10:scenecut=0:/);
  });

  it('stamps creation_time with the true instant the recording starts', () => {
    // 14:00 in London in March (before the clocks change) is 14:00 UTC; in July it is 13:00 UTC.
    expect(buildDemoSegmentArgs(BASE)).toContain('creation_time=2026-03-14T14:00:00.000Z');
    const summer = buildDemoSegmentArgs({ ...BASE, recorderStart: { ...BASE.recorderStart, month: 7 } });
    expect(summer).toContain('creation_time=2026-07-14T13:00:00.000Z');
    const newYork = buildDemoSegmentArgs({ ...BASE, timeZone: 'America/New_York' });
    expect(newYork).toContain('creation_time=2026-03-14T18:00:00.000Z');
  });

  it('marks the file as synthetic', () => {
    expect(buildDemoSegmentArgs(BASE).some((arg) => arg.startsWith('comment=Synthetic demo footage'))).toBe(true);
  });

  it('refuses nonsense', () => {
    expect(() => buildDemoSegmentArgs({ ...BASE, durationS: 0 })).toThrow(RangeError);
    expect(() => buildDemoSegmentArgs({ ...BASE, cameraIndex: 0 })).toThrow(RangeError);
    expect(() => buildDemoSegmentArgs({ ...BASE, timeZone: 'Mars/Olympus' })).toThrow(RangeError);
    expect(() => buildDemoSegmentArgs({ ...BASE, recorderStart: { ...BASE.recorderStart, day: 31, month: 2 } })).toThrow(RangeError);
    expect(() => buildDemoSegmentArgs({ ...BASE, cameraName: ' ' })).toThrow(RangeError);
  });
});

describe('demoClockText', () => {
  it('offsets the frame time by the wall-clock reading taken as UTC, and escapes the colons of the format', () => {
    expect(demoClockText(BASE.recorderStart)).toBe('%{pts:gmtime:1773496800:%Y-%m-%d %H\\:%M\\:%S}');
  });
});

describe('buildDemoFilterGraph', () => {
  it('draws the clock and the escaped camera name with the escaped font path', () => {
    const graph = buildDemoFilterGraph({ ...BASE, cameraName: 'Back door, 100%', fontFile: 'C:\\Fonts\\x.ttf' });
    expect(graph.split(/(?<!\\),/)).toHaveLength(2);
    expect(graph).toContain('fontfile=C\\\\:\\\\\\\\Fonts\\\\\\\\x.ttf:');
    expect(graph).toContain('text=%{pts\\\\:gmtime\\\\:1773496800\\\\:%Y-%m-%d %H\\\\\\\\\\\\:%M');
    expect(graph).toContain('text=Back door\\, 100\\\\\\\\%:');
  });

  it('turns the hue for cameras that reuse a pattern', () => {
    expect(buildDemoFilterGraph({ ...BASE, cameraIndex: 9 })).toMatch(/^hue=h=137,drawtext=/);
  });
});

describe('demoPatternForCamera', () => {
  it('gives each of the first eight cameras its own pattern, then repeats with a hue shift', () => {
    const sources = Array.from({ length: 8 }, (_, index) => demoPatternForCamera(index + 1).source);
    expect(new Set(sources).size).toBe(8);
    expect(demoPatternForCamera(1).hueDegrees).toBeNull();
    expect(demoPatternForCamera(9)).toEqual({ source: sources[0], hueDegrees: 137 });
    expect(demoPatternForCamera(16).hueDegrees).toBe(137);
  });
});
