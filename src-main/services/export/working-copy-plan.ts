/**
 * Where a working copy starts and ends in its inputs, as ffmpeg arguments. All times here are seconds from the first
 * input's start (its first timestamp, which ffmpeg's `-ss` counts from) unless they say otherwise.
 */
import type { ConcatEntry, WorkingCopySource } from '../../../src-shared/ffmpeg-args/export';
import { REENCODE_DECODE_MARGIN_S } from '../../../src-shared/ffmpeg-args/export';
import type { CutPoints, ProbedInput } from './working-copy-probe';

export interface PlanInput {
  probed: ProbedInput;
  /** Seconds into this file to start from (0 for "from its start"). */
  inpointS: number;
  /** Seconds into this file to stop at, or null for its end. */
  outpointS: number | null;
  /** Where the file starts on the first input's timeline when the caller knows it (keeps gaps between recordings). */
  startOffsetS: number | null;
  /** The keyframe and first frame around the in-point; needed for the first input and any other with an in-point. */
  cut: CutPoints | null;
}

export interface CopyPlan {
  /** Where ffmpeg starts reading the first file: the keyframe (remux) or a margin before the in-point (re-encode). */
  readFromS: number;
  /** Where the kept pictures start: the keyframe (remux) or the first frame at or after the in-point (re-encode). */
  keepFromS: number;
  /** Where the clip should end, if known: the out-point, or the end of the last file. */
  expectedEndS: number | null;
  /** Each input's own start on the first input's timeline, as ffmpeg will lay them out. */
  offsetsS: number[];
  /** Single input: the file with its fast seek; several: a concat list (written by the caller) and its entries. */
  source: WorkingCopySource;
  concatEntries: ConcatEntry[] | null;
  /** `-t` from keepFromS for a single input; null to the end of the file or when the concat list cuts. */
  durationS: number | null;
  /** Re-encode only: the output `-ss` from readFromS to keepFromS. */
  cutS: number;
}

/** Half a millisecond before the first kept frame, so rounding to microseconds cannot drop it. */
const CUT_SLACK_S = 0.0005;

function checkTimes(input: PlanInput, single: boolean): void {
  const { inpointS, outpointS } = input;
  if (!Number.isFinite(inpointS) || inpointS < 0) throw new RangeError(`working copy: an in-point must be 0 or more seconds; got ${inpointS}`);
  if (outpointS !== null && (!Number.isFinite(outpointS) || (single && outpointS <= inpointS))) {
    throw new RangeError(`working copy: the out-point must come after the in-point; got ${inpointS} to ${outpointS}`);
  }
}

/**
 * Several files through the concat demuxer. Each later file with an in-point starts on its keyframe at or before it
 * (a copy can start nowhere else). With the caller's offsets, each file is placed where the recorder says it starts:
 * the file before it gets a `duration` reaching exactly there (a gap stays a gap) and an out-point there if it runs
 * longer (an overlap is cut, so time never runs backwards).
 */
function planConcat(inputs: readonly PlanInput[], readFromS: number): { entries: ConcatEntry[]; offsetsS: number[]; expectedEndS: number | null } {
  const placed = inputs.length > 1 && inputs.every((input, index) => index === 0 || input.startOffsetS !== null);
  const usedIn = inputs.map((input, index) => (index === 0 ? readFromS : input.inpointS > 0 ? (input.cut?.keyframeS ?? input.inpointS) : 0));
  const ownEnd = (index: number) => inputs[index]!.outpointS ?? inputs[index]!.probed.durationS;
  // Where each file's first used frame lands on the first input's timeline.
  const lands: number[] = [readFromS];
  for (let index = 1; index < inputs.length; index += 1) {
    const previousEnd = ownEnd(index - 1);
    const follows = lands[index - 1]! + Math.max(0, (previousEnd ?? usedIn[index - 1]!) - usedIn[index - 1]!);
    lands.push(placed ? Math.max(lands[index - 1]!, inputs[index]!.startOffsetS! + usedIn[index]!) : follows);
  }
  const entries = inputs.map((input, index): ConcatEntry => {
    const ownStart = input.probed.startTimeS;
    const entry: ConcatEntry = { file: input.probed.absPath };
    if (index === 0 || usedIn[index]! > 0) entry.inpointS = ownStart + usedIn[index]!;
    let outpointS = input.outpointS;
    if (placed && index < inputs.length - 1) {
      entry.durationS = lands[index + 1]! - lands[index]!;
      const reach = usedIn[index]! + entry.durationS;
      if ((input.probed.durationS ?? Infinity) > reach) outpointS = Math.min(outpointS ?? Infinity, reach);
    }
    if (outpointS !== null) entry.outpointS = ownStart + outpointS;
    return entry;
  });
  const lastIndex = inputs.length - 1;
  const lastEnd = ownEnd(lastIndex);
  return {
    entries,
    offsetsS: lands.map((land, index) => land - usedIn[index]!),
    expectedEndS: lastEnd === null ? null : lands[lastIndex]! + lastEnd - usedIn[lastIndex]!,
  };
}

export function planCopy(options: { method: 'remux' | 'reencode'; inputs: readonly PlanInput[]; concatListFile: string }): CopyPlan {
  const { method, inputs } = options;
  const first = inputs[0];
  if (!first?.cut) throw new RangeError('working copy: the first input and its cut points are needed');
  const single = inputs.length === 1;
  for (const input of inputs) checkTimes(input, single);
  const { cut } = first;

  const keepFromS = method === 'remux' ? cut.keyframeS : Math.max(0, (cut.firstFrameS ?? first.inpointS) - CUT_SLACK_S);
  const readFromS = method === 'remux' ? cut.keyframeS : Math.max(0, Math.min(cut.keyframeS, first.inpointS - REENCODE_DECODE_MARGIN_S));
  const cutS = method === 'remux' ? 0 : keepFromS - readFromS;

  if (single) {
    const end = first.outpointS ?? first.probed.durationS;
    return {
      readFromS,
      keepFromS,
      expectedEndS: end,
      offsetsS: [0],
      source: { kind: 'file', file: first.probed.absPath, seekS: readFromS },
      concatEntries: null,
      durationS: first.outpointS === null ? null : first.outpointS - keepFromS,
      cutS,
    };
  }
  const { entries, offsetsS, expectedEndS } = planConcat(inputs, readFromS);
  // The list's out-point cuts by decode time, a frame or two late with B-frames; a re-encode can end exactly.
  const lastOutpoint = inputs.at(-1)?.outpointS ?? null;
  const durationS = method === 'reencode' && lastOutpoint !== null && expectedEndS !== null ? expectedEndS - keepFromS : null;
  return { readFromS, keepFromS, expectedEndS, offsetsS, source: { kind: 'concat', listFile: options.concatListFile }, concatEntries: entries, durationS, cutS };
}
