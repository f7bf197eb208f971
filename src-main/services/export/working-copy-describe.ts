/**
 * The processing steps of one working copy in plain words, with the parameters someone would need to repeat it:
 * which files, which points in them, which settings, and the concat list ffmpeg read (it is deleted afterwards).
 */
import type { Enhancement, ExportPreset, ProcessingStep } from '../../../src-shared/domain/export';
import type { AppliedFilter, IndexPlacement, WorkingCopyDecision } from '../../../src-shared/ffmpeg-args/export';
import { encoderArgs } from '../../../src-shared/ffmpeg-args/export-encoders';
import type { CopyPlan } from './working-copy-plan';
import type { CutPoints, ProbedInput } from './working-copy-probe';
import { clockText, filterSteps, makeStep, type StepRun } from './working-copy-steps';

export interface DescribeRunOptions {
  run: StepRun;
  decision: WorkingCopyDecision;
  request: {
    preset: ExportPreset;
    encoder: string;
    caption: { caseReference: string; cameraLabel: string; timeZone: string; trueStartMs: number } | null;
    enhancement: Enhancement | null;
  };
  probed: readonly ProbedInput[];
  inputs: readonly { inpointS: number; outpointS: number | null; startOffsetS?: number | null }[];
  plan: CopyPlan;
  cut: CutPoints;
  filters: readonly AppliedFilter[];
  concatList: string | null;
  /**
   * Where the index went (remux only; a re-encode always uses +faststart): the placement of the run that made the
   * file, and the room first reserved when that turned out too small and the copy was made again with +faststart.
   */
  index?: { placement: IndexPlacement; tooSmall: { bytes: number } | null };
  output: { firstPtsS: number; lastPtsS: number; incomplete: string | null };
}

/** The sentence about the index, and its parameters. */
function indexSentence(index: DescribeRunOptions['index']): { sentence: string; parameters: Record<string, unknown> } {
  const placement = index?.placement ?? { kind: 'faststart' };
  if (placement.kind === 'reserved') {
    return {
      sentence: `The MP4's index is at the front so it starts playing at once (ffmpeg wrote it into room kept for it at the start of the file, -moov_size ${placement.bytes}).`,
      parameters: { index: 'reserved', indexReservedBytes: placement.bytes },
    };
  }
  if (index?.tooSmall) {
    return {
      sentence:
        `The MP4's index is at the front (+faststart) so it starts playing at once. (The room first kept for it at the start of the file, ` +
        `${index.tooSmall.bytes} bytes, turned out too small, so that attempt was discarded and the copy made again this way.)`,
      parameters: { index: 'faststart', indexReservedBytesTooSmall: index.tooSmall.bytes },
    };
  }
  return { sentence: "The MP4's index is at the front (+faststart) so it starts playing at once.", parameters: { index: 'faststart' } };
}

function audioSentence(options: { decision: WorkingCopyDecision; probed: readonly ProbedInput[] }): string {
  const codec = options.probed[0]?.facts.audioCodecName ?? null;
  if (codec === null) return 'The recording has no sound.';
  if (options.decision.method === 'reencode') return `The sound (${codec}) was encoded as AAC.`;
  return options.decision.audio === 'copy' ? 'The sound (AAC) is copied as recorded.' : `The sound (${codec}) was converted to AAC, which MP4 players expect.`;
}

function spanSentence(options: DescribeRunOptions): string {
  const { probed, inputs } = options;
  const first = probed[0]!;
  const last = probed.at(-1)!;
  const outpoint = inputs.at(-1)?.outpointS ?? null;
  const end = outpoint === null ? `the end of ${last.name}` : `${clockText(outpoint)} in ${last.name}`;
  const from = `${clockText(inputs[0]!.inpointS)} in ${first.name}`;
  const joined = probed.length > 1 ? ` The clip spans ${probed.length} recordings, joined in order by ffmpeg's concat demuxer; the list it read is in the parameters.` : '';
  return `The clip runs from ${from} to ${end}.${joined}`;
}

export function describeRun(options: DescribeRunOptions): ProcessingStep[] {
  const { run, decision, request, probed, inputs, plan, cut, filters, output } = options;
  const common = {
    inputs: probed.map((p, index) => ({
      file: p.absPath,
      inpointS: inputs[index]?.inpointS ?? 0,
      outpointS: inputs[index]?.outpointS ?? null,
      startOffsetS: plan.offsetsS[index] ?? null,
      format: p.facts.formatName,
      videoCodec: p.facts.video.codecName,
      audioCodec: p.facts.audioCodecName,
    })),
    ...(options.concatList === null ? {} : { concatList: options.concatList }),
    outputFirstPtsS: output.firstPtsS,
    outputLastPtsS: output.lastPtsS,
    ...(output.incomplete === null ? {} : { incomplete: output.incomplete }),
  };

  if (decision.method === 'remux') {
    const index = indexSentence(options.index);
    const description =
      `Repackaged the camera's H.264 video into an MP4 without re-encoding it (stream copy): every picture is exactly as recorded. ` +
      `${spanSentence(options)} The copy starts on the keyframe at ${clockText(cut.keyframeS)}, at or before the clip's start, because a copy can only start on a keyframe. ` +
      `${audioSentence(options)} ${index.sentence}`;
    return [makeStep({ run, description, parameters: { method: 'remux', keyframeS: cut.keyframeS, audio: decision.audio, ...index.parameters, ...common } })];
  }

  const quality = encoderArgs({ encoder: request.encoder, preset: request.preset });
  const description =
    `Re-encoded the video as H.264 (${request.encoder}, High profile, 4:2:0) in an MP4, because: ${decision.reasons.join(' ')} ` +
    `${spanSentence(options)} It starts on the first frame at or after the clip's start (${clockText(cut.firstFrameS ?? plan.keepFromS)}). ` +
    `${audioSentence(options)} The MP4's index is at the front (+faststart) so it starts playing at once.`;
  const main = makeStep({
    run,
    description,
    parameters: {
      method: 'reencode',
      reasons: decision.reasons,
      preset: request.preset,
      encoder: request.encoder,
      encoderArgs: quality,
      filterGraph: filters.map((applied) => applied.filter).join(','),
      decodeFromS: plan.readFromS,
      firstFrameS: cut.firstFrameS,
      ...common,
    },
  });
  const withCaption = filters.map((applied) =>
    applied.name === 'caption' && request.caption
      ? {
          ...applied,
          parameters: {
            caseReference: request.caption.caseReference,
            cameraLabel: request.caption.cameraLabel,
            timeZone: request.caption.timeZone,
            trueStartMs: request.caption.trueStartMs,
            trueStart: new Date(request.caption.trueStartMs).toISOString(),
          },
        }
      : applied,
  );
  return [main, ...filterSteps({ run, filters: withCaption })];
}
