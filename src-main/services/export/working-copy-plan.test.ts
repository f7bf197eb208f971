import { describe, expect, it } from 'vitest';
import { planCopy, type PlanInput } from './working-copy-plan';
import type { ProbedInput } from './working-copy-probe';

function probed(name: string, options: { durationS?: number | null; startTimeS?: number } = {}): ProbedInput {
  return {
    absPath: `/footage/${name}`,
    name,
    startTimeS: options.startTimeS ?? 0,
    durationS: options.durationS === undefined ? 300 : options.durationS,
    videoIndex: 0,
    audioIndex: null,
    frameRate: 25,
    facts: { name, formatName: 'mov,mp4', video: { codecName: 'h264', profile: 'High', pixFmt: 'yuv420p', width: 1920, height: 1080 }, audioCodecName: null },
  };
}

function input(name: string, options: Partial<Omit<PlanInput, 'probed'>> & { durationS?: number | null; startTimeS?: number } = {}): PlanInput {
  const { durationS, startTimeS, ...rest } = options;
  return { probed: probed(name, { durationS, startTimeS }), inpointS: 0, outpointS: null, startOffsetS: null, cut: null, ...rest };
}

const LIST = '/export/.x.concat.txt';

describe('planCopy, one file', () => {
  it('remux: reads from the keyframe at or before the in-point, for the rest of the clip', () => {
    const plan = planCopy({ method: 'remux', inputs: [input('a.mp4', { inpointS: 63.3, outpointS: 120, cut: { keyframeS: 62, firstFrameS: 63.32 } })], concatListFile: LIST });
    expect(plan).toMatchObject({ readFromS: 62, keepFromS: 62, expectedEndS: 120, durationS: 58, cutS: 0, source: { kind: 'file', file: '/footage/a.mp4', seekS: 62 } });
  });

  it('re-encode: decodes from a margin before, and keeps from the first frame at or after the in-point', () => {
    const plan = planCopy({ method: 'reencode', inputs: [input('a.dav', { inpointS: 63.3, outpointS: null, cut: { keyframeS: 62, firstFrameS: 63.32 } })], concatListFile: LIST });
    expect(plan.readFromS).toBeCloseTo(53.3, 9);
    expect(plan.keepFromS).toBeCloseTo(63.3195, 9);
    expect(plan.cutS).toBeCloseTo(10.0195, 9);
    expect(plan.durationS).toBeNull();
    expect(plan.expectedEndS).toBe(300);
  });

  it('refuses an out-point before the in-point', () => {
    expect(() => planCopy({ method: 'remux', inputs: [input('a.mp4', { inpointS: 10, outpointS: 5, cut: { keyframeS: 8, firstFrameS: 10 } })], concatListFile: LIST })).toThrow(RangeError);
  });
});

describe('planCopy, several files', () => {
  it('joins files end to end when their starts are not given, in each file\'s own timestamps', () => {
    const plan = planCopy({
      method: 'remux',
      inputs: [input('a.ts', { inpointS: 250, startTimeS: 1.4, cut: { keyframeS: 248, firstFrameS: 250 } }), input('b.ts', { outpointS: 30, startTimeS: 1.4 })],
      concatListFile: LIST,
    });
    expect(plan.concatEntries).toEqual([
      { file: '/footage/a.ts', inpointS: 249.4 },
      { file: '/footage/b.ts', outpointS: 31.4 },
    ]);
    expect(plan.offsetsS).toEqual([0, 300]);
    expect(plan.expectedEndS).toBe(330);
    expect(plan.source).toEqual({ kind: 'concat', listFile: LIST });
  });

  it('keeps a gap as a gap and cuts an overlap when the caller gives each file\'s start', () => {
    const plan = planCopy({
      method: 'remux',
      inputs: [
        input('a.mp4', { inpointS: 250, cut: { keyframeS: 248, firstFrameS: 250 } }),
        // Starts 5 s after a ends: a's duration reaches to it.
        input('b.mp4', { startOffsetS: 305 }),
        // Starts 10 s before b ends: b is cut there.
        input('c.mp4', { startOffsetS: 595, outpointS: 20 }),
      ],
      concatListFile: LIST,
    });
    expect(plan.concatEntries).toEqual([
      { file: '/footage/a.mp4', inpointS: 248, durationS: 57 },
      { file: '/footage/b.mp4', durationS: 290, outpointS: 290 },
      { file: '/footage/c.mp4', outpointS: 20 },
    ]);
    expect(plan.offsetsS).toEqual([0, 305, 595]);
    expect(plan.expectedEndS).toBe(615);
  });

  it('enters a later file part-way at its keyframe, where the recorder wrote the same minutes twice', () => {
    const plan = planCopy({
      method: 'remux',
      inputs: [input('a.mp4', { inpointS: 100, cut: { keyframeS: 100, firstFrameS: 100 } }), input('b.mp4', { inpointS: 12.5, startOffsetS: 287.5, cut: { keyframeS: 12, firstFrameS: 12.52 } })],
      concatListFile: LIST,
    });
    // b's keyframe at 12 s is at 299.5 s on a's clock, so a runs 199.5 s from its in-point and is cut there.
    expect(plan.concatEntries).toEqual([
      { file: '/footage/a.mp4', inpointS: 100, durationS: 199.5, outpointS: 299.5 },
      { file: '/footage/b.mp4', inpointS: 12 },
    ]);
  });

  it('re-encode: the list starts a margin early and the copy ends exactly at the last out-point', () => {
    const plan = planCopy({
      method: 'reencode',
      inputs: [input('a.mp4', { inpointS: 250, cut: { keyframeS: 248, firstFrameS: 250 } }), input('b.mp4', { outpointS: 30 })],
      concatListFile: LIST,
    });
    expect(plan.concatEntries?.[0]).toEqual({ file: '/footage/a.mp4', inpointS: 240 });
    expect(plan.cutS).toBeCloseTo(9.9995, 9);
    expect(plan.durationS).toBeCloseTo(80.0005, 9);
  });
});
