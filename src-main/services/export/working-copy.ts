/**
 * One working copy of one clip on one camera: an H.264 MP4 (yuv420p, High or Main profile, AAC when there is audio,
 * the index at the front) that any police PC plays. The contract between the export job and the ffmpeg side (issue 5).
 *
 * The camera's own H.264 is remuxed (copied, not re-encoded) whenever it can be; see export-decision.ts for when it
 * cannot. Every ffmpeg run becomes a processing step with its exact command line, so the police can repeat it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Enhancement, ExportPreset, ProcessingStep } from '../../../src-shared/domain/export';
import {
  buildCaptionFilters,
  buildConcatList,
  buildReencodeArgs,
  buildRemuxArgs,
  buildWorkingCopyFilters,
  decideWorkingCopyMethod,
  FASTSTART,
  indexPlacement,
  indexProblem,
  reservedIndexBytes,
  scaledSize,
  type IndexPlacement,
  type WorkingCopyDecision,
} from '../../../src-shared/ffmpeg-args/export';
import { PLAYABLE_PIXEL_FORMATS } from '../../../src-shared/ffmpeg-args/export-decision';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import type { MediaTools } from '../media/binaries';
import { resolveBundledFont } from '../media/font';
import { runTool, ToolFailedError, type RunToolResult } from '../media/runner';
import { planCopy, type CopyPlan, type PlanInput } from './working-copy-plan';
import { damagedError, findCutPoints, probeInputs, probeOutput, toolProblem, type CutPoints, type OutputFacts, type ProbedInput } from './working-copy-probe';
import { describeRun } from './working-copy-describe';
import { toolVersionLine } from './working-copy-steps';

export { splitWorkingCopy } from './working-copy-split';
export { detectH264Encoder } from './working-copy-encoders';

/** A source recording the clip overlaps, in time order; the clip may span several. */
export interface WorkingCopyInput {
  absPath: string;
  /**
   * Seconds into this file (from its first timestamp, as ffmpeg's -ss counts) where the clip starts: the first file's,
   * or a later file's when recordings overlap, else 0. A remux starts at the keyframe at or before it.
   */
  inpointS: number;
  /** Seconds into this file where the clip ends (last file), or null for "to the end of the file". */
  outpointS: number | null;
  /**
   * Optional: where this file starts, in seconds after the first input's start (from the recordings' true start
   * times). Given for every input after the first, gaps between recordings stay gaps, so the caption's clock and
   * lastPtsS stay true; without it each file follows straight on from the previous one's end.
   */
  startOffsetS?: number | null;
}

export interface WorkingCopyRequest {
  inputs: WorkingCopyInput[];
  /** The new file to write (a temporary name in the export folder); must not exist. */
  outFile: string;
  preset: ExportPreset;
  /**
   * Burnt-in caption, or null: the text parts; the true time is drawn by ffmpeg from the frame times. `trueStartMs` is
   * the true time at the clip's in-point (inputs[0].inpointS).
   */
  caption: { caseReference: string; cameraLabel: string; timeZone: string; trueStartMs: number } | null;
  enhancement: Enhancement | null;
  tools: MediaTools;
  /** The H.264 encoder to use when re-encoding (see working-copy-encoders.ts): 'libx264' or a hardware one found to work. */
  encoder: string;
  logger: Logger;
  signal: AbortSignal;
  /** 0..1 through this copy. */
  onProgress?: (ratio: number) => void;
  /** Optional: the clip's name for messages, e.g. "Till, 14:01:50 to 14:03:20". */
  clipLabel?: string;
  /** Optional: the caption font; the bundled DejaVu Sans Mono by default. */
  fontFile?: string;
}

export interface WorkingCopyResult {
  method: 'remux' | 'reencode';
  /** Why a re-encode was needed, in plain words; '' for remux. */
  reason: string;
  /** Each ffmpeg run, with its exact command line and the ffmpeg version. */
  steps: ProcessingStep[];
  /** From ffprobe of the output: the first and last video timestamps, in seconds relative to the first input's start. */
  firstPtsS: number;
  lastPtsS: number;
  /** Set when a source was damaged or cut short and the copy is shorter than asked. */
  incomplete: string | null;
}

/** Shortfalls below this are rounding and frame spacing, not missing footage. */
const SHORTFALL_TOLERANCE_S = 1;

function removeQuietly(file: string): void {
  fs.rmSync(file, { force: true });
}

function captionFilters(options: { request: WorkingCopyRequest; plan: CopyPlan; inpointS: number; frame: { width: number; height: number } }): string | null {
  const { request, plan, inpointS, frame } = options;
  const { caption } = request;
  if (caption === null) return null;
  const size = scaledSize({ preset: request.preset, ...frame });
  return buildCaptionFilters({
    caseReference: caption.caseReference,
    cameraLabel: caption.cameraLabel,
    timeZone: caption.timeZone,
    // The filters see frame times counted from where decoding starts (readFromS), not from the in-point.
    trueMsAtFilterZero: caption.trueStartMs - (inpointS - plan.readFromS) * 1000,
    spanS: (plan.expectedEndS ?? plan.readFromS + 86_400) - plan.readFromS,
    fontFile: request.fontFile ?? resolveBundledFont(),
    frameWidth: size.width,
    frameHeight: size.height,
  });
}

/** Plain words for a copy that is shorter than asked, or null when it is whole. */
function shortfall(options: { plan: CopyPlan; inpointS: number; firstPtsS: number; endS: number; firstName: string; lastName: string }): string | null {
  const notes: string[] = [];
  const late = options.firstPtsS - options.inpointS;
  if (late > SHORTFALL_TOLERANCE_S) {
    notes.push(`The first ${Math.round(late)} s of the clip are missing from the recording ${options.firstName}; the working copy starts after them.`);
  }
  const early = options.plan.expectedEndS === null ? 0 : options.plan.expectedEndS - options.endS;
  if (early > SHORTFALL_TOLERANCE_S) notes.push(`The recording ${options.lastName} ends ${Math.round(early)} s early; the working copy stops there.`);
  return notes.length > 0 ? notes.join(' ') : null;
}

function checkPlayable({ out, method, clipLabel }: { out: OutputFacts | null; method: 'remux' | 'reencode'; clipLabel: string | undefined }): OutputFacts {
  const clip = clipLabel ? ` of clip ${clipLabel}` : '';
  if (out === null) throw new AppError('media_failed', `The working copy${clip} came out with no pictures in it, so it cannot be used.`);
  const formats = method === 'remux' ? PLAYABLE_PIXEL_FORMATS : new Set(['yuv420p']);
  if (out.codecName !== 'h264' || out.pixFmt === null || !formats.has(out.pixFmt)) {
    throw new AppError(
      'media_failed',
      `The working copy${clip} came out as ${out.codecName ?? 'unknown'} ${out.pixFmt ?? ''}, not H.264 in 4:2:0, so it might not play on police PCs.`,
    );
  }
  return out;
}

/**
 * Where the copy's anchor frame (its first keyframe for a remux, its first frame for a re-encode) sits in the first
 * input. It should be the frame the plan aimed at, whose time ffprobe gave exactly; the output's own timestamps say
 * the same to within rounding. When they disagree by more, the source lost frames there and the timestamps are trusted.
 */
function anchorTime(options: { decision: WorkingCopyDecision; cut: CutPoints; plan: CopyPlan; anchorPts: number; frameDurationS: number; logger: Logger }): number {
  const { decision, cut, plan } = options;
  const aimed = decision.method === 'remux' ? cut.keyframeS : (cut.firstFrameS ?? plan.keepFromS);
  const measured = plan.keepFromS + options.anchorPts;
  if (Math.abs(measured - aimed) <= Math.max(2 * options.frameDurationS, 0.25)) return aimed;
  options.logger.warn('working copy starts elsewhere than planned', { aimedS: aimed, measuredS: measured });
  return measured;
}

/** The highest frame rate among the inputs (which sets how many frames the copy holds), or null if any is unknown. */
function highestFrameRate(probed: readonly ProbedInput[]): number | null {
  const rates = probed.map((input) => input.frameRate);
  return rates.some((rate) => rate === null) ? null : Math.max(...(rates as number[]));
}

/** ffmpeg's last line of complaint, without its "[mp4 @ 0x…]" prefix. */
function lastLine(outcome: { run: RunToolResult | null; error?: unknown }): string {
  const tail = outcome.run?.stderrTail ?? (outcome.error instanceof ToolFailedError ? outcome.error.stderrTail : '');
  const lines = tail.split('\n').map((line) => line.replace(/^\[[^\]]*\]\s*/, '').trim()).filter(Boolean);
  return lines.find((line) => /reserved_moov_size|Error writing trailer/.test(line)) ?? lines.at(-1) ?? 'nothing';
}

/** ffprobe of the finished copy; a copy ffprobe cannot read is as good as none. */
async function readBack(options: { tools: MediaTools; logger: Logger; signal: AbortSignal; file: string; clipLabel?: string }): Promise<OutputFacts | null> {
  try {
    return await probeOutput(options);
  } catch (error) {
    if (options.signal.aborted || (error instanceof AppError && error.code !== 'media_failed')) throw error;
    const clip = options.clipLabel ? ` of clip ${options.clipLabel}` : '';
    throw new AppError('media_failed', `The working copy${clip} could not be read back (${toolProblem(error)}), so it was not kept.`, { cause: error });
  }
}

export async function makeWorkingCopy(request: WorkingCopyRequest): Promise<WorkingCopyResult> {
  const { inputs, outFile, tools, logger, signal, clipLabel } = request;
  const first = inputs[0];
  const last = inputs.at(-1);
  if (!first || !last) throw new RangeError('working copy: at least one input is needed');
  if (fs.existsSync(outFile)) throw new AppError('conflict', `${path.basename(outFile)} already exists in the export folder; it was left as it is.`);
  const context = { tools, logger, signal };
  const concatListFile = path.join(path.dirname(outFile), `.${path.basename(outFile)}.concat.txt`);

  try {
    const probed = await probeInputs({ ...context, files: inputs.map((input) => input.absPath), clipLabel });
    const decision = decideWorkingCopyMethod({ inputs: probed.map((p) => p.facts), preset: request.preset, captioned: request.caption !== null, enhancement: request.enhancement });
    const firstInput = probed[0]!;
    const cut = await findCutPoints({ ...context, input: firstInput, inpointS: first.inpointS, clipLabel });
    const planInputs: PlanInput[] = [];
    for (const [index, input] of inputs.entries()) {
      const own = probed[index]!;
      // Later files start on a keyframe too when they are entered part-way (recorders sometimes overlap files).
      const ownCut = index === 0 ? cut : input.inpointS > 0 ? await findCutPoints({ ...context, input: own, inpointS: input.inpointS, clipLabel }) : null;
      planInputs.push({ probed: own, inpointS: input.inpointS, outpointS: input.outpointS, startOffsetS: input.startOffsetS ?? null, cut: ownCut });
    }
    const plan = planCopy({ method: decision.method, inputs: planInputs, concatListFile });
    const concatList = plan.concatEntries === null ? null : buildConcatList(plan.concatEntries);
    if (concatList !== null) fs.writeFileSync(concatListFile, concatList);

    const video = firstInput.facts.video;
    const filters =
      decision.method === 'remux'
        ? []
        : buildWorkingCopyFilters({
            enhancement: request.enhancement,
            preset: request.preset,
            sourceWidth: video.width,
            sourceHeight: video.height,
            captionFilters: captionFilters({ request, plan, inpointS: first.inpointS, frame: { width: video.width ?? 640, height: video.height ?? 480 } }),
          });
    const streams = { videoIndex: firstInput.videoIndex, audioIndex: firstInput.audioIndex };
    const expectedS = plan.expectedEndS === null ? null : plan.expectedEndS - plan.keepFromS;
    const chosenIndex: IndexPlacement =
      decision.method === 'remux'
        ? indexPlacement(reservedIndexBytes({ durationS: expectedS, frameRate: highestFrameRate(probed), audio: streams.audioIndex !== null && decision.audio !== 'none' }))
        : FASTSTART;
    const argsFor = (index: IndexPlacement) =>
      decision.method === 'remux'
        ? buildRemuxArgs({ source: plan.source, durationS: plan.durationS, ...streams, audio: decision.audio, outFile, index })
        : buildReencodeArgs({
            source: plan.source,
            cutS: plan.cutS,
            durationS: plan.durationS,
            ...streams,
            filters: filters.map((applied) => applied.filter).join(','),
            encoder: request.encoder,
            preset: request.preset,
            frameRate: firstInput.frameRate,
            outFile,
          });

    let reported = 0;
    const toolVersion = await toolVersionLine({ tool: tools.ffmpeg, logger });
    const attempt = async (index: IndexPlacement): Promise<{ run: RunToolResult | null; problem: ReturnType<typeof indexProblem>; error?: unknown }> => {
      try {
        const run = await runTool({
          tool: tools.ffmpeg,
          args: argsFor(index),
          logger,
          signal,
          onProgress: (progress) => {
            if (!request.onProgress || expectedS === null || expectedS <= 0 || progress.outTimeS === null) return;
            // Never 1 here: checking the copy is still to come.
            const ratio = Math.min(0.99, progress.outTimeS / expectedS);
            if (ratio > reported) request.onProgress((reported = ratio));
          },
        });
        // ffmpeg 5.1 exits with 0 even when it could not finish the file, so its words are the only sign.
        return { run, problem: indexProblem(run.stderrTail) };
      } catch (error) {
        if (signal.aborted || (error instanceof AppError && error.code !== 'media_failed')) throw error;
        // Later ffmpeg versions fail outright when the room is too small; that is the same case, not damage.
        if (error instanceof ToolFailedError && indexProblem(error.stderrTail) === 'too_small') return { run: null, problem: 'too_small', error };
        throw damagedError({ names: probed.map((p) => p.name), problem: toolProblem(error), clipLabel, cause: error });
      }
    };
    let index = chosenIndex;
    let outcome = await attempt(index);
    let tooSmall: { bytes: number } | null = null;
    if (outcome.problem === 'too_small' && index.kind === 'reserved') {
      // The file is unusable (the index ran over the first pictures): made again the old way, never an export lost.
      logger.warn('working copy: the room reserved for the index was too small; making the copy again with +faststart', { reservedBytes: index.bytes, said: lastLine(outcome) });
      tooSmall = { bytes: index.bytes };
      removeQuietly(outFile);
      index = FASTSTART;
      outcome = await attempt(index);
    }
    if (outcome.problem !== null || outcome.run === null) {
      const clip = clipLabel ? ` of clip ${clipLabel}` : '';
      throw new AppError('media_failed', `ffmpeg could not finish writing the working copy${clip} (it said "${lastLine(outcome)}"), so it was not kept.`, { cause: outcome.error });
    }
    const run = outcome.run;

    const out = checkPlayable({ out: await readBack({ ...context, file: outFile, clipLabel }), method: decision.method, clipLabel });
    const anchorPts = decision.method === 'remux' ? out.firstKeyPtsS : out.firstPtsS;
    const anchorS = anchorTime({ decision, cut, plan, anchorPts, frameDurationS: out.frameDurationS, logger });
    const firstPtsS = anchorS + (out.firstPtsS - anchorPts);
    const lastPtsS = anchorS + (out.lastPtsS - anchorPts);
    const incomplete = shortfall({ plan, inpointS: first.inpointS, firstPtsS, endS: lastPtsS + out.frameDurationS, firstName: firstInput.name, lastName: probed.at(-1)!.name });

    const steps = describeRun({
      run: { tool: tools.ffmpeg, toolVersion, commandLine: run.commandLine },
      decision,
      request: { preset: request.preset, encoder: request.encoder, caption: request.caption, enhancement: request.enhancement },
      probed,
      inputs,
      plan,
      cut,
      filters,
      concatList,
      index: { placement: index, tooSmall },
      output: { firstPtsS, lastPtsS, incomplete },
    });
    request.onProgress?.(1);
    return { method: decision.method, reason: decision.reasons.join(' '), steps, firstPtsS, lastPtsS, incomplete };
  } catch (error) {
    removeQuietly(outFile);
    if (signal.aborted) throw new AppError('cancelled', 'Cancelled.', { cause: error });
    throw error;
  } finally {
    removeQuietly(concatListFile);
  }
}
