/**
 * The export job: masters and working copies (side by side, or one after the other when trimming also needs ffmpeg),
 * then stills, then the list of files (export.json), all in one folder. The whole folder is a tracked output of the
 * job, so a cancel, a failure or a crash (at the next start) removes everything it wrote; only a finished export stays.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ExportOptions, ExportOutput } from '../../../src-shared/domain/export';
import type { JobContext } from '../jobs/job-manager';
import { runPool } from '../jobs/pool';
import type { Logger } from '../logger';
import type { MediaTools } from '../media/binaries';
import type { ProbeCache } from '../playback/probe-cache';
import { costExport, probeClipSources } from './export-estimate';
import { copyMaster, copyStill, inFolder, trimMaster } from './export-masters';
import type { ExportPlan } from './export-plan';
import { createWeightedProgress, type ProgressPart } from './export-progress';
import { flushToDisk } from './hashed-copy';
import { exportWorkingCopy, type WorkingCopyTools } from './export-working';
import { toolVersion } from './working-copy-steps';

/** At most two ffmpeg processes at once: two cores is the smallest machine Handover supports. */
export const MAX_FFMPEG_PROCESSES = 2;

export const FINALIZING_PHASE = 'Writing the list of files and their fingerprints';

export interface ExportJobResult {
  exportId: string;
  outputs: number;
  incomplete: number;
  totalBytes: number;
}

export interface RunExportOptions {
  ctx: JobContext;
  exportId: string;
  /** The export folder (absolute); must not exist yet. */
  folder: string;
  plan: ExportPlan;
  exportOptions: ExportOptions;
  caseReference: string;
  tools: MediaTools;
  workingCopies: WorkingCopyTools;
  probeCache: ProbeCache;
  splitBytes: number;
  logger: Logger;
  /** What export.json says besides the outputs (ids, case, options, times). */
  describe: (options: { outputs: ExportOutput[]; ffmpegVersion: string; encoder: string }) => Record<string, unknown>;
  /** Saves the outputs in SQLite; called once everything, export.json included, is written. */
  saveOutputs: (outputs: ExportOutput[]) => void;
}

export async function runExportJob(options: RunExportOptions): Promise<ExportJobResult> {
  const { ctx, plan, folder, exportOptions, tools, logger } = options;
  const { signal } = ctx;
  // Tracked before it exists, so even a crash between the two leaves nothing behind.
  ctx.trackOutput(folder);
  await fs.promises.mkdir(path.dirname(folder), { recursive: true });
  // Not recursive: the export's own folder must be new, never one left by something else.
  await fs.promises.mkdir(folder);
  ctx.progress({ phase: 'Looking at the recordings', ratio: 0 });

  const masters: ExportOutput[][] = [];
  const working: ExportOutput[][] = [];
  const trimmed = exportOptions.masters === 'trimmed';
  // One lane failing stops the other at once, rather than after it has copied gigabytes for nothing.
  const lanes = new AbortController();
  const laneSignal = AbortSignal.any([signal, lanes.signal]);
  // How far each master copy has got; its progress part exists only once the estimate has weighed everything.
  const masterFractions = plan.masters.map(() => 0);
  let masterParts: ProgressPart[] | null = null;
  const masterProgress = (index: number, fraction: number) => {
    masterFractions[index] = Math.max(masterFractions[index]!, fraction);
    masterParts?.[index]!.set(fraction);
  };

  const copyMasters = () =>
    runPool({
      items: plan.masters,
      // Byte copies one at a time: two reads at once from a recorder's disk or a USB stick only make both slower.
      concurrency: trimmed ? MAX_FFMPEG_PROCESSES : 1,
      signal: laneSignal,
      worker: async (master, index) => {
        let copied = 0;
        const onProgress = (fraction: number) => masterProgress(index, fraction);
        masters[index] = trimmed
          ? await trimMaster({ master, folder, splitBytes: options.splitBytes, tools, ffmpegVersion: await ffmpegVersion, logger, signal: laneSignal, onProgress })
          : await copyMaster({ master, folder, splitBytes: options.splitBytes, signal: laneSignal, onBytes: (bytes, total) => onProgress((copied += bytes) / total) });
        onProgress(1);
      },
    });
  const makeWorkingCopies = () =>
    runPool({
      items: plan.clips,
      concurrency: MAX_FFMPEG_PROCESSES,
      signal: laneSignal,
      worker: async (planned, index) => {
        working[index] = await exportWorkingCopy({
          planned,
          folder,
          exportOptions,
          caseReference: options.caseReference,
          tools,
          encoder,
          workingCopies: options.workingCopies,
          splitBytes: options.splitBytes,
          logger,
          signal: laneSignal,
          onEncode: encodeParts[index]!.set,
          onHash: hashParts[index]!.set,
        });
      },
    });
  // The first failure is the one to report; the other lane then fails only because it was stopped.
  let firstFailure: { error: unknown } | null = null;
  const lane = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      firstFailure ??= { error };
      lanes.abort();
    }
  };

  const ffmpegVersion = toolVersion({ tool: tools.ffmpeg, logger });
  // Byte-for-byte copies need nothing from the probes below, so they start at once; the working copies wait for them.
  const earlyMasters = trimmed ? null : lane(copyMasters);
  let looked: [string, string, Awaited<ReturnType<typeof probeClipSources>>];
  try {
    looked = await Promise.all([options.workingCopies.detectH264Encoder({ tools, logger }), ffmpegVersion, probeClipSources({ plan, probeCache: options.probeCache, logger })]);
    ctx.throwIfCancelled();
  } catch (error) {
    // Nothing may still be writing when the job removes the folder.
    lanes.abort();
    await earlyMasters;
    throw error;
  }
  const [encoder, , probes] = looked;
  const costed = costExport({ plan, probes, exportOptions, encoder });
  const progress = createWeightedProgress({ ctx });
  masterParts = costed.masters.map((item) => progress.part(item.estimatedSeconds));
  masterParts.forEach((part, index) => part.set(masterFractions[index]!));
  const encodeParts = costed.working.map((item) => progress.part(item.encodeSeconds));
  const hashParts = costed.working.map((item) => progress.part(item.hashSeconds));
  const stillParts = costed.stills.map((item) => progress.part(item.estimatedSeconds));

  if (trimmed) {
    // Trimming runs ffmpeg too, so the two steps take turns to keep to two ffmpeg processes.
    progress.phase('Trimming the original recordings to the clips');
    await lane(copyMasters);
    if (!firstFailure) {
      progress.phase('Making the working copies');
      await lane(makeWorkingCopies);
    }
  } else {
    // Side by side: the copies are this process hashing, the working copies are ffmpeg and then hashing in a worker
    // thread, so on two cores both go at nearly full speed, and the second read of each recording mostly comes from
    // the disk cache. Each output is flushed to the disk as soon as it is finished, while the rest goes on.
    // Both lanes are waited for, even after a failure, so nothing is still writing when the job removes the folder.
    progress.phase('Copying the original recordings and making the working copies');
    await Promise.all([earlyMasters, lane(makeWorkingCopies)]);
  }
  if (firstFailure) throw (firstFailure as { error: unknown }).error;
  ctx.throwIfCancelled();

  const stills: ExportOutput[] = [];
  progress.phase('Copying the stills');
  for (const [index, planned] of plan.stills.entries()) {
    stills.push(await copyStill({ planned, folder, signal }));
    stillParts[index]!.done();
  }
  ctx.throwIfCancelled();

  ctx.finalizing(FINALIZING_PHASE);
  const outputs = [...masters.flat(), ...working.flat(), ...stills];
  const manifest = inFolder({ folder, relPath: 'export.json' });
  const temporary = `${manifest}.partial`;
  await fs.promises.writeFile(temporary, `${JSON.stringify(options.describe({ outputs, ffmpegVersion: await ffmpegVersion, encoder }), null, 2)}\n`, { flag: 'wx' });
  await flushToDisk(temporary);
  await fs.promises.rename(temporary, manifest);
  ctx.throwIfCancelled();
  options.saveOutputs(outputs);
  return {
    exportId: options.exportId,
    outputs: outputs.length,
    incomplete: outputs.filter((output) => output.status === 'incomplete').length,
    totalBytes: outputs.reduce((sum, output) => sum + output.size, 0),
  };
}
