/**
 * Splits a working copy too big for a FAT32 USB stick into parts, by stream copy at keyframes (see export-split.ts).
 * Part lengths come from the average bitrate; any part that still comes out too big is split again, so every part is
 * checked against the limit, not just estimated.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ProcessingStep } from '../../../src-shared/domain/export';
import { buildSplitArgs, estimateSegmentSeconds, segmentFile, segmentPattern } from '../../../src-shared/ffmpeg-args/export-split';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import type { MediaTools } from '../media/binaries';
import { probeMedia } from '../media/probe';
import { runTool } from '../media/runner';
import { probeOutput } from './working-copy-probe';
import { makeStep, toolVersionLine, type StepRun } from './working-copy-steps';

export interface SplitOptions {
  file: string;
  maxBytes: number;
  tools: MediaTools;
  logger: Logger;
  signal: AbortSignal;
}

export interface SplitResult {
  files: string[];
  steps: ProcessingStep[];
  /** Each part with where it starts and ends, in seconds from the first frame of the file that was split. */
  parts?: { file: string; startS: number; endS: number }[];
}

/** A part is split again at most this many times; a part that will not shrink has one huge stretch between keyframes. */
const MAX_RESPLITS = 4;

function baseOf(file: string): string {
  return file.slice(0, file.length - path.extname(file).length);
}

/** Files the split may have made: `<base>.part…mp4` beside the original. */
function madeFiles(base: string): string[] {
  const dir = path.dirname(base);
  const prefix = `${path.basename(base)}.part`;
  return fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(prefix) && name.endsWith('.mp4'))
    .map((name) => path.join(dir, name));
}

/** The numbered files one segment run made, in order. */
function segmentsMade(base: string, label: string): string[] {
  const files: string[] = [];
  for (let n = 1; fs.existsSync(segmentFile({ base, label, n })); n += 1) files.push(segmentFile({ base, label, n }));
  return files;
}

async function durationOf(options: { file: string; tools: MediaTools; logger: Logger; signal: AbortSignal }): Promise<number> {
  const probe = await probeMedia({ ffprobe: options.tools.ffprobe, file: options.file, logger: options.logger, signal: options.signal });
  if (probe.durationS === null || probe.durationS <= 0) throw new AppError('media_failed', `${path.basename(options.file)} has no length ffprobe can read, so it cannot be split.`);
  return probe.durationS;
}

/** One segment run over `inFile`, writing `<base>.<label>1.mp4`, …; returns the files and the run for the manifest. */
async function splitOnce(options: SplitOptions & { inFile: string; base: string; label: string; safety: number; toolVersion: string }) {
  const size = fs.statSync(options.inFile).size;
  const durationS = await durationOf({ ...options, file: options.inFile });
  const segmentS = estimateSegmentSeconds({ sizeBytes: size, durationS, maxBytes: options.maxBytes, safety: options.safety });
  const args = buildSplitArgs({ inFile: options.inFile, segmentS, pattern: segmentPattern({ base: options.base, label: options.label }), startNumber: 1 });
  const { commandLine } = await runTool({ tool: options.tools.ffmpeg, args, logger: options.logger, signal: options.signal });
  const run: StepRun = { tool: options.tools.ffmpeg, toolVersion: options.toolVersion, commandLine };
  return { files: segmentsMade(options.base, options.label), run, segmentS };
}

/** Renames the parts to `<base>.part1.mp4`, … in order, via temporary names so no rename lands on a part still to move. */
function renumber(base: string, parts: string[]): { files: string[]; renamed: Record<string, string> } {
  const renamed: Record<string, string> = {};
  const staged = parts.map((file, index) => {
    const temporary = `${base}.part${index + 1}.renumbering.mp4`;
    fs.renameSync(file, temporary);
    return { from: file, temporary, to: segmentFile({ base, label: 'part', n: index + 1 }) };
  });
  for (const { from, temporary, to } of staged) {
    fs.renameSync(temporary, to);
    if (from !== to) renamed[path.basename(from)] = path.basename(to);
  }
  return { files: staged.map((entry) => entry.to), renamed };
}

/**
 * Splits an MP4 bigger than `maxBytes` into playable parts of at most `maxBytes` each (cut at keyframes, by stream
 * copy), written as `<base>.part1.mp4`, … next to it; returns the part files in order (just the file itself when it
 * fits). The original is removed once every part is written and checked.
 */
export async function splitWorkingCopy(options: SplitOptions): Promise<SplitResult> {
  const { file, maxBytes, tools, logger, signal } = options;
  if (!(maxBytes > 0)) throw new RangeError(`split: the part limit must be positive; got ${maxBytes}`);
  if (fs.statSync(file).size <= maxBytes) return { files: [file], steps: [] };
  const base = baseOf(file);
  if (madeFiles(base).length > 0) throw new AppError('conflict', `Parts of ${path.basename(file)} already exist in the export folder; they were left as they are.`);
  const limit = `${maxBytes.toLocaleString('en-GB')} bytes`;

  try {
    const toolVersion = await toolVersionLine({ tool: tools.ffmpeg, logger });
    const firstRun = await splitOnce({ ...options, inFile: file, base, label: 'part', safety: 0.85, toolVersion });
    const steps: { run: StepRun; description: string; parameters: Record<string, unknown> }[] = [
      {
        run: firstRun.run,
        description:
          `Split the working copy into parts of at most ${limit} each, because FAT32 USB sticks cannot hold files over 4 GiB. ` +
          'The cuts are at keyframes and by stream copy, so no picture was re-encoded; each part starts at 0 and has its index at the front.',
        parameters: { maxBytes, segmentS: firstRun.segmentS, parts: firstRun.files.map((part) => path.basename(part)) },
      },
    ];
    let parts = firstRun.files;
    let resplits = 0;
    for (let oversized = parts.findIndex((part) => fs.statSync(part).size > maxBytes); oversized >= 0; oversized = parts.findIndex((part) => fs.statSync(part).size > maxBytes)) {
      const big = parts[oversized]!;
      const bigBase = baseOf(big);
      resplits += 1;
      const again = resplits > MAX_RESPLITS ? null : await splitOnce({ ...options, inFile: big, base: bigBase, label: 'sub', safety: 0.7, toolVersion });
      if (again === null || again.files.length < 2) {
        throw new AppError('media_failed', `Part of ${path.basename(file)} cannot be split below ${limit}: the stretch between two keyframes is bigger than that.`);
      }
      steps.push({
        run: again.run,
        description: `Split ${path.basename(big)} again, the same way, because it came out bigger than ${limit}.`,
        parameters: { maxBytes, segmentS: again.segmentS, parts: again.files.map((part) => path.basename(part)) },
      });
      fs.rmSync(big);
      parts = [...parts.slice(0, oversized), ...again.files, ...parts.slice(oversized + 1)];
    }

    const { files, renamed } = renumber(base, parts);
    if (Object.keys(renamed).length > 0) steps.at(-1)!.parameters.renamedAfterwards = renamed;

    const timed: { file: string; startS: number; endS: number }[] = [];
    for (const part of files) {
      const out = await probeOutput({ tools, logger, signal, file: part });
      if (out === null || out.codecName !== 'h264') throw new AppError('media_failed', `${path.basename(part)} came out without playable video, so the split was undone.`);
      const startS = timed.at(-1)?.endS ?? 0;
      timed.push({ file: part, startS, endS: startS + (out.lastPtsS + out.frameDurationS - out.firstPtsS) });
    }
    fs.rmSync(file);
    return { files, steps: steps.map((step) => makeStep(step)), parts: timed };
  } catch (error) {
    for (const made of madeFiles(base)) fs.rmSync(made, { force: true });
    if (signal.aborted) throw new AppError('cancelled', 'Cancelled.', { cause: error });
    throw error;
  }
}
