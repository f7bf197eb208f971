import { describe, expect, it } from 'vitest';
import type { Enhancement } from '../domain/export';
import {
  buildConcatList,
  buildReencodeArgs,
  buildRemuxArgs,
  buildWorkingCopyFilters,
  decideWorkingCopyMethod,
  escapeConcatPath,
  keyframeIntervalFrames,
  scaledSize,
  type WorkingCopyInputFacts,
} from './export';

function valuesAfter(args: readonly string[], flag: string): string[] {
  return args.flatMap((arg, index) => (arg === flag ? [args[index + 1]!] : []));
}

function facts(overrides: Partial<WorkingCopyInputFacts['video']> & { formatName?: string; audio?: string | null; name?: string } = {}): WorkingCopyInputFacts {
  const { formatName = 'mov,mp4,m4a,3gp,3g2,mj2', audio = 'aac', name = 'ch01.mp4', ...video } = overrides;
  return { name, formatName, video: { codecName: 'h264', profile: 'High', pixFmt: 'yuv420p', width: 1920, height: 1080, ...video }, audioCodecName: audio };
}

const NEUTRAL: Enhancement = { brightness: 0, contrast: 1, gamma: 1, sharpen: 0, denoise: 0, deinterlace: false };
const decide = (options: Partial<Parameters<typeof decideWorkingCopyMethod>[0]>) =>
  decideWorkingCopyMethod({ inputs: [facts()], preset: 'balanced', captioned: false, enhancement: null, ...options });

describe('decideWorkingCopyMethod', () => {
  it('remuxes playable H.264 in MP4, Matroska, MPEG-TS or -PS, copying AAC sound', () => {
    for (const formatName of ['mov,mp4,m4a,3gp,3g2,mj2', 'matroska,webm', 'mpegts', 'mpeg']) {
      expect(decide({ inputs: [facts({ formatName })] })).toEqual({ method: 'remux', reasons: [], audio: 'copy' });
    }
    // Full-range 4:2:0 (yuvj420p), which many IP cameras write, plays everywhere too.
    expect(decide({ inputs: [facts({ pixFmt: 'yuvj420p', profile: 'Baseline' })], preset: 'original' }).method).toBe('remux');
  });

  it('converts sound other than AAC, and has none to carry when the first file has none', () => {
    expect(decide({ inputs: [facts({ audio: 'pcm_alaw' })] })).toMatchObject({ method: 'remux', audio: 'aac' });
    expect(decide({ inputs: [facts(), facts({ audio: 'pcm_mulaw' })] }).audio).toBe('aac');
    expect(decide({ inputs: [facts({ audio: null })] }).audio).toBe('none');
  });

  it('re-encodes, saying why in plain words, for HEVC, DAV, odd colour formats, size changes, captions, enhancements and "small"', () => {
    expect(decide({ inputs: [facts({ codecName: 'hevc' })] }).reasons).toEqual(['The camera records in HEVC (H.265), which not every police PC plays.']);
    expect(decide({ inputs: [facts({ formatName: 'dhav' })] }).reasons).toEqual([
      "The recording is in Dahua's own DAV format, whose timing MP4 cannot take over as it is, so the picture is re-encoded.",
    ]);
    expect(decide({ inputs: [facts({ pixFmt: 'yuv422p', profile: 'High 4:2:2' })] }).reasons[0]).toMatch(/colour format \(yuv422p\)/);
    expect(decide({ inputs: [facts(), facts({ width: 1280, height: 720, name: 'ch01-b.mp4' })] }).reasons[0]).toBe(
      'The picture changes between recordings (1920×1080 in ch01.mp4, 1280×720 in ch01-b.mp4), which one MP4 cannot hold without re-encoding.',
    );
    expect(decide({ captioned: true }).reasons).toEqual(['A caption was asked for, so the picture is re-drawn.']);
    expect(decide({ enhancement: { ...NEUTRAL, sharpen: 0.5, deinterlace: true } }).reasons).toEqual([
      'Picture enhancement was asked for (sharpening, deinterlacing), so the picture is re-drawn.',
    ]);
    expect(decide({ preset: 'small' })).toMatchObject({ method: 'reencode', reasons: ['"Small (for email)" makes the picture smaller, which needs a re-encode.'] });
    // Reasons add up, each said once.
    expect(decide({ inputs: [facts({ codecName: 'hevc' }), facts({ codecName: 'hevc' })], captioned: true }).reasons).toHaveLength(2);
  });

  it('does not re-encode for an enhancement left at its neutral settings', () => {
    expect(decide({ enhancement: NEUTRAL }).method).toBe('remux');
  });
});

describe('concat list', () => {
  it('quotes paths so spaces, backslashes and quotes survive, and refuses line breaks', () => {
    expect(escapeConcatPath("C:\\CCTV\\Shop's till [1].dav")).toBe("'C:\\CCTV\\Shop'\\''s till [1].dav'");
    expect(() => escapeConcatPath('/a\nb.mp4')).toThrow(RangeError);
  });

  it('writes in-point, out-point and duration as the files\' own timestamps', () => {
    expect(
      buildConcatList([
        { file: '/f/a.mp4', inpointS: 2 },
        { file: '/f/b.mp4', durationS: 60.5 },
        { file: '/f/c.mp4', inpointS: 1.4, outpointS: 12.25 },
      ]),
    ).toBe("ffconcat version 1.0\nfile '/f/a.mp4'\ninpoint 2.000000\nfile '/f/b.mp4'\nduration 60.500000\nfile '/f/c.mp4'\ninpoint 1.400000\noutpoint 12.250000\n");
  });
});

describe('buildRemuxArgs', () => {
  it('seeks one file to the keyframe before -i, copies H.264 and AAC, and writes MP4 with the index first', () => {
    const args = buildRemuxArgs({ source: { kind: 'file', file: '/f/ch 01.mp4', seekS: 2 }, durationS: 4.5, videoIndex: 0, audioIndex: 1, audio: 'copy', outFile: '/out/.x.partial.mp4' });
    expect(args.slice(0, 7)).toEqual(['-hide_banner', '-nostdin', '-loglevel', 'error', '-progress', 'pipe:1', '-nostats']);
    expect(args).toContain('-n');
    expect(args.indexOf('-ss')).toBeLessThan(args.indexOf('-i'));
    expect(valuesAfter(args, '-ss')).toEqual(['2.000000']);
    expect(valuesAfter(args, '-t')).toEqual(['4.500000']);
    expect(valuesAfter(args, '-map')).toEqual(['0:0', '0:1']);
    expect(valuesAfter(args, '-c:v')).toEqual(['copy']);
    expect(valuesAfter(args, '-c:a')).toEqual(['copy']);
    expect(valuesAfter(args, '-movflags')).toEqual(['+faststart']);
    expect(args.slice(-3)).toEqual(['-f', 'mp4', '/out/.x.partial.mp4']);
  });

  it('reads several files through the concat demuxer on its own timeline, and converts or drops the sound', () => {
    const concat = buildRemuxArgs({ source: { kind: 'concat', listFile: '/out/.list.txt' }, durationS: null, videoIndex: 0, audioIndex: 1, audio: 'aac', outFile: 'o.mp4' });
    expect(concat.join(' ')).toContain('-copyts -f concat -safe 0 -i /out/.list.txt');
    expect(concat).not.toContain('-t');
    expect(concat.join(' ')).toContain('-c:a aac -b:a 128k');
    const silent = buildRemuxArgs({ source: { kind: 'concat', listFile: 'l' }, durationS: null, videoIndex: 0, audioIndex: 1, audio: 'none', outFile: 'o.mp4' });
    expect(valuesAfter(silent, '-map')).toEqual(['0:0']);
    expect(silent).toContain('-an');
  });
});

describe('buildReencodeArgs', () => {
  const base = { source: { kind: 'file' as const, file: 'in.dav', seekS: 0 }, cutS: 3.3, durationS: 10, videoIndex: 0, audioIndex: 1, filters: '', encoder: 'libx264', frameRate: 25, outFile: 'o.mp4' };

  it('decodes from the fast seek, cuts exactly with an output -ss, and sets quality by preset', () => {
    const args = buildReencodeArgs({ ...base, preset: 'balanced' });
    expect(valuesAfter(args, '-ss')).toEqual(['0.000000', '3.300000']);
    expect(args.lastIndexOf('-ss')).toBeGreaterThan(args.indexOf('-i'));
    expect(args.join(' ')).toContain('-c:v libx264 -preset veryfast -crf 23 -profile:v high -pix_fmt yuv420p -g 50');
    expect(args.join(' ')).toContain('-c:a aac -b:a 128k');
    expect(args).not.toContain('-vf');
    expect(valuesAfter(buildReencodeArgs({ ...base, preset: 'original' }), '-crf')).toEqual(['18']);
    const small = buildReencodeArgs({ ...base, preset: 'small' });
    expect(valuesAfter(small, '-crf')).toEqual(['28']);
    expect(valuesAfter(small, '-b:a')).toEqual(['64k']);
  });

  it('gives hardware encoders their own quality settings', () => {
    expect(buildReencodeArgs({ ...base, preset: 'balanced', encoder: 'h264_nvenc' }).join(' ')).toContain('-c:v h264_nvenc -preset p4 -rc vbr -cq 23 -b:v 0 -profile:v high');
    expect(buildReencodeArgs({ ...base, preset: 'balanced', encoder: 'h264_qsv' }).join(' ')).toContain('-global_quality 23');
    expect(buildReencodeArgs({ ...base, preset: 'original', encoder: 'h264_videotoolbox' }).join(' ')).toContain('-q:v 70');
    expect(() => buildReencodeArgs({ ...base, preset: 'balanced', encoder: 'h264_vaapi' })).toThrow(RangeError);
  });

  it('keeps keyframes about 2 s apart whatever the frame rate', () => {
    expect(keyframeIntervalFrames(25)).toBe(50);
    expect(keyframeIntervalFrames(7.5)).toBe(15);
    expect(keyframeIntervalFrames(null)).toBe(50);
  });
});

describe('buildWorkingCopyFilters', () => {
  it('runs the filters in the fixed order: deinterlace, denoise, eq, sharpen, scale, caption', () => {
    const filters = buildWorkingCopyFilters({
      enhancement: { brightness: 0.1, contrast: 1.25, gamma: 0.8, sharpen: 1.5, denoise: 4, deinterlace: true },
      preset: 'small',
      sourceWidth: 1920,
      sourceHeight: 1080,
      captionFilters: 'pad=w=iw:h=ih+40,drawtext=text=x',
    });
    expect(filters.map((applied) => applied.name)).toEqual(['deinterlace', 'denoise', 'eq', 'sharpen', 'scale', 'caption']);
    expect(filters.map((applied) => applied.filter)).toEqual([
      'yadif=mode=send_frame:parity=auto:deint=all',
      'hqdn3d=luma_spatial=4',
      'eq=brightness=0.1:contrast=1.25:gamma=0.8',
      'unsharp=luma_msize_x=5:luma_msize_y=5:luma_amount=1.5',
      'scale=w=trunc(min(640\\,iw)/2)*2:h=-2',
      'pad=w=iw:h=ih+40,drawtext=text=x',
    ]);
  });

  it('adds only what is asked for, and pads an odd-sized picture by a pixel rather than scaling it', () => {
    expect(buildWorkingCopyFilters({ enhancement: null, preset: 'original', sourceWidth: 704, sourceHeight: 576, captionFilters: null })).toEqual([]);
    const odd = buildWorkingCopyFilters({ enhancement: { brightness: 0, contrast: 1, gamma: 1.2, sharpen: 0, denoise: 0, deinterlace: false }, preset: 'balanced', sourceWidth: 721, sourceHeight: 480, captionFilters: null });
    expect(odd.map((applied) => applied.name)).toEqual(['eq', 'pad']);
  });

  it('refuses settings out of range', () => {
    expect(() => buildWorkingCopyFilters({ enhancement: { ...NEUTRAL, brightness: 2 }, preset: 'balanced', sourceWidth: 2, sourceHeight: 2, captionFilters: null })).toThrow(RangeError);
  });
});

describe('scaledSize', () => {
  it('keeps the size for full-size presets and fits "small" into 640 px wide, even on both sides', () => {
    expect(scaledSize({ preset: 'original', width: 1920, height: 1080 })).toEqual({ width: 1920, height: 1080 });
    expect(scaledSize({ preset: 'small', width: 1920, height: 1080 })).toEqual({ width: 640, height: 360 });
    expect(scaledSize({ preset: 'small', width: 352, height: 288 })).toEqual({ width: 352, height: 288 });
    expect(scaledSize({ preset: 'balanced', width: 721, height: 481 })).toEqual({ width: 722, height: 482 });
  });
});
